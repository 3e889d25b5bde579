// The NATS gateway against a real nats-server (spec §6.5, decisions §6): exact payloads at a sink,
// wildcards, the subscription restored after a server restart (one message, exactly once), clear
// errors for unreachable servers, a prompt stop, and `gwctl publish`.

#include <algorithm>

#include <QTemporaryDir>
#include <QTest>

#include "brokers.h"
#include "natstestclient.h"
#include "runtime/samplepublish.h"
#include "streamharness.h"
#include "testprocess.h"
#include "testsupport.h"

using namespace gs;
using namespace gs::test;

class TestNatsSource : public QObject
{
    Q_OBJECT

    NatsServer m_private;
    QString m_shared;

    QString url()
    {
        if (!m_shared.isEmpty())
            return m_shared;
        if (!m_private.running())
            m_private.start();
        return m_private.url();
    }

private Q_SLOTS:
    void initTestCase() { m_shared = sharedBrokerUrl("GS_TEST_NATS_URL"); }

    void deliversExactPayloads()
    {
        StreamHarness h;
        QString error;
        QVERIFY2(h.start("nats", "orders", "url: " + url().toStdString() + "\nsubject: orders.>", &error), qPrintable(error));
        QVERIFY2(h.waitForPhase(ConnectionPhase::Connected), qPrintable(h.history()));
        QVERIFY(h.last().connectionMessage.find("subject 'orders.>'") != std::string::npos);

        NatsTestClient pub(url());
        QVERIFY(pub.connected());
        const std::string binary("\x00\xff\x01 bytes", 9);
        QVERIFY(pub.publish("orders.created", R"({"id":1})"));
        QVERIFY(pub.publish("other.created", "not for us"));
        QVERIFY(pub.publish("orders.eu.cancelled", "plain text"));
        QVERIFY(pub.publish("orders.x", binary));
        QVERIFY(pub.publish("orders.empty", ""));
        QVERIFY(h.waitForCount(4));
        QTest::qWait(300);
        // HTTP delivery may reorder (several connections to the sink): compare as sets.
        const auto got = h.received();
        QCOMPARE(got.size(), std::size_t(4));
        auto payloads = h.payloads();
        std::sort(payloads.begin(), payloads.end());
        std::vector<std::string> expected {R"({"id":1})", "plain text", binary, ""};
        std::sort(expected.begin(), expected.end());
        QCOMPARE(payloads, expected);
        for (const auto &r : got) {
            QCOMPARE(r.type, std::string("nats"));
            QCOMPARE(r.subject, std::string("orders"));
        }
        QVERIFY(h.stop() < std::chrono::milliseconds(3000));
    }

    void argoEnvelopeByDefault()
    {
        // The default envelope as v0.10 sends it: payload base64 inside Argo's JSON.
        StreamHarness h;
        QVERIFY(h.start("nats", "k", "url: " + url().toStdString() + "\nsubject: argo.subject"));
        QVERIFY(h.waitForPhase(ConnectionPhase::Connected));
        NatsTestClient pub(url());
        QVERIFY(pub.publish("argo.subject", "hello"));
        QVERIFY(h.waitForCount(1));
        QCOMPARE(h.payloads().front(), std::string("hello"));
    }

    void restoredAfterServerRestart()
    {
        NatsServer server;
        QVERIFY(server.start());
        StreamHarness h;
        QVERIFY(h.start("nats", "orders", "url: " + server.url().toStdString() + "\nsubject: restart.*"));
        QVERIFY2(h.waitForPhase(ConnectionPhase::Connected), qPrintable(h.history()));
        {
            NatsTestClient pub(server.url());
            QVERIFY(pub.publish("restart.before", "m1"));
        }
        QVERIFY(h.waitForCount(1));

        const int connectedBefore = h.count(ConnectionPhase::Connected);
        QVERIFY(server.restart());
        QVERIFY2(h.waitForPhase(ConnectionPhase::Connected, connectedBefore, std::chrono::seconds(20)), qPrintable(h.history()));
        QVERIFY2(h.count(ConnectionPhase::Reconnecting) > 0, qPrintable(h.history()));
        {
            NatsTestClient pub(server.url());
            QVERIFY(pub.publish("restart.after", "m2"));
        }
        QVERIFY(h.waitForCount(2));
        QTest::qWait(1000); // a duplicate would arrive by now
        QCOMPARE(h.payloads(), (std::vector<std::string> {"m1", "m2"}));
        QCOMPARE(h.last().phase, SourcePhase::Running); // reconnecting never failed the stream
    }

    void unsubscribesAndClosesOnStop()
    {
        // The server's monitoring endpoint counts connections: none left once the gateway stopped.
        const int monitor = freePort();
        NatsServer server(false, {QStringLiteral("-m"), QString::number(monitor)});
        QVERIFY(server.start());
        auto connections = [&] {
            const auto r
                = runToEnd(QStringLiteral("curl"), {QStringLiteral("-s"), QStringLiteral("http://127.0.0.1:%1/varz").arg(monitor)});
            const auto at = r.out.indexOf(u"\"connections\":");
            return at < 0 ? -1 : r.out.mid(at + 14, 4).trimmed().remove(u',').toInt();
        };
        StreamHarness h;
        QVERIFY(h.start("nats", "s", "url: " + server.url().toStdString() + "\nsubject: a"));
        QVERIFY(h.waitForPhase(ConnectionPhase::Connected));
        QCOMPARE(connections(), 1);
        QVERIFY(h.stop() < std::chrono::milliseconds(3000));
        QVERIFY(waitUntil([&] { return connections() == 0; }, std::chrono::seconds(5)));
    }

