// CloudEvents 1.0 both ways (decisions §2): the HTTP binding's binary and structured modes, header
// percent-encoding (handed PC-26), data kinds (PC-13's CloudEvents part), round trips from argo-v0.10,
// the envelope chosen per gateway, and every malformed input answered with its reason.

#include <QTest>

#include "core/ids.h"
#include "core/json.h"
#include "envelope/argo.h"
#include "envelope/cloudevent.h"
#include "envelope/encoder.h"
#include "envelope/httpbinding.h"
#include "envelope/incoming.h"

using namespace gs;
using namespace std::chrono;

Q_DECLARE_METATYPE(std::string)
Q_DECLARE_METATYPE(gs::http::Headers)

namespace {
using Headers = http::Headers;

std::string header(const Headers &headers, std::string_view name)
{
    for (const auto &[k, v] : headers) {
        if (http::headerNameEquals(k, name))
            return v;
    }
    return "<absent>";
}

/** PC-26's probe event. */
CloudEvent probe()
{
    CloudEvent ce;
    ce.id = "1";
    ce.source = "/probe";
    ce.type = "com.example.probe";
    ce.subject = "a b";
    ce.extensions = {{"pct", "100%"}, {"greet", "Grüße"}, {"q", "say \"hi\""}};
    ce.datacontenttype = "application/json";
    ce.hasData = true;
    ce.data = "{\"a\":1}";
    return ce;
}

Event sample(std::string payload, MetaList meta = {})
{
    Event e;
    e.id = "3f3e293a-ef41-41f1-b135-02fc00000001";
    e.time = SysMicros {sys_days {year {2026} / 12 / 3} + hours {10} + microseconds {123456}};
    e.gateway = "webhook-gateway";
    e.source = "example";
    e.type = "webhook";
    e.payload = std::move(payload);
    e.meta = std::move(meta);
    return e;
}

Headers binaryHeaders(Headers extra = {})
{
    Headers h {{"ce-specversion", "1.0"}, {"ce-id", "1"}, {"ce-source", "/probe"}, {"ce-type", "t"}};
    h.insert(h.end(), extra.begin(), extra.end());
    return h;
}

Headers structured()
{
    return {{"Content-Type", "application/cloudevents+json"}};
}

CloudEvent decodeOrFail(const Headers &headers, std::string_view body)
{
    auto ce = decodeHttpEvent(headers, body);
    if (!ce)
        qFatal("not decodable: %s", ce.error().text().c_str());
    return *ce;
}
} // namespace

