// The gateways.Eventing service over real gRPC (TCP): validation verdicts for hostile input,
// streaming with and without the negotiated extensions, back-pressure, cancellation.

#include <grpcpp/grpcpp.h>

#include <QTest>

#include "eventing.grpc.pb.h"
#include "rawhttp.h"
#include "server/gatewayserver.h"
#include "sources/webhook/webhooktype.h"
#include "testsupport.h"

using namespace gs;
using test::RawHttp;

namespace {
gateways::EventSource source(const std::string &name, const std::string &data, const std::string &version = "v0.10")
{
    gateways::EventSource es;
    es.set_id("42");
    es.set_name(name);
    es.set_data(data);
    es.set_version(version);
    return es;
}

std::string webhookConfig(int port, const std::string &path = "/hook")
{
    return "port: \"" + std::to_string(port) + "\"\nendpoint: " + path + "\nmethod: POST\n";
}
} // namespace

class TstEventingServer : public QObject
{
    Q_OBJECT

    std::unique_ptr<GatewayServer> m_server;
    std::unique_ptr<gateways::Eventing::Stub> m_stub;

    void startServer(StreamLimits limits = {})
    {
        auto s = GatewayServer::start(std::make_shared<webhook::WebhookType>(SourceEnvironment {}), "127.0.0.1", 0, limits);
        QVERIFY(s);
        m_server = std::move(*s);
        m_stub = gateways::Eventing::NewStub(grpc::CreateChannel(m_server->target(), grpc::InsecureChannelCredentials()));
    }

private Q_SLOTS:
    void init() { startServer(); }
    void cleanup()
    {
        m_stub.reset();
        m_server.reset();
    }