    void unreachableServerFailsAfterItsSteps()
    {
        // PC-25 with short sleeps: 3 attempts (0, 0.1, 0.2 s), then a start error; the client restarts it later.
        const int port = freePort();
        StreamHarness h;
        QVERIFY(h.start("nats", "down",
            "url: nats://127.0.0.1:" + std::to_string(port) + "\nsubject: x\nbackoff: {duration: 100000000, factor: 1, steps: 3}"));
        QVERIFY2(h.waitForSourcePhase(SourcePhase::Failed, std::chrono::seconds(10)), qPrintable(h.history()));
        const auto failed = h.last();
        QVERIFY2(failed.message.find("after 3 attempts") != std::string::npos, failed.message.c_str());
        QVERIFY2(failed.message.find("127.0.0.1:" + std::to_string(port)) != std::string::npos, failed.message.c_str());
        QVERIFY(h.count(ConnectionPhase::Failed) == 1);
        QVERIFY(h.stop() < std::chrono::milliseconds(3000));
    }

    void withoutBackoffRetriesForever()
    {
        // PC-25: no `backoff` means 1 s doubling, unlimited: attempts at 0, 1, 3 s, the 4th 4 s later; a stop is prompt.
        const int port = freePort();
        StreamHarness h;
        QVERIFY(h.start("nats", "down", "url: nats://127.0.0.1:" + std::to_string(port) + "\nsubject: x"));
        QTest::qWait(3500);
        QCOMPARE(h.last().phase, SourcePhase::Running);
        QCOMPARE(h.last().connectionPhase, ConnectionPhase::Connecting);
        QVERIFY2(h.last().connectionMessage.find("attempt 4 in 4 s") != std::string::npos, h.last().connectionMessage.c_str());
        QVERIFY(h.stop() < std::chrono::milliseconds(2000));
    }

    void passwordsNeverShown()
    {
        const int port = freePort();
        StreamHarness h;
        QVERIFY(h.start("nats", "secret", "url: nats://alice:s3cret@127.0.0.1:" + std::to_string(port) + "\nsubject: x"));
        QVERIFY(waitUntil([&] { return h.count(ConnectionPhase::Connecting) >= 2; }));
        for (const auto &s : h.statuses())
            QVERIFY2(s.connection.find("s3cret") == std::string::npos, s.connection.c_str());
        QVERIFY(h.last().connectionMessage.find("alice:***@") != std::string::npos);
    }

    void publishSampleReachesTheSource()
    {
        StreamHarness h;
        QVERIFY(h.start("nats", "orders", "url: " + url().toStdString() + "\nsubject: orders.*.created"));
        QVERIFY(h.waitForPhase(ConnectionPhase::Connected));
        auto where = publishSample(h.gateway, h.configMap, "orders", "sample-data", {});
        QVERIFY2(where, where ? "" : where.error().text().c_str());
        QVERIFY2(where->find("subject 'orders.sample.created'") != std::string::npos, where->c_str());
        QVERIFY(h.waitForCount(1));
        QCOMPARE(h.payloads().front(), std::string("sample-data"));
        auto missing = publishSample(h.gateway, h.configMap, "nope", "x", {});
        QVERIFY(!missing);
        QVERIFY2(missing.error().text().find("has no event source 'nope' (it has: orders)") != std::string::npos,
            missing.error().text().c_str());
    }

    void gwctlPublish()
    {
        // The command reads the same files as `gwctl run`; the source receives exactly --data.
        StreamHarness h;
        QVERIFY(h.start("nats", "orders", "url: " + url().toStdString() + "\nsubject: cli.>"));
        QVERIFY(h.waitForPhase(ConnectionPhase::Connected));
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("gw.yaml"));
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QStringLiteral(
                "apiVersion: argoproj.io/v1alpha1\nkind: Gateway\nmetadata:\n  name: nats-gateway\nspec:\n  type: nats\n"
                "  eventSource: cm\n  processorPort: \"9330\"\n  eventProtocol:\n    type: HTTP\n---\napiVersion: v1\nkind: ConfigMap\n"
                "metadata:\n  name: cm\n  labels:\n    argo-events-event-source-version: v0.10\ndata:\n  orders: |\n    url: %1\n    "
                "subject: cli.>\n")
                        .arg(url())
                        .toUtf8());
        }
        auto r = runToEnd(gwctlPath(),
            {QStringLiteral("publish"), QStringLiteral("orders"), QStringLiteral("--gateway"), file, QStringLiteral("--data"),
                QStringLiteral("from the cli")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.startsWith(u"published 12 bytes to NATS server "), qPrintable(r.out));
        QVERIFY(r.out.contains(u"subject 'cli.sample'"));
        // Without --data: the JSON test message naming gateway and source.
        r = runToEnd(gwctlPath(), {QStringLiteral("publish"), QStringLiteral("orders"), QStringLiteral("--gateway"), file});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(h.waitForCount(2));
        QCOMPARE(h.payloads().front(), std::string("from the cli"));
        const std::string expected
            = "{\"message\":\"test message from Gateway Studio\",\"gateway\":\"nats-gateway\",\"source\":\"orders\",\"time\":\"";
        QVERIFY2(h.payloads().back().starts_with(expected), h.payloads().back().c_str());
        r = runToEnd(gwctlPath(), {QStringLiteral("publish"), QStringLiteral("missing"), QStringLiteral("--gateway"), file});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(u"has no event source 'missing' (it has: orders)"), qPrintable(r.err));
        r = runToEnd(gwctlPath(), {QStringLiteral("publish"), QStringLiteral("--gateway"), file});
        QCOMPARE(r.code, 2);
    }
};

QTEST_GUILESS_MAIN(TestNatsSource)
#include "tst_natssource.moc"
