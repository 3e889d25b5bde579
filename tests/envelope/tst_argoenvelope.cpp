// argo-v0.10 envelopes: byte-exact encoding (spec §4.5, handed PC-13), decoding, and the mapping
// to CloudEvents 1.0 used by sinks (decisions §2).

#include <QTest>

#include "core/json.h"
#include "envelope/argo.h"
#include "envelope/cloudevent.h"
#include "envelope/incoming.h"

using namespace gs;
using namespace std::chrono;

namespace {
Event sample(std::string gateway, std::string source, std::string payload, std::string type = "webhook")
{
    Event e;
    e.id = "3f3e293a-ef41-11f1-b135-02fc00000001";
    e.time = SysMicros {sys_days {year {2019} / 10 / 7} + hours {12} + seconds {1} + microseconds {123456}};
    e.gateway = std::move(gateway);
    e.source = std::move(source);
    e.type = std::move(type);
    e.payload = std::move(payload);
    return e;
}

CloudEvent decodeOrFail(const std::string &body)
{
    auto parsed = json::parse(body);
    if (!parsed)
        qFatal("not JSON: %s", body.c_str());
    auto ce = argo::decode(*parsed);
    if (!ce)
        qFatal("not decodable: %s", ce.error().text().c_str());
    return *ce;
}
} // namespace

