// The strict JSON reader/writer: what it accepts, what it refuses, and Go-compatible escaping.

#include <QTest>

#include "core/base64.h"
#include "core/ids.h"
#include "core/json.h"
#include "core/timefmt.h"

using namespace gs;

class TstJson : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void indented()
    {
        auto v = json::parse(R"({"z":[1,{"k":null}],"a":{},"e":[],"n":1.50,"s":"x\ty"})");
        QVERIFY(v);
        QCOMPARE(json::writeIndented(*v, 2),
            std::string("{\n  \"z\": [\n    1,\n    {\n      \"k\": null\n    }\n  ],\n  \"a\": {},\n  \"e\": [],\n  \"n\": 1.50,\n"
                        "  \"s\": \"x\\ty\"\n}"));
        // Indented output reads back as the same document, and compact output is unchanged.
        QCOMPARE(json::write(*json::parse(json::writeIndented(*v))), json::write(*v));
        QCOMPARE(json::write(*v), std::string(R"({"z":[1,{"k":null}],"a":{},"e":[],"n":1.50,"s":"x\ty"})"));
    }

    void roundTrip_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("compact");
        QTest::newRow("object") << QByteArray("{ \"a\" : 1 , \"b\" : [true, false, null] }")
                                << QByteArray(R"({"a":1,"b":[true,false,null]})");
        QTest::newRow("big number kept as written")
            << QByteArray("123456789012345678901234567890.5e-7") << QByteArray("123456789012345678901234567890.5e-7");
        QTest::newRow("string stays string") << QByteArray("\"{\\\"a\\\":1}\"") << QByteArray("\"{\\\"a\\\":1}\"");
        QTest::newRow("unicode escapes decoded") << QByteArray(R"("\u00fc\ud83d\ude00")") << QByteArray("\"\xc3\xbc\xf0\x9f\x98\x80\"");
        QTest::newRow("duplicate keys kept") << QByteArray(R"({"a":1,"a":2})") << QByteArray(R"({"a":1,"a":2})");
        QTest::newRow("nested whitespace") << QByteArray("\n[ {\n\t\"x\": \"y\" } ]\r\n") << QByteArray(R"([{"x":"y"}])");
    }
    void roundTrip()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, compact);
        auto v = json::parse(input.toStdString());
        QVERIFY2(v.has_value(), v ? "" : v.error().text().c_str());
        QCOMPARE(QByteArray::fromStdString(json::write(*v)), compact);
    }

    void refused_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::newRow("empty") << QByteArray("");
        QTest::newRow("trailing comma") << QByteArray("[1,]");
        QTest::newRow("single quotes") << QByteArray("{'a':1}");
        QTest::newRow("leading zero") << QByteArray("01");
        QTest::newRow("bare word") << QByteArray("hello");
        QTest::newRow("two values") << QByteArray("{} {}");
        QTest::newRow("unterminated string") << QByteArray("\"abc");
        QTest::newRow("control char") << QByteArray("\"a\nb\"");
        QTest::newRow("bad escape") << QByteArray(R"("\x41")");
        QTest::newRow("lone surrogate") << QByteArray(R"("\ud800")");
        QTest::newRow("invalid utf-8") << QByteArray("\"\xc3\x28\"");
        QTest::newRow("overlong utf-8") << QByteArray("\"\xc0\xaf\"");
        QTest::newRow("NaN") << QByteArray("NaN");
        QTest::newRow("deep nesting") << QByteArray(100000, '[');
        QTest::newRow("nul byte") << QByteArray("{\"a\":1}\0", 8);
    }
    void refused()
    {
        QFETCH(QByteArray, input);
        QVERIFY(!json::isValid(std::string_view(input.constData(), static_cast<std::size_t>(input.size()))));
    }

    void goEscaping()
    {
        // Go's encoding/json: HTML-safe, \u2028/\u2029 escaped, invalid UTF-8 -> U+FFFD, \b and \f as \u00XX.
        std::string out;
        json::appendString(out, "a<b>&\"\\\n\t\b\f\x01 \xe2\x80\xa8 \xff", json::Escaping::GoHtmlSafe);
        QCOMPARE(
            QByteArray::fromStdString(out), QByteArray("\"a\\u003cb\\u003e\\u0026\\\"\\\\\\n\\t\\u0008\\u000c\\u0001 \\u2028 \\ufffd\""));
        out.clear();
        json::appendString(out, "a<b>&", json::Escaping::Standard);
        QCOMPARE(QByteArray::fromStdString(out), QByteArray(R"("a<b>&")"));
    }

    void base64_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<QByteArray>("encoded");
        QTest::newRow("PC-13 payload") << QByteArray(R"({"a":1})") << QByteArray("eyJhIjoxfQ==");
        QTest::newRow("empty") << QByteArray() << QByteArray();
        QTest::newRow("one") << QByteArray("f") << QByteArray("Zg==");
        QTest::newRow("two") << QByteArray("fo") << QByteArray("Zm8=");
        QTest::newRow("binary") << QByteArray("\x00\xff\xfe", 3) << QByteArray("AP/+");
    }
    void base64()
    {
        QFETCH(QByteArray, raw);
        QFETCH(QByteArray, encoded);
        QCOMPARE(QByteArray::fromStdString(toBase64(raw.toStdString())), encoded);
        auto back = fromBase64(encoded.toStdString());
        QVERIFY(back);
        QCOMPARE(QByteArray::fromStdString(*back), raw);
    }
    void base64Refused()
    {
        QVERIFY(!fromBase64("abc"));
        QVERIFY(!fromBase64("ab=c"));
        QVERIFY(!fromBase64("a*==")); // not in the alphabet
        QVERIFY(!fromBase64("Zg==Zg=="));
    }

    void sourceIdIsFnv1aOfKeyAndValue()
    {
        // FNV-1a 32 test vectors, then the v0.10 id: decimal of FNV-1a(key + value).
        QCOMPARE(fnv1a32(""), 2166136261u);
        QCOMPARE(fnv1a32("a"), 0xe40c292cu);
        QCOMPARE(fnv1a32("foobar"), 0xbf9cf968u);
        QCOMPARE(eventSourceId("foo", "bar"), std::to_string(0xbf9cf968u));
    }

    void uuidShape()
    {
        const std::string a = newUuid(), b = newUuid();
        QCOMPARE(a.size(), std::size_t(36));
        QVERIFY(a != b);
        QCOMPARE(a[14], '4');
        QVERIFY(std::string("89ab").find(a[19]) != std::string::npos);
        QCOMPARE(hexOfText(a).size(), std::size_t(72));
    }

    void microTime()
    {
        using namespace std::chrono;
        const SysMicros t {sys_days {year {2019} / 10 / 7} + hours {12} + seconds {1} + microseconds {123456}};
        QCOMPARE(QByteArray::fromStdString(formatMicroTime(t)), QByteArray("2019-10-07T12:00:01.123456Z"));
        const SysMicros whole {sys_days {year {2026} / 1 / 2} + hours {3}};
        QCOMPARE(QByteArray::fromStdString(formatMicroTime(whole)), QByteArray("2026-01-02T03:00:00.000000Z"));
    }

    void rfc3339()
    {
        QVERIFY(parseRfc3339("2019-10-07T12:00:01.123456Z"));
        QVERIFY(parseRfc3339("2019-10-07t12:00:01+02:00"));
        QCOMPARE(parseRfc3339("2019-10-07T12:00:01+02:00")->time_since_epoch(), parseRfc3339("2019-10-07T10:00:01Z")->time_since_epoch());
        QVERIFY(!parseRfc3339("2019-10-07 12:00:01Z"));
        QVERIFY(!parseRfc3339("2019-13-07T12:00:01Z"));
        QVERIFY(!parseRfc3339("2019-02-30T12:00:01Z"));
        QVERIFY(!parseRfc3339("2019-10-07T12:00:01"));
        QVERIFY(!parseRfc3339("yesterday"));
    }
};

QTEST_GUILESS_MAIN(TstJson)
#include "tst_json.moc"
