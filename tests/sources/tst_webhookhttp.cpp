// The webhook gateway over real HTTP (decisions §5, spec §6.2, handed PC-11 and PC-12):
// routes by (port, path, method), answers, limits, back-pressure, auth, TLS, port lifecycle.

#include <atomic>
#include <mutex>

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "http/server.h"
#include "rawhttp.h"
#include "recordingsink.h"
#include "sources/webhook/webhooktype.h"
#include "recordingemitter.h"
#include "testsupport.h"

using namespace gs;
using test::RawHttp;

namespace {

using test::RecordingEmitter;

struct Running {
    std::shared_ptr<RecordingEmitter> emitter = std::make_shared<RecordingEmitter>();
    std::unique_ptr<RunningSource> source;
};

std::string cfg(int port, const std::string &endpoint, const std::string &method, const std::string &extra = {})
{
    return "port: \"" + std::to_string(port) + "\"\nendpoint: " + endpoint + "\nmethod: " + method + "\n" + extra;
}

std::string meta(const SourceEvent &e, const std::string &key)
{
    for (const auto &[k, v] : e.meta) {
        if (k == key)
            return v;
    }
    return "<none>";
}

} // namespace

class TstWebhookHttp : public QObject
{
    Q_OBJECT

    std::unique_ptr<webhook::WebhookType> m_type;

    Running start(const std::string &name, const std::string &config)
    {
        Running r;
        auto s = m_type->start(SourceSpec {"1", name, config, "v0.10"}, r.emitter);
        if (!s)
            qFatal("start %s failed: %s", name.c_str(), s.error().text().c_str());
        r.source = std::move(*s);
        return r;
    }

private Q_SLOTS:
    void init() { m_type = std::make_unique<webhook::WebhookType>(SourceEnvironment {}); }
    void cleanup() { m_type.reset(); }

    void pc11MethodAndAnswers()
    {
        const int port = test::freePort();
        auto r = start("example", cfg(port, "example", "POST")); // PC-11 (d): served at /example
        QVERIFY(!r.emitter->states.empty());
        QVERIFY(QString::fromStdString(r.emitter->states[0])
                    .contains(QStringLiteral("connected: listening on http://127.0.0.1:%1/example (POST)").arg(port)));

        // (b) GET on a POST route: 405 with Allow (decisions §5; v0.10 said 400), no event.
        auto get = RawHttp::request(port, "GET", "/example");
        QVERIFY(get);
        QCOMPARE(get->status, 405);
        QCOMPARE(get->header("Allow"), std::string("POST"));
        QCOMPARE(r.emitter->count(), std::size_t(0));

        // (c) POST {"a":1}: 200 "request successfully processed", exactly one event with the raw body.
        auto post = RawHttp::request(
            port, "POST", "/example?x=1", R"({"a":1})", {{"Content-Type", "application/json"}, {"Authorization", "Bearer s3cr3t"}});
        QVERIFY(post);
        QCOMPARE(post->status, 200);
        QCOMPARE(post->body, std::string("request successfully processed"));
        QCOMPARE(r.emitter->count(), std::size_t(1));
        const SourceEvent &e = r.emitter->events[0];
        QCOMPARE(e.payload, std::string(R"({"a":1})"));
        QCOMPARE(meta(e, "http-method"), std::string("POST"));
        QCOMPARE(meta(e, "http-path"), std::string("/example"));
        QCOMPARE(meta(e, "http-query"), std::string("x=1"));
        QCOMPARE(meta(e, "content-type"), std::string("application/json"));
        QCOMPARE(meta(e, "http-header-authorization"), std::string("********")); // never the secret

        // Unknown path: 404, no event. Exact paths only: no subtree matching.
        QCOMPARE(RawHttp::request(port, "POST", "/other", "x")->status, 404);
        QCOMPARE(RawHttp::request(port, "POST", "/example/sub", "x")->status, 404);
        QCOMPARE(RawHttp::request(port, "POST", "/", "x")->status, 404);
        QCOMPARE(r.emitter->count(), std::size_t(1));
    }

    void pc12SamePathOnTwoPorts()
    {
        const int p1 = test::freePort(), p2 = test::freePort();
        auto first = std::make_unique<Running>(start("first", cfg(p1, "/", "POST")));
        auto second = start("second", cfg(p2, "/", "POST"));
        QCOMPARE(RawHttp::request(p2, "POST", "/", "to-second")->status, 200);
        QCOMPARE(RawHttp::request(p1, "POST", "/", "to-first")->status, 200);
        QCOMPARE(first->emitter->count(), std::size_t(1));
        QCOMPARE(second.emitter->count(), std::size_t(1));
        QCOMPARE(first->emitter->events[0].payload, std::string("to-first"));
        QCOMPARE(second.emitter->events[0].payload, std::string("to-second"));
        // Removing `first` leaves `second` working, and frees p1.
        first.reset();
        QCOMPARE(RawHttp::request(p2, "POST", "/", "again")->status, 200);
        QCOMPARE(second.emitter->count(), std::size_t(2));
        QVERIFY(!RawHttp(p1).connected());
    }