class TstArgoEnvelope : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void goldenBytes()
    {
        // The example of spec §4.5, byte for byte (key order, null schemaURL, 6 fractional digits).
        const std::string expected
            = R"({"context":{"eventType":"webhook","eventTypeVersion":"v0.10","cloudEventsVersion":"0.1",)"
              R"("source":{"scheme":"","user":"","password":"","host":"hooks:build","port":0,"path":"","query":"","fragment":""},)"
              R"("eventID":"33663365323933612d656634312d313166312d623133352d303266633030303030303031",)"
              R"("eventTime":"2019-10-07T12:00:01.123456Z","schemaURL":null,"contentType":"application/json"},)"
              R"("payload":"eyJyZWYiOiJtYWluIn0="})";
        QCOMPARE(
            QByteArray::fromStdString(argo::encode(sample("hooks", "build", R"({"ref":"main"})"))), QByteArray::fromStdString(expected));
    }

    void pc13()
    {
        // POST {"a":1} to webhook-gateway's "example": payload is base64, not a nested object.
        const std::string body = argo::encode(sample("webhook-gateway", "example", R"({"a":1})"));
        auto v = json::parse(body);
        QVERIFY(v);
        const json::Value *ctx = v->member("context");
        QVERIFY(ctx);
        QCOMPARE(*ctx->member("cloudEventsVersion")->string(), std::string("0.1"));
        QCOMPARE(*ctx->member("eventType")->string(), std::string("webhook"));
        QCOMPARE(*ctx->member("eventTypeVersion")->string(), std::string("v0.10"));
        QCOMPARE(*ctx->member("contentType")->string(), std::string("application/json"));
        QCOMPARE(*ctx->member("source")->member("host")->string(), std::string("webhook-gateway:example"));
        const std::string id = *ctx->member("eventID")->string();
        QCOMPARE(id.size(), std::size_t(72));
        QVERIFY(id.find_first_not_of("0123456789abcdef") == std::string::npos);
        const std::string time = *ctx->member("eventTime")->string();
        QVERIFY(time.ends_with("Z"));
        QCOMPARE(time.size() - time.find('.') - 2, std::size_t(6));
        QCOMPARE(*v->member("payload")->string(), std::string("eyJhIjoxfQ=="));
        QVERIFY(!ctx->member("extensions"));

        // ...and as CloudEvents 1.0 structured JSON: data is the object, not a string.
        const CloudEvent ce = decodeOrFail(body);
        QCOMPARE(ce.datacontenttype, std::string("application/json"));
        const std::string structured = toStructuredJson(ce);
        QVERIFY2(structured.find(R"("data":{"a":1})") != std::string::npos, structured.c_str());
    }

    void emptyPayloadIsNull()
    {
        const std::string body = argo::encode(sample("g", "s", ""));
        QVERIFY(body.ends_with(R"("payload":null})"));
        const CloudEvent ce = decodeOrFail(body);
        QVERIFY(!ce.hasData);
        QVERIFY(toStructuredJson(ce).find("data") == std::string::npos);
    }

    void goEscapesNames()
    {
        const std::string body = argo::encode(sample("a<b", "c&d", "x", "t>\"1\""));
        QVERIFY(body.find("\"eventType\":\"t\\u003e\\\"1\\\"\"") != std::string::npos);
        QVERIFY(body.find(R"("host":"a\u003cb:c\u0026d")") != std::string::npos);
    }

    void toCloudEventMapping_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<QByteArray>("expectedType");
        QTest::addColumn<QByteArray>("expectedDataMember");
        QTest::newRow("JSON object") << QByteArray(R"({ "a" : [1, 2] })") << QByteArray("application/json")
                                     << QByteArray(R"("data":{"a":[1,2]})");
        QTest::newRow("JSON string stays a string")
            << QByteArray("\"{\\\"a\\\":1}\"") << QByteArray("application/json") << QByteArray("\"data\":\"{\\\"a\\\":1}\"");
        QTest::newRow("JSON number") << QByteArray("42") << QByteArray("application/json") << QByteArray(R"("data":42)");
        QTest::newRow("binary bytes") << QByteArray("\x00\x01\xff", 3) << QByteArray("application/octet-stream")
                                      << QByteArray(R"("data_base64":"AAH/")");
        QTest::newRow("text that is not JSON") << QByteArray("hello world") << QByteArray("application/octet-stream")
                                               << QByteArray(R"("data_base64":"aGVsbG8gd29ybGQ=")");
        QTest::newRow("non-ASCII JSON") << QByteArray("{\"g\":\"Gr\xc3\xbc\xc3\x9f\x65\"}") << QByteArray("application/json")
                                        << QByteArray("\"data\":{\"g\":\"Gr\xc3\xbc\xc3\x9f\x65\"}");
    }
    void toCloudEventMapping()
    {
        QFETCH(QByteArray, payload);
        QFETCH(QByteArray, expectedType);
        QFETCH(QByteArray, expectedDataMember);
        const std::string raw(payload.constData(), static_cast<std::size_t>(payload.size()));
        const CloudEvent ce = decodeOrFail(argo::encode(sample("gw", "key:with:colons", raw)));
        QCOMPARE(ce.id, argo::eventId(sample("gw", "k", "")));
        QCOMPARE(ce.source, std::string("gw"));
        QCOMPARE(ce.subject, std::string("key:with:colons")); // split at the first ':'
        QCOMPARE(ce.type, std::string("webhook"));
        QCOMPARE(ce.time, std::string("2019-10-07T12:00:01.123456Z"));
        QCOMPARE(QByteArray::fromStdString(ce.datacontenttype), expectedType);
        QCOMPARE(QByteArray::fromStdString(ce.data), payload);
        const std::string structured = toStructuredJson(ce);
        QVERIFY2(structured.find(expectedDataMember.toStdString()) != std::string::npos, structured.c_str());
        QVERIFY(json::isValid(structured));
        QVERIFY(structured.find('\n') == std::string::npos);
    }

    void nativeMappingUsesRequestContentType()
    {
        Event e = sample("gw", "hook", "plain text");
        e.meta = {{"content-type", "text/plain; charset=utf-8"}};
        const CloudEvent ce = toCloudEvent(e);
        QCOMPARE(ce.datacontenttype, std::string("text/plain; charset=utf-8"));
        QVERIFY(toStructuredJson(ce).find(R"("data":"plain text")") != std::string::npos);
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("reason");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("empty body");
        QTest::newRow("not JSON") << QByteArray("{oops") << QStringLiteral("not JSON");
        QTest::newRow("not an envelope") << QByteArray(R"({"a":1})") << QStringLiteral("not an event: expected a CloudEvent (Content-Type application/cloudevents+json, or ce-* headers) or an argo-v0.10 envelope");
        QTest::newRow("context not object") << QByteArray(R"({"context":1,"payload":null})") << QStringLiteral("context must be an object");
        QTest::newRow("no eventID") << QByteArray(R"({"context":{"eventType":"t","source":{"host":"g:s"}},"payload":null})")
                                    << QStringLiteral("context.eventID is missing");
        QTest::newRow("no eventType") << QByteArray(R"({"context":{"eventID":"1","source":{"host":"g:s"}},"payload":null})")
                                      << QStringLiteral("context.eventType is missing");
        QTest::newRow("bad time") << QByteArray(
            R"({"context":{"eventID":"1","eventType":"t","eventTime":"now","source":{"host":"g:s"}},"payload":null})")
                                  << QStringLiteral("not an RFC 3339 time");
        QTest::newRow("no host") << QByteArray(R"({"context":{"eventID":"1","eventType":"t","source":{}},"payload":null})")
                                 << QStringLiteral("context.source.host");
        QTest::newRow("payload not base64") << QByteArray(
            R"({"context":{"eventID":"1","eventType":"t","source":{"host":"g:s"}},"payload":"%%"})")
                                            << QStringLiteral("payload is not valid base64");
        QTest::newRow("payload object") << QByteArray(
            R"({"context":{"eventID":"1","eventType":"t","source":{"host":"g:s"}},"payload":{"a":1}})")
                                        << QStringLiteral("payload must be a base64 string or null");
        QTest::newRow("context twice") << QByteArray(
            R"({"context":{"eventID":"1","eventType":"t","source":{"host":"g:s"}},"context":1,"payload":null})")
                                       << QStringLiteral("argo-v0.10 envelope: context is given twice");
        QTest::newRow("eventID twice") << QByteArray(
            R"({"context":{"eventID":"1","eventType":"t","eventID":"2","source":{"host":"g:s"}},"payload":null})")
                                       << QStringLiteral("argo-v0.10 envelope: context.eventID is given twice");
        QTest::newRow("host twice") << QByteArray(
            R"({"context":{"eventID":"1","eventType":"t","source":{"host":"g:s","host":"x:y"}},"payload":null})")
                                    << QStringLiteral("argo-v0.10 envelope: context.source.host is given twice");
    }
    void malformed()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, reason);
        auto ce = decodeHttpEvent({}, body.toStdString());
        QVERIFY(!ce);
        QVERIFY2(QString::fromStdString(ce.error().text()).contains(reason), ce.error().text().c_str());
    }
};

QTEST_GUILESS_MAIN(TstArgoEnvelope)
#include "tst_argoenvelope.moc"