    void validateAlwaysAnswersOk_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QString>("version");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("reason");
        const QString v = QStringLiteral("v0.10");
        QTest::newRow("valid") << QByteArray("port: \"12000\"\nendpoint: /x\nmethod: POST") << v << true << QString();
        QTest::newRow("empty") << QByteArray() << v << false << QStringLiteral("event source can't be nil");
        QTest::newRow("wrong version") << QByteArray("port: 1") << QStringLiteral("v0.9") << false << QStringLiteral("version mismatch");
        QTest::newRow("no version") << QByteArray("port: 1") << QString() << false << QStringLiteral("provided version is ");
        QTest::newRow("comma") << QByteArray(",") << v << false << QStringLiteral("failed to parse event source");
        // proto3 strings are UTF-8 (grpc++ refuses to send anything else), so "binary" here is control bytes.
        QTest::newRow("binary") << QByteArray("\x01\x02\x00\x7f\x1b[0m", 8) << v << false << QStringLiteral("failed to parse event source");
        QTest::newRow("deep") << QByteArray(100000, '{') << v << false << QStringLiteral("nested deeper");
        QTest::newRow("3 MB of junk") << QByteArray(3 * 1024 * 1024, 'a') << v << false << QStringLiteral("expected a mapping");
        QTest::newRow("alias bomb") << QByteArray("a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c]\n") << v << false
                                    << QStringLiteral("unknown HTTP method");
    }
    void validateAlwaysAnswersOk()
    {
        QFETCH(QByteArray, data);
        QFETCH(QString, version);
        QFETCH(bool, valid);
        QFETCH(QString, reason);
        grpc::ClientContext ctx;
        ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
        gateways::ValidEventSource verdict;
        const grpc::Status s = m_stub->ValidateEventSource(&ctx, source("x", data.toStdString(), version.toStdString()), &verdict);
        QVERIFY2(s.ok(), s.error_message().c_str()); // never an RPC error: v0.10's client would crash
        QCOMPARE(verdict.isvalid(), valid);
        QVERIFY2(QString::fromStdString(verdict.reason()).contains(reason), verdict.reason().c_str());
    }

    void v010StreamHasNoExtensions()
    {
        const int port = test::freePort();
        grpc::ClientContext ctx;
        auto reader = m_stub->StartEventSource(&ctx, source("example", webhookConfig(port)));
        // The port may listen a moment before the route is active (404 until then).
        QVERIFY(test::waitUntil([&] {
            auto r = RawHttp::request(port, "POST", "/hook", R"({"a":1})", {{"Content-Type", "application/json"}});
            return r && r->status == 200;
        }));
        gateways::Event ev;
        QVERIFY(reader->Read(&ev));
        // First message is the event itself (no state report), name echoed, raw payload, no meta.
        QCOMPARE(ev.name(), std::string("example"));
        QCOMPARE(ev.payload(), std::string(R"({"a":1})"));
        QCOMPARE(ev.meta_size(), 0);
        QVERIFY(!ev.has_state());
        ctx.TryCancel();
        QCOMPARE(reader->Finish().error_code(), grpc::StatusCode::CANCELLED);
        // Cancelling stopped the source: the port is free again.
        QVERIFY(test::waitUntil([&] { return !RawHttp(port).connected(); }));
    }

    void extensionsNegotiated()
    {
        const int port = test::freePort();
        grpc::ClientContext ctx;
        ctx.AddMetadata("gateway-studio-ext", "1");
        auto reader = m_stub->StartEventSource(&ctx, source("example", webhookConfig(port)));
        gateways::Event state;
        QVERIFY(reader->Read(&state));
        QVERIFY(state.name().empty());
        QCOMPARE(state.state().phase(), std::string("connected"));
        QVERIFY(QString::fromStdString(state.state().message()).contains(QStringLiteral(":%1/hook").arg(port)));
        QCOMPARE(RawHttp::request(port, "POST", "/hook?q=1", "hi", {{"Content-Type", "text/plain"}, {"X-Trace", "abc"}})->status, 200);
        gateways::Event ev;
        QVERIFY(reader->Read(&ev));
        QCOMPARE(ev.name(), std::string("example"));
        QCOMPARE(ev.meta().at("content-type"), std::string("text/plain"));
        QCOMPARE(ev.meta().at("http-query"), std::string("q=1"));
        QCOMPARE(ev.meta().at("http-header-x-trace"), std::string("abc"));
        // A header that is not UTF-8 (Latin-1 here) must not break the stream: proto3 strings are
        // UTF-8, so the byte arrives as U+FFFD, and later events still flow.
        QCOMPARE(RawHttp::request(port, "POST", "/hook", "latin", {{"X-Name", "caf\xe9"}, {"Content-Type", "text/pl\xe4in"}})->status, 200);
        QVERIFY(reader->Read(&ev));
        QCOMPARE(ev.payload(), std::string("latin"));
        QCOMPARE(ev.meta().at("http-header-x-name"), std::string("caf\xef\xbf\xbd"));
        QCOMPARE(ev.meta().at("content-type"), std::string("text/pl\xef\xbf\xbdin"));
        QCOMPARE(RawHttp::request(port, "POST", "/hook", "after", {{"Content-Type", "text/plain"}})->status, 200);
        QVERIFY(reader->Read(&ev));
        QCOMPARE(ev.payload(), std::string("after"));
        ctx.TryCancel();
        reader->Finish();
    }

    void invalidStartIsAStreamError()
    {
        grpc::ClientContext ctx;
        auto reader = m_stub->StartEventSource(&ctx, source("bad", "port: \"1\"\nendpoint: /x\nmethod: FETCH"));
        gateways::Event ev;
        QVERIFY(!reader->Read(&ev));
        const grpc::Status s = reader->Finish();
        QCOMPARE(s.error_code(), grpc::StatusCode::UNKNOWN);
        QVERIFY(QString::fromStdString(s.error_message()).contains(u"unknown HTTP method 'FETCH'"));
    }

    void portInUseFailsTheStream()
    {
        const int port = test::freePort();
        grpc::ClientContext first;
        auto r1 = m_stub->StartEventSource(&first, source("one", webhookConfig(port, "/a")));
        QVERIFY(test::waitUntil([&] { return RawHttp(port).connected(); }));
        // Same route twice: the second stream fails with a reason naming the owner.
        grpc::ClientContext second;
        auto r2 = m_stub->StartEventSource(&second, source("two", webhookConfig(port, "/a")));
        gateways::Event ev;
        QVERIFY(!r2->Read(&ev));
        const grpc::Status s = r2->Finish();
        QCOMPARE(s.error_code(), grpc::StatusCode::UNKNOWN);
        QVERIFY2(QString::fromStdString(s.error_message()).contains(u"already served by event source 'one'"), s.error_message().c_str());
        first.TryCancel();
        r1->Finish();
    }

    void backPressureGives503AndLosesNothing()
    {
        cleanup();
        StreamLimits limits;
        limits.maxQueuedEvents = 4;
        startServer(limits);
        const int port = test::freePort();
        grpc::ClientContext ctx;
        auto reader = m_stub->StartEventSource(&ctx, source("bp", webhookConfig(port)));
        QVERIFY(test::waitUntil([&] { return RawHttp(port).connected(); }));
        // Nobody reads: gRPC's flow-control window fills, then the 4-event queue, then 503.
        const std::string payload(32 * 1024, 'p');
        int accepted = 0, refused = 0;
        RawHttp c(port);
        for (int i = 0; i < 400 && refused == 0; ++i) {
            QVERIFY(c.send("POST /hook HTTP/1.1\r\nHost: x\r\nContent-Length: " + std::to_string(payload.size()) + "\r\n\r\n" + payload));
            auto resp = c.read(std::chrono::seconds(15)); // generous: CI shares two cores with the other tests
            QVERIFY2(resp, qPrintable(QStringLiteral("no answer to request %1 (%2 accepted)").arg(i).arg(accepted)));
            if (resp->status == 200)
                ++accepted;
            else if (resp->status == 503) {
                ++refused;
                QCOMPARE(resp->header("Retry-After"), std::string("1"));
            }
        }
        QCOMPARE(refused, 1);
        QVERIFY(accepted >= 4);
        // Now read: every accepted event arrives, none of the refused one.
        int received = 0;
        gateways::Event ev;
        while (received < accepted && reader->Read(&ev))
            ++received;
        QCOMPARE(received, accepted);
        QCOMPARE(RawHttp::request(port, "POST", "/hook", "after")->status, 200);
        QVERIFY(reader->Read(&ev));
        QCOMPARE(ev.payload(), std::string("after"));
        ctx.TryCancel();
        reader->Finish();
    }

    void manyStreamsStartAndStop()
    {
        // Churn: start and cancel 50 streams; every port is released each time.
        const int port = test::freePort();
        for (int i = 0; i < 50; ++i) {
            grpc::ClientContext ctx;
            ctx.AddMetadata("gateway-studio-ext", "1");
            auto reader = m_stub->StartEventSource(&ctx, source("churn", webhookConfig(port)));
            gateways::Event state;
            QVERIFY(reader->Read(&state)); // connected
            ctx.TryCancel();
            reader->Finish();
        }
        QVERIFY(test::waitUntil([&] { return !RawHttp(port).connected(); }));
    }

    void secondServerOnSamePortIsRefused()
    {
        auto again = GatewayServer::start(std::make_shared<webhook::WebhookType>(SourceEnvironment {}), "127.0.0.1", m_server->port());
        QVERIFY(!again);
        QVERIFY(QString::fromStdString(again.error().text()).contains(u": Address already in use"));
    }
};

QTEST_GUILESS_MAIN(TstEventingServer)
#include "tst_eventingserver.moc"