class TstCloudEvents : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void pc26BinaryEncoding()
    {
        auto m = cehttp::toBinary(probe());
        QVERIFY(m);
        QCOMPARE(header(m->headers, "ce-subject"), std::string("a%20b"));
        QCOMPARE(header(m->headers, "ce-pct"), std::string("100%25"));
        QCOMPARE(header(m->headers, "ce-greet"), std::string("Gr%C3%BC%C3%9Fe"));
        QCOMPARE(header(m->headers, "ce-q"), std::string("say%20%22hi%22"));
        QCOMPARE(header(m->headers, "ce-specversion"), std::string("1.0"));
        QCOMPARE(header(m->headers, "ce-id"), std::string("1"));
        QCOMPARE(header(m->headers, "ce-source"), std::string("/probe"));
        QCOMPARE(header(m->headers, "ce-type"), std::string("com.example.probe"));
        // The data's own type, never application/cloudevents+json; and Content-Type comes first.
        QCOMPARE(m->headers.front().first, std::string("Content-Type"));
        QCOMPARE(m->headers.front().second, std::string("application/json"));
        QCOMPARE(header(m->headers, "ce-datacontenttype"), std::string("<absent>"));
        QCOMPARE(m->body, std::string("{\"a\":1}"));
        // ... and it reads back as the same event.
        auto back = cehttp::fromBinary(m->headers, m->body);
        QVERIFY(back);
        QCOMPARE(*back, probe());
    }

    void encodeHeaderValue_data()
    {
        QTest::addColumn<std::string>("value");
        QTest::addColumn<std::string>("encoded");
        QTest::newRow("plain") << std::string("com.example.probe") << std::string("com.example.probe");
        QTest::newRow("space") << std::string("a b") << std::string("a%20b");
        QTest::newRow("quote") << std::string("\"") << std::string("%22");
        QTest::newRow("percent") << std::string("%41") << std::string("%2541");
        QTest::newRow("tab and newline") << std::string("a\tb\r\n") << std::string("a%09b%0D%0A");
        QTest::newRow("DEL") << std::string("\x7f") << std::string("%7F");
        QTest::newRow("non-ASCII") << std::string("日") << std::string("%E6%97%A5");
        QTest::newRow("printable punctuation kept") << std::string("!#$&'()*+,/:;<=>?@[]^_`{|}~") << std::string("!#$&'()*+,/:;<=>?@[]^_`{|}~");
    }
    void encodeHeaderValue()
    {
        QFETCH(std::string, value);
        QFETCH(std::string, encoded);
        QCOMPARE(cehttp::encodeHeaderValue(value), encoded);
        auto back = cehttp::decodeHeaderValue(encoded);
        QVERIFY(back);
        QCOMPARE(*back, value);
    }

    void decodeHeaderValue_data()
    {
        QTest::addColumn<std::string>("raw");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<std::string>("decoded");
        QTest::newRow("encoded space") << std::string("a%20b") << true << std::string("a b");
        QTest::newRow("quoted legacy value") << std::string("\"a b\"") << true << std::string("a b");
        QTest::newRow("over-encoded") << std::string("%61bc") << true << std::string("abc");
        QTest::newRow("lower-case hex") << std::string("%c3%bc") << true << std::string("ü");
        QTest::newRow("lone percent stays") << std::string("100%") << true << std::string("100%");
        QTest::newRow("percent and one digit") << std::string("%4") << true << std::string("%4");
        QTest::newRow("percent and non-hex") << std::string("%zz1") << true << std::string("%zz1");
        QTest::newRow("raw UTF-8 taken as is") << std::string("Grüße") << true << std::string("Grüße");
        QTest::newRow("raw space") << std::string("a b") << true << std::string("a b");
        QTest::newRow("invalid UTF-8 after decoding") << std::string("%C3%28") << false << std::string();
        QTest::newRow("raw invalid byte") << std::string("a\xff") << false << std::string();
        QTest::newRow("encoded surrogate") << std::string("%ED%A0%80") << false << std::string();
        QTest::newRow("single quote char not unquoted") << std::string("\"") << true << std::string("\"");
    }
    void decodeHeaderValue()
    {
        QFETCH(std::string, raw);
        QFETCH(bool, ok);
        QFETCH(std::string, decoded);
        auto r = cehttp::decodeHeaderValue(raw);
        QCOMPARE(r.has_value(), ok);
        if (ok)
            QCOMPARE(*r, decoded);
    }

    // Structured mode: how each kind of data is written, and that it reads back to the same bytes.
    void structuredData_data()
    {
        QTest::addColumn<std::string>("contentType");
        QTest::addColumn<std::string>("data");
        QTest::addColumn<bool>("hasData");
        QTest::addColumn<std::string>("dataMember"); // the JSON text after "data": or "data_base64":
        QTest::newRow("JSON object") << std::string("application/json") << std::string("{\"a\":1}") << true << std::string("\"data\":{\"a\":1}");
        QTest::newRow("JSON string stays a string") << std::string("application/json") << std::string("\"{\\\"a\\\":1}\"") << true
                                                    << std::string("\"data\":\"{\\\"a\\\":1}\"");
        QTest::newRow("JSON number") << std::string("application/json") << std::string("42") << true << std::string("\"data\":42");
        QTest::newRow("+json suffix") << std::string("application/vnd.x+json; charset=utf-8") << std::string("[1,2]") << true
                                      << std::string("\"data\":[1,2]");
        QTest::newRow("JSON type, bytes not JSON") << std::string("application/json") << std::string("{oops") << true
                                                   << std::string("\"data_base64\":\"e29vcHM=\"");
        QTest::newRow("text") << std::string("text/plain") << std::string("hello \"you\"") << true << std::string("\"data\":\"hello \\\"you\\\"\"");
        QTest::newRow("non-ASCII text") << std::string("text/plain; charset=utf-8") << std::string("Grüße 日本") << true
                                        << std::string("\"data\":\"Grüße 日本\"");
        QTest::newRow("text that is not UTF-8") << std::string("text/plain") << std::string("\xff\xfe") << true
                                                << std::string("\"data_base64\":\"//4=\"");
        QTest::newRow("binary bytes") << std::string("application/octet-stream") << std::string("\x00\x01\x02\xff", 4) << true
                                      << std::string("\"data_base64\":\"AAEC/w==\"");
        QTest::newRow("XML") << std::string("application/xml") << std::string("<a/>") << true << std::string("\"data_base64\":\"PGEvPg==\"");
        QTest::newRow("empty text") << std::string("text/plain") << std::string() << true << std::string("\"data\":\"\"");
        QTest::newRow("no data") << std::string() << std::string() << false << std::string();
    }
    void structuredData()
    {
        QFETCH(std::string, contentType);
        QFETCH(std::string, data);
        QFETCH(bool, hasData);
        QFETCH(std::string, dataMember);
        CloudEvent ce;
        ce.id = "7";
        ce.source = "gw";
        ce.type = "webhook";
        ce.datacontenttype = contentType;
        ce.hasData = hasData;
        ce.data = data;
        auto m = cehttp::toStructured(ce);
        QVERIFY(m);
        QCOMPARE(header(m->headers, "Content-Type"), std::string(cehttp::kStructuredContentType));
        if (hasData)
            QVERIFY2(m->body.find(dataMember) != std::string::npos, m->body.c_str());
        else
            QVERIFY(m->body.find("\"data") == std::string::npos);
        QVERIFY(json::isValid(m->body));
        auto back = decodeHttpEvent(m->headers, m->body);
        QVERIFY2(back, back ? "" : back.error().text().c_str());
        QCOMPARE(back->hasData, hasData);
        QCOMPARE(back->data, data);
        QCOMPARE(*back, ce);
        // The same event in binary mode carries the bytes untouched.
        auto bin = cehttp::toBinary(ce);
        QVERIFY(bin);
        QCOMPARE(bin->body, data);
        QCOMPARE(header(bin->headers, "Content-Type"), contentType.empty() ? std::string("<absent>") : contentType);
        auto binBack = decodeHttpEvent(bin->headers, bin->body);
        QVERIFY(binBack);
        CloudEvent expected = ce;
        expected.hasData = !data.empty(); // binary mode cannot tell empty data from none
        QCOMPARE(*binBack, expected);
    }

    void pc13StructuredForm()
    {
        // POST {"a":1} to webhook-gateway's example: "datacontenttype":"application/json", "data":{"a":1}.
        auto e = encodeEvent(sample("{\"a\":1}"), EnvelopeKind::CloudEventsStructured);
        QVERIFY(e);
        auto v = json::parse(e->body);
        QVERIFY(v);
        QCOMPARE(*v->member("datacontenttype")->string(), std::string("application/json"));
        QCOMPARE(json::write(*v->member("data")), std::string("{\"a\":1}"));
        QCOMPARE(*v->member("source")->string(), std::string("webhook-gateway"));
        QCOMPARE(*v->member("subject")->string(), std::string("example"));
        QCOMPARE(*v->member("type")->string(), std::string("webhook"));
        QCOMPARE(*v->member("specversion")->string(), std::string("1.0"));
        QCOMPARE(*v->member("time")->string(), std::string("2026-12-03T10:00:00.123456Z"));
        QCOMPARE(*v->member("id")->string(), std::string("3f3e293a-ef41-41f1-b135-02fc00000001"));
        // A structured event whose data is a JSON string keeps it a string through our sink.
        const std::string body = "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"s\",\"type\":\"t\",\"datacontenttype\":\"application/json\",\"data\":\"{\\\"a\\\":1}\"}";
        auto ce = decodeOrFail(structured(), body);
        QCOMPARE(ce.data, std::string("\"{\\\"a\\\":1}\""));
        QVERIFY(toStructuredJson(ce).find("\"data\":\"{\\\"a\\\":1}\"") != std::string::npos);
    }

    void encodeEventPerEnvelope_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<std::string>("payload");
        QTest::addColumn<std::string>("requestType"); // the webhook request's Content-Type ("" = none)
        QTest::addColumn<std::string>("expectedType"); // datacontenttype
        QTest::newRow("argo JSON") << int(EnvelopeKind::Argo) << std::string("{\"a\":1}") << std::string() << std::string("application/json");
        QTest::newRow("binary JSON inferred") << int(EnvelopeKind::CloudEventsBinary) << std::string("{\"a\":1}") << std::string()
                                              << std::string("application/json");
        QTest::newRow("binary bytes inferred") << int(EnvelopeKind::CloudEventsBinary) << std::string("\x01\x02") << std::string()
                                               << std::string("application/octet-stream");
        QTest::newRow("binary request type kept") << int(EnvelopeKind::CloudEventsBinary) << std::string("a,b") << std::string("text/csv")
                                                  << std::string("text/csv");
        QTest::newRow("structured text") << int(EnvelopeKind::CloudEventsStructured) << std::string("hi") << std::string("text/plain")
                                         << std::string("text/plain");
        QTest::newRow("unsafe request type replaced") << int(EnvelopeKind::CloudEventsBinary) << std::string("{}")
                                                      << std::string("text/plain\r\nX-Evil: 1") << std::string("application/json");
        QTest::newRow("huge request type replaced") << int(EnvelopeKind::CloudEventsBinary) << std::string("{}")
                                                    << std::string("text/plain; x=" + std::string(2000, 'a')) << std::string("application/json");
        QTest::newRow("empty payload") << int(EnvelopeKind::CloudEventsBinary) << std::string() << std::string() << std::string();
    }
    void encodeEventPerEnvelope()
    {
        QFETCH(int, kind);
        QFETCH(std::string, payload);
        QFETCH(std::string, requestType);
        QFETCH(std::string, expectedType);
        MetaList meta;
        if (!requestType.empty())
            meta.emplace_back("content-type", requestType);
        const Event event = sample(payload, meta);
        auto e = encodeEvent(event, static_cast<EnvelopeKind>(kind));
        QVERIFY(e);
        QCOMPARE(e->headers.front().first, std::string(payload.empty() && kind == int(EnvelopeKind::CloudEventsBinary) ? "ce-specversion" : "Content-Type"));
        // What the receiving sink makes of it is the CloudEvent the client printed.
        auto received = decodeHttpEvent(e->headers, e->body);
        QVERIFY2(received, received ? "" : received.error().text().c_str());
        QCOMPARE(received->datacontenttype, expectedType);
        QCOMPARE(received->data, payload);
        QCOMPARE(received->source, std::string("webhook-gateway"));
        QCOMPARE(received->subject, std::string("example"));
        if (kind == int(EnvelopeKind::Argo)) {
            QCOMPARE(e->cloudEvent.id, hexOfText(event.id)); // v0.10's 72-hex eventID
            QCOMPARE(header(e->headers, "Content-Type"), std::string("application/json"));
        } else {
            QCOMPARE(e->cloudEvent.id, event.id);
            QCOMPARE(*received, e->cloudEvent);
        }
        QCOMPARE(received->id, e->cloudEvent.id);
        for (const auto &[k, v] : e->headers)
            QVERIFY2(v.find_first_of("\r\n") == std::string::npos, k.c_str());
    }

    // argo-v0.10 -> CloudEvent -> each mode -> CloudEvent: nothing changes on the way.
    void roundTripsFromArgo_data()
    {
        QTest::addColumn<std::string>("payload");
        QTest::newRow("JSON object") << std::string("{\"a\":1,\"b\":[true,null]}");
        QTest::newRow("JSON string") << std::string("\"just a string\"");
        QTest::newRow("bytes") << std::string("\x00\xff\x10 binary", 10);
        QTest::newRow("text, not JSON") << std::string("plain words");
        QTest::newRow("empty") << std::string();
        QTest::newRow("non-ASCII JSON") << std::string("{\"greet\":\"Grüße\",\"pct\":\"100%\"}");
    }
    void roundTripsFromArgo()
    {
        QFETCH(std::string, payload);
        const std::string argoBody = argo::encode(sample(payload));
        const CloudEvent first = decodeOrFail({{"Content-Type", "application/json"}}, argoBody);
        QCOMPARE(first.data, payload);
        QCOMPARE(first.id.size(), std::size_t(72));
        QCOMPARE(first.time, std::string("2026-12-03T10:00:00.123456Z"));
        QCOMPARE(first.datacontenttype, payload.empty() ? std::string() : inferContentType(payload));
        for (auto encode : {cehttp::toBinary, cehttp::toStructured}) {
            auto m = encode(first);
            QVERIFY(m);
            QCOMPARE(decodeOrFail(m->headers, m->body), first);
        }
    }

    void structuredAttributeTypes()
    {
        // Extensions may be numbers or booleans in the JSON format; time keeps its precision.
        const std::string body = "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"s\",\"type\":\"t\",\"time\":\"2026-12-03T10:00:00.123456789+01:00\","
                                 "\"count\":42,\"flag\":true,\"subject\":null,\"note\":\"x\"}";
        auto ce = decodeOrFail(structured(), body);
        QCOMPARE(ce.time, std::string("2026-12-03T10:00:00.123456789+01:00"));
        QCOMPARE(*ce.extension("count"), std::string("42"));
        QCOMPARE(*ce.extension("flag"), std::string("true"));
        QCOMPARE(*ce.extension("note"), std::string("x"));
        QVERIFY(ce.subject.empty());
        QVERIFY(!ce.hasData);
    }

    void detection()
    {
        // PC-26: Content-Type compared case-insensitively, parameters ignored -> structured mode,
        // even when the sender also set ce-* headers.
        const std::string body = "{\"specversion\":\"1.0\",\"id\":\"s1\",\"source\":\"s\",\"type\":\"t\",\"data\":{\"x\":1}}";
        auto ce = decodeOrFail({{"content-type", "Application/CloudEvents+JSON; charset=utf-8"}, {"ce-specversion", "1.0"}}, body);
        QCOMPARE(ce.id, std::string("s1"));
        QCOMPARE(ce.data, std::string("{\"x\":1}"));
        // Header names are case-insensitive in binary mode too.
        auto bin = decodeOrFail({{"CE-SpecVersion", "1.0"}, {"Ce-Id", "b1"}, {"ce-SOURCE", "s"}, {"ce-type", "t"}, {"Ce-MyExt", "v"}}, "");
        QCOMPARE(bin.id, std::string("b1"));
        QCOMPARE(*bin.extension("myext"), std::string("v"));
        // A JSON body with context and payload and no CloudEvents markers is argo-v0.10.
        auto argoCe = decodeOrFail({}, argo::encode(sample("{}")));
        QCOMPARE(argoCe.type, std::string("webhook"));
    }

    void malformed_data()
    {
        QTest::addColumn<Headers>("headers");
        QTest::addColumn<std::string>("body");
        QTest::addColumn<std::string>("reason");
        const std::string ok = "\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"s\",\"type\":\"t\"";
        // structured mode
        QTest::newRow("structured: not JSON") << structured() << std::string("{nope") << std::string("structured CloudEvent: the body is not JSON");
        QTest::newRow("structured: empty body") << structured() << std::string() << std::string("structured CloudEvent: the body is empty");
        QTest::newRow("structured: array (batch)") << structured() << std::string("[{" + ok + "}]") << std::string("expected a JSON object");
        QTest::newRow("structured: missing specversion") << structured() << std::string("{\"id\":\"1\",\"source\":\"s\",\"type\":\"t\"}")
                                                         << std::string("'specversion' is missing");
        QTest::newRow("structured: bad specversion") << structured() << std::string("{\"specversion\":\"0.3\",\"id\":\"1\",\"source\":\"s\",\"type\":\"t\"}")
                                                     << std::string("specversion must be \"1.0\", found '0.3'");
        QTest::newRow("structured: numeric specversion") << structured() << std::string("{\"specversion\":1.0,\"id\":\"1\",\"source\":\"s\",\"type\":\"t\"}")
                                                         << std::string("attribute 'specversion' must be a string");
        QTest::newRow("structured: missing id") << structured() << std::string("{\"specversion\":\"1.0\",\"source\":\"s\",\"type\":\"t\"}")
                                                << std::string("'id' is missing or empty");
        QTest::newRow("structured: empty source") << structured() << std::string("{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"\",\"type\":\"t\"}")
                                                  << std::string("'source' is missing or empty");
        QTest::newRow("structured: missing type") << structured() << std::string("{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"s\"}")
                                                  << std::string("'type' is missing or empty");
        QTest::newRow("structured: bad time") << structured() << std::string("{" + ok + ",\"time\":\"2026-13-40T99:00:00Z\"}")
                                              << std::string("time must be an RFC 3339 timestamp");
        QTest::newRow("structured: time without zone") << structured() << std::string("{" + ok + ",\"time\":\"2026-12-03T10:00:00\"}")
                                                       << std::string("time must be an RFC 3339 timestamp");
        QTest::newRow("structured: bad extension name") << structured() << std::string("{" + ok + ",\"my-ext\":\"x\"}")
                                                        << std::string("extension attribute name 'my-ext' must be 1 to 20 lower-case letters or digits");
        QTest::newRow("structured: long extension name") << structured() << std::string("{" + ok + ",\"abcdefghijklmnopqrstu\":\"x\"}")
                                                         << std::string("must be 1 to 20 lower-case letters or digits");
        QTest::newRow("structured: object extension") << structured() << std::string("{" + ok + ",\"ext\":{\"a\":1}}")
                                                      << std::string("attribute 'ext' must be a string, number or boolean");
        QTest::newRow("structured: duplicate attribute") << structured() << std::string("{" + ok + ",\"id\":\"2\"}")
                                                         << std::string("attribute 'id' is given twice");
        QTest::newRow("structured: data and data_base64") << structured() << std::string("{" + ok + ",\"data\":1,\"data_base64\":\"AA==\"}")
                                                          << std::string("'data' and 'data_base64' may not both be present");
        QTest::newRow("structured: bad base64") << structured() << std::string("{" + ok + ",\"data_base64\":\"!!\"}")
                                                << std::string("'data_base64' is not valid base64");
        QTest::newRow("structured: bad datacontenttype") << structured() << std::string("{" + ok + ",\"datacontenttype\":\"json\"}")
                                                         << std::string("datacontenttype must be a media type");
        QTest::newRow("batch") << Headers {{"Content-Type", "application/cloudevents-batch+json"}} << std::string("[]")
                               << std::string("batched CloudEvents");
        // binary mode
        QTest::newRow("binary: bad specversion") << Headers {{"ce-specversion", "0.3"}, {"ce-id", "1"}, {"ce-source", "s"}, {"ce-type", "t"}}
                                                 << std::string() << std::string("binary CloudEvent: specversion must be \"1.0\"");
        QTest::newRow("binary: empty specversion") << Headers {{"ce-specversion", ""}, {"ce-id", "1"}, {"ce-source", "s"}, {"ce-type", "t"}}
                                                   << std::string() << std::string("ce-specversion header is missing or empty");
        QTest::newRow("binary: missing id") << Headers {{"ce-specversion", "1.0"}, {"ce-source", "s"}, {"ce-type", "t"}} << std::string()
                                            << std::string("binary CloudEvent: the required attribute 'id' is missing or empty");
        QTest::newRow("binary: missing source") << Headers {{"ce-specversion", "1.0"}, {"ce-id", "1"}, {"ce-type", "t"}} << std::string()
                                                << std::string("'source' is missing or empty");
        QTest::newRow("binary: bad time") << binaryHeaders({{"ce-time", "yesterday"}}) << std::string()
                                          << std::string("time must be an RFC 3339 timestamp such as 2026-12-03T10:00:00Z, found 'yesterday'");
        QTest::newRow("binary: bad extension name") << binaryHeaders({{"ce-my_ext", "x"}}) << std::string()
                                                    << std::string("header 'ce-my_ext': attribute names are 1 to 20 lower-case letters or digits");
        QTest::newRow("binary: invalid UTF-8") << binaryHeaders({{"ce-greet", "%C3%28"}}) << std::string()
                                               << std::string("header ce-greet: decodes to invalid UTF-8");
        QTest::newRow("binary: duplicate header") << binaryHeaders({{"CE-ID", "2"}}) << std::string() << std::string("header ce-id is given twice");
        QTest::newRow("binary: ce-datacontenttype") << binaryHeaders({{"ce-datacontenttype", "text/plain"}}) << std::string("x")
                                                    << std::string("ce-datacontenttype is not used in binary mode");
        QTest::newRow("binary: bad Content-Type") << binaryHeaders({{"Content-Type", "nonsense"}}) << std::string("x")
                                                  << std::string("datacontenttype must be a media type");
        QTest::newRow("binary: NUL in id") << Headers {{"ce-specversion", "1.0"}, {"ce-id", "a%00b"}, {"ce-source", "s"}, {"ce-type", "t"}}
                                           << std::string() << std::string("binary CloudEvent: id contains a control character");
        QTest::newRow("binary: C1 control in extension") << binaryHeaders({{"ce-x", "%C2%85"}}) << std::string()
                                                         << std::string("extension 'x' contains a control character");
        QTest::newRow("binary: noncharacter") << binaryHeaders({{"ce-subject", "%EF%BF%BF"}}) << std::string()
                                              << std::string("subject contains a noncharacter");
        QTest::newRow("structured: escaped NUL in subject") << structured()
                                                            << std::string("{" + ok + ",\"subject\":\"a\\u0000b\"}")
                                                            << std::string("subject contains a control character");
        QTest::newRow("two Content-Type headers") << Headers {{"Content-Type", "text/plain"}, {"Content-Type", "application/cloudevents+json"}}
                                                  << std::string("{" + ok + "}") << std::string("more than one Content-Type header");
        QTest::newRow("huge Content-Type") << binaryHeaders({{"Content-Type", "text/plain; x=" + std::string(2000, 'a')}}) << std::string("x")
                                           << std::string("datacontenttype must be a media type");
        // neither
        QTest::newRow("empty body, no markers") << Headers {} << std::string() << std::string("empty body: expected a CloudEvent");
        QTest::newRow("not JSON, no markers") << Headers {{"Content-Type", "text/plain"}} << std::string("hello")
                                              << std::string("the body is not JSON");
        QTest::newRow("JSON that is no event") << Headers {{"Content-Type", "application/json"}} << std::string("{\"a\":1}")
                                               << std::string("not an event: expected a CloudEvent");
    }
    void malformed()
    {
        QFETCH(Headers, headers);
        QFETCH(std::string, body);
        QFETCH(std::string, reason);
        auto ce = decodeHttpEvent(headers, body);
        QVERIFY2(!ce, ce ? toStructuredJson(*ce).c_str() : "");
        QVERIFY2(ce.error().text().find(reason) != std::string::npos, ce.error().text().c_str());
    }

    void encodingRefusesInvalidEvents()
    {
        CloudEvent bad = probe();
        bad.extensions.emplace_back("Bad-Name", "x");
        QVERIFY(!cehttp::toBinary(bad));
        QVERIFY(!cehttp::toStructured(bad));
        bad = probe();
        bad.extensions.emplace_back("subject", "shadow");
        QCOMPARE(cehttp::toBinary(bad).error().message, std::string("extension attribute name 'subject' is a core attribute's name"));
        bad = probe();
        bad.time = "not a time";
        QVERIFY(!cehttp::toStructured(bad));
        bad = probe();
        bad.datacontenttype = "text/plain\r\nX-Injected: 1";
        QVERIFY(!cehttp::toBinary(bad));
    }

    void envelopeNames()
    {
        for (auto k : {EnvelopeKind::Argo, EnvelopeKind::CloudEventsBinary, EnvelopeKind::CloudEventsStructured})
            QCOMPARE(parseEnvelopeKind(toString(k)), std::optional<EnvelopeKind>(k));
        QCOMPARE(parseEnvelopeKind("CloudEvents-Binary"), std::nullopt);
        QCOMPARE(parseEnvelopeKind("binary"), std::nullopt);
        QCOMPARE(std::string(toString(EnvelopeKind::CloudEventsStructured)), std::string("cloudevents-structured"));
    }
};

QTEST_GUILESS_MAIN(TstCloudEvents)
#include "tst_cloudevents.moc"
