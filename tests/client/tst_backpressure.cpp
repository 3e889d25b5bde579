// Back-pressure end to end (decisions §1, §3): when deliveries cannot keep up, the client stops
// reading its stream, gRPC flow control fills the server's queue, and the webhook answers 503.
// Nothing accepted with 200 is lost, and nothing refused with 503 is delivered.

#include <QTest>

#include "client/gatewayclient.h"
#include "core/json.h"
#include "rawhttp.h"
#include "recordingsink.h"
#include "server/gatewayserver.h"
#include "sources/webhook/webhooktype.h"
#include "testsupport.h"

using namespace gs;
using test::RawHttp;

class TstBackpressure : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fullPipelineTurnsInto503AndLosesNothing()
    {
        StreamLimits limits;
        limits.maxQueuedEvents = 8;
        auto server = GatewayServer::start(std::make_shared<webhook::WebhookType>(SourceEnvironment {}), "127.0.0.1", 0, limits);
        QVERIFY(server);

        test::RecordingSink sink;
        const std::string sinkUrl = sink.url();
        sink.stop(); // deliveries fail until the sink comes back
        DispatchOptions dopts;
        dopts.maxPendingEvents = 4;
        dopts.initialBackoff = std::chrono::milliseconds(50);
        dopts.maxBackoff = std::chrono::milliseconds(100);
        auto dispatcher = std::make_shared<Dispatcher>(dopts);
        dispatcher->setTargets({{"sink", sinkUrl}});
        auto pipeline = std::make_shared<DeliveryPipeline>(dispatcher);
        Gateway gw;
        gw.meta.name = "bp";
        gw.type = "webhook";
        GatewayClient client(gw, GatewayClient::Options {(*server)->target(), true, {}, {}}, pipeline);
        const int port = test::freePort();
        ConfigMap cm;
        cm.meta.labels[kEventSourceVersionLabel] = "v0.10";
        cm.data = {{"hook", "port: \"" + std::to_string(port) + "\"\nendpoint: /h\nmethod: POST\nmaxBodySize: 4000000\n"}};
        client.reconcile(cm);
        QVERIFY(test::waitUntil([&] { return RawHttp(port).connected(); }));

        // Large bodies fill gRPC's flow-control window quickly.
        const std::string body(256 * 1024, 'b');
        int accepted = 0, refused = 0;
        RawHttp c(port);
        for (int i = 0; i < 2000 && refused == 0; ++i) {
            const std::string numbered = std::to_string(i) + ":" + body;
            QVERIFY(c.send("POST /h HTTP/1.1\r\nHost: x\r\nContent-Length: " + std::to_string(numbered.size()) + "\r\n\r\n" + numbered));
            auto r = c.read();
            QVERIFY(r);
            if (r->status == 200)
                ++accepted;
            else if (r->status == 503)
                ++refused;
            else
                QFAIL(qPrintable(QStringLiteral("unexpected status %1").arg(r->status)));
            QCoreApplication::processEvents();
        }
        QCOMPARE(refused, 1);
        QVERIFY(accepted >= 4 + 8); // at least the pending bound plus the stream queue
        QVERIFY(dispatcher->stats().refused > 0); // the pipeline said "full" and the reader paused

        // The sink comes back: every accepted event arrives exactly once, in full.
        QVERIFY(sink.restart());
        QVERIFY(test::waitUntil([&] { return sink.accepted() >= std::size_t(accepted); }, std::chrono::seconds(30)));
        QTest::qWait(300);
        QCOMPARE(sink.accepted(), std::size_t(accepted));
        std::set<std::string> seen;
        for (const auto &req : sink.requests()) {
            auto env = json::parse(req.body);
            QVERIFY(env);
            seen.insert(*env->member("context")->member("eventID")->string());
        }
        QCOMPARE(seen.size(), std::size_t(accepted)); // no duplicates
        // And the webhook accepts again.
        QCOMPARE(RawHttp::request(port, "POST", "/h", "after")->status, 200);
        QVERIFY(sink.waitForCount(std::size_t(accepted) + 1, std::chrono::seconds(10)));
        client.stopAll();
    }
};

QTEST_GUILESS_MAIN(TstBackpressure)
#include "tst_backpressure.moc"