    void routesKeyedByMethodAndPortClosesWithLastRoute()
    {
        const int port = test::freePort();
        auto post = std::make_unique<Running>(start("a", cfg(port, "/hook", "POST")));
        auto put = std::make_unique<Running>(start("b", cfg(port, "/hook", "PUT")));
        auto other = std::make_unique<Running>(start("c", cfg(port, "/other", "GET")));
        QCOMPARE(RawHttp::request(port, "PUT", "/hook", "p")->status, 200);
        QCOMPARE(RawHttp::request(port, "POST", "/hook", "q")->status, 200);
        auto del = RawHttp::request(port, "DELETE", "/hook");
        QCOMPARE(del->status, 405);
        QCOMPARE(del->header("Allow"), std::string("POST, PUT"));
        QCOMPARE(post->emitter->events.at(0).payload, std::string("q"));
        QCOMPARE(put->emitter->events.at(0).payload, std::string("p"));

        // A duplicate (port, path, method) is refused with the owner's name.
        auto dup = m_type->start(SourceSpec {"9", "dup", cfg(port, "/hook", "POST"), "v0.10"}, std::make_shared<RecordingEmitter>());
        QVERIFY(!dup);
        QVERIFY(QString::fromStdString(dup.error().text()).contains(u"already served by event source 'a'"));

        post.reset();
        QCOMPARE(RawHttp::request(port, "POST", "/hook", "q")->status, 405);
        put.reset();
        QCOMPARE(RawHttp::request(port, "PUT", "/hook", "q")->status, 404);
        QVERIFY(RawHttp(port).connected());
        other.reset();
        QVERIFY(!RawHttp(port).connected()); // the last route closed the server
        // ...and the port can be served again.
        auto again = start("d", cfg(port, "/hook", "POST"));
        QCOMPARE(RawHttp::request(port, "POST", "/hook", "x")->status, 200);
    }

    void bodyLimits()
    {
        const int port = test::freePort();
        auto r = start("small", cfg(port, "/s", "POST", "maxBodySize: 10\n"));
        QCOMPARE(RawHttp::request(port, "POST", "/s", "0123456789")->status, 200);
        auto big = RawHttp::request(port, "POST", "/s", "0123456789A");
        QCOMPARE(big->status, 413);
        QCOMPARE(r.emitter->count(), std::size_t(1));

        // Chunked bodies are counted as they arrive.
        RawHttp c(port);
        auto [resp, sent] = c.streamChunked("POST /s HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n", 1 << 20);
        QVERIFY(resp);
        QCOMPARE(resp->status, 413);
        QCOMPARE(r.emitter->count(), std::size_t(1));
    }

    void oneGibibyteRefusedWithBoundedMemory()
    {
        const int port = test::freePort();
        auto r = start("big", cfg(port, "/big", "POST")); // default limit 1 MiB
        const long before = test::rssKiB();

        // Announced with Content-Length: refused from the head alone, the body is never sent.
        RawHttp announced(port);
        QVERIFY(announced.send("POST /big HTTP/1.1\r\nHost: x\r\nContent-Length: 1073741824\r\n\r\n"));
        auto resp = announced.read();
        QVERIFY(resp);
        QCOMPARE(resp->status, 413);

        // Streamed in chunks: refused once 1 MiB has been read; the client stops long before 1 GiB.
        RawHttp streamed(port);
        auto [resp2, sent] = streamed.streamChunked("POST /big HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n", 1ull << 30);
        QVERIFY(resp2);
        QCOMPARE(resp2->status, 413);
        QVERIFY2(sent < 64ull * 1024 * 1024, qPrintable(QString::number(sent)));
        const long grown = test::rssKiB() - before;
        QVERIFY2(grown < 32 * 1024, qPrintable(QStringLiteral("RSS grew by %1 KiB").arg(grown)));
        QCOMPARE(r.emitter->count(), std::size_t(0));
        // The server still works.
        QCOMPARE(RawHttp::request(port, "POST", "/big", "ok")->status, 200);
    }

    void expectContinue()
    {
        const int port = test::freePort();
        auto r = start("c", cfg(port, "/c", "POST"));
        RawHttp c(port);
        QVERIFY(c.send("POST /c HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n"));
        QVERIFY(c.send("hello"));
        auto resp = c.read();
        QVERIFY(resp);
        QCOMPARE(resp->status, 200);
        QCOMPARE(r.emitter->events.at(0).payload, std::string("hello"));
    }

    void malformedHttp_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::newRow("garbage") << QByteArray("HELLO\r\n\r\n") << 400;
        QTest::newRow("bad version") << QByteArray("POST /x HTTP/9.9\r\n\r\n") << 400;
        QTest::newRow("bad content-length") << QByteArray("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: abc\r\n\r\n") << 400;
        QTest::newRow("two content-lengths") << QByteArray(
            "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab")
                                             << 400;
        QTest::newRow("bad chunk size") << QByteArray(
            "POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n")
                                        << 400;
        QTest::newRow("header too large") << (QByteArray("POST /x HTTP/1.1\r\nX-Big: ") + QByteArray(20000, 'a') + "\r\n\r\n") << 431;
        QTest::newRow("binary") << QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n", 15) << 400;
    }
    void malformedHttp()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        const int port = test::freePort();
        auto r = start("x", cfg(port, "/x", "POST"));
        RawHttp c(port);
        QVERIFY(c.send(request.toStdString()));
        auto resp = c.read();
        QVERIFY(resp);
        QCOMPARE(resp->status, status);
        QVERIFY(c.closedByPeer());
        QCOMPARE(r.emitter->count(), std::size_t(0));
    }

    void backPressureAnswers503()
    {
        const int port = test::freePort();
        auto r = start("bp", cfg(port, "/bp", "POST"));
        r.emitter->full = true;
        auto resp = RawHttp::request(port, "POST", "/bp", "x");
        QCOMPARE(resp->status, 503);
        QCOMPARE(resp->header("Retry-After"), std::string("1"));
        QCOMPARE(r.emitter->count(), std::size_t(0));
        r.emitter->full = false;
        QCOMPARE(RawHttp::request(port, "POST", "/bp", "x")->status, 200);
        QCOMPARE(r.emitter->count(), std::size_t(1));
    }

    void keepAliveServesManyRequestsOnOneConnection()
    {
        const int port = test::freePort();
        auto r = start("ka", cfg(port, "/ka", "POST"));
        RawHttp c(port);
        for (int i = 0; i < 50; ++i) {
            QVERIFY(c.send("POST /ka HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\n" + std::to_string(i % 10)));
            auto resp = c.read();
            QVERIFY(resp);
            QCOMPARE(resp->status, 200);
        }
        // Pipelined: three requests in one write.
        std::string three;
        for (int i = 0; i < 3; ++i)
            three += "POST /ka HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\np";
        QVERIFY(c.send(three));
        for (int i = 0; i < 3; ++i)
            QCOMPARE(c.read()->status, 200);
        QCOMPARE(r.emitter->count(), std::size_t(53));
    }

    void bearerAuth()
    {
        const int port = test::freePort();
        qputenv("GS_TEST_TOKEN", "t0ken");
        auto r = start("auth", cfg(port, "/a", "POST", "authSecret: {env: GS_TEST_TOKEN}\n"));
        auto none = RawHttp::request(port, "POST", "/a", "x");
        QCOMPARE(none->status, 401);
        QCOMPARE(none->header("WWW-Authenticate"), std::string("Bearer"));
        QCOMPARE(RawHttp::request(port, "POST", "/a", "x", {{"Authorization", "Bearer wrong"}})->status, 401);
        QCOMPARE(RawHttp::request(port, "POST", "/a", "x", {{"Authorization", "Bearer t0ken"}})->status, 200);
        QCOMPARE(RawHttp::request(port, "POST", "/a", "x", {{"Authorization", "bearer t0ken"}})->status, 200); // scheme ignores case
        QCOMPARE(RawHttp::request(port, "POST", "/a", "x", {{"Authorization", "Bearer"}})->status, 401);
        QCOMPARE(RawHttp::request(port, "POST", "/a", "x", {{"Authorization", "Basic t0ken"}})->status, 401);
        QCOMPARE(r.emitter->count(), std::size_t(2));
        // A reference that cannot be resolved is a start error naming the reference, not the value.
        auto bad = m_type->start(SourceSpec {"2", "bad", cfg(port, "/b", "POST", "authSecret: {env: GS_TEST_UNSET_VAR}\n"), "v0.10"},
            std::make_shared<RecordingEmitter>());
        QVERIFY(!bad);
        QVERIFY(QString::fromStdString(bad.error().text()).contains(u"GS_TEST_UNSET_VAR: the variable is not set"));
    }

    void hmacSignature()
    {
        const int port = test::freePort();
        QTemporaryDir dir;
        QFile key(dir.filePath(QStringLiteral("key")));
        key.open(QIODevice::WriteOnly);
        key.write("It's a Secret to Everybody\n");
        key.close();
        auto r = start("gh", cfg(port, "/gh", "POST", "hmac:\n  secret: {file: " + key.fileName().toStdString() + "}\n"));
        // GitHub's documented example: body "Hello, World!" with that secret.
        const std::string sig = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
        QCOMPARE(RawHttp::request(port, "POST", "/gh", "Hello, World!", {{"X-Hub-Signature-256", sig}})->status, 200);
        QCOMPARE(RawHttp::request(port, "POST", "/gh", "Hello, World?", {{"X-Hub-Signature-256", sig}})->status, 401);
        QCOMPARE(RawHttp::request(port, "POST", "/gh", "Hello, World!")->status, 401);
        QCOMPARE(r.emitter->count(), std::size_t(1));
        QCOMPARE(meta(r.emitter->events[0], "http-header-x-hub-signature-256"), std::string("********"));
    }

    void tls()
    {
        QTemporaryDir dir;
        const QString cert = dir.filePath(QStringLiteral("tls.crt")), keyPath = dir.filePath(QStringLiteral("tls.key"));
        QCOMPARE(QProcess::execute(QStringLiteral("openssl"),
                     {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                         QStringLiteral("-nodes"), QStringLiteral("-subj"), QStringLiteral("/CN=localhost"), QStringLiteral("-days"),
                         QStringLiteral("1"), QStringLiteral("-keyout"), keyPath, QStringLiteral("-out"), cert}),
            0);
        const int port = test::freePort();
        const std::string tlsKeys = "serverCertPath: " + cert.toStdString() + "\nserverKeyPath: " + keyPath.toStdString() + "\n";
        auto r = start("secure", cfg(port, "/secure", "POST", tlsKeys));
        QVERIFY(QString::fromStdString(r.emitter->states.at(0)).contains(u"https://127.0.0.1"));
        QProcess curl;
        curl.start(QStringLiteral("curl"),
            {QStringLiteral("-sk"), QStringLiteral("-o"), QStringLiteral("/dev/null"), QStringLiteral("-w"), QStringLiteral("%{http_code}"),
                QStringLiteral("--data"), QStringLiteral("tls!"), QStringLiteral("https://127.0.0.1:%1/secure").arg(port)});
        QVERIFY(curl.waitForFinished(10000));
        QCOMPARE(curl.readAllStandardOutput(), QByteArray("200"));
        QCOMPARE(r.emitter->events.at(0).payload, std::string("tls!"));
        // Plain HTTP on the TLS port gets no event.
        auto plain = RawHttp::request(port, "POST", "/secure", "x");
        QVERIFY(!plain || plain->status != 200);
        QCOMPARE(r.emitter->count(), std::size_t(1));
        // Sources sharing a port must agree on TLS.
        auto clash = m_type->start(SourceSpec {"3", "plain", cfg(port, "/plain", "POST"), "v0.10"}, std::make_shared<RecordingEmitter>());
        QVERIFY(!clash);
        QVERIFY(QString::fromStdString(clash.error().text()).contains(u"different TLS settings"));
        // A missing certificate file is a clear start error.
        auto missing = m_type->start(
            SourceSpec {"4", "m", cfg(test::freePort(), "/m", "POST", "serverCertPath: /nope.crt\nserverKeyPath: /nope.key\n"), "v0.10"},
            std::make_shared<RecordingEmitter>());
        QVERIFY(!missing);
        QVERIFY(QString::fromStdString(missing.error().text()).contains(u"cannot load TLS certificate /nope.crt"));
    }

    void portInUseIsAClearError()
    {
        const int port = test::freePort();
        test::RecordingSink blocker(static_cast<std::uint16_t>(port)); // something else holds the port
        QCOMPARE(int(blocker.port()), port);
        auto s = m_type->start(SourceSpec {"5", "busy", cfg(port, "/x", "POST"), "v0.10"}, std::make_shared<RecordingEmitter>());
        QVERIFY(!s);
        QCOMPARE(QString::fromStdString(s.error().text()), QStringLiteral("listen tcp 127.0.0.1:%1: address already in use").arg(port));
    }

    void closedStreamAnswers404()
    {
        const int port = test::freePort();
        auto r = start("gone", cfg(port, "/g", "POST"));
        r.emitter->closed = true; // the stream ended while the route is being removed
        QCOMPARE(RawHttp::request(port, "POST", "/g", "x")->status, 404);
    }
};

QTEST_GUILESS_MAIN(TstWebhookHttp)
#include "tst_webhookhttp.moc"
