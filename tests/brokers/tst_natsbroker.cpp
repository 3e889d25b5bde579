// The NATS server of the test command and the private-server fixture, checked with cnats: a
// publish/subscribe round trip, a restart on the same port with the subscription restored, and
// JetStream capture (what the NATS dispatch restart test counts on).

#include <QTest>

#include "brokers.h"
#include "natstestclient.h"
#include "testsupport.h"

using namespace gs;
using namespace std::chrono_literals;

class TstNatsBroker : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sharedServerRoundTrip()
    {
        QString url = test::sharedBrokerUrl("GS_TEST_NATS_URL");
        test::NatsServer own;
        if (url.isEmpty()) {
            qWarning("GS_TEST_NATS_URL is not set (run through scripts/test.sh): using a private nats-server");
            QVERIFY2(own.start(), qPrintable(own.output()));
            url = own.url();
        }
        test::NatsTestClient sub(url);
        test::NatsTestClient pub(url);
        QVERIFY2(sub.connected(), qPrintable(sub.error()));
        QVERIFY2(pub.connected(), qPrintable(pub.error()));
        // A subject with ':' as v0.10's NATS dispatch uses (<gateway>:<key>).
        QVERIFY(sub.subscribe("smoke-gw:key-1"));
        QVERIFY(pub.publish("smoke-gw:key-1", "hello \x01 bytes"));
        const auto m = sub.next(5s);
        QVERIFY(m);
        QCOMPARE(m->subject, std::string("smoke-gw:key-1"));
        QCOMPARE(m->data, std::string("hello \x01 bytes"));
        QVERIFY(!sub.next(200ms)); // exactly one
    }

    void privateServerRestartsOnTheSamePort()
    {
        test::NatsServer server;
        QVERIFY2(server.start(), qPrintable(server.output()));
        const int port = server.port();
        QVERIFY(port > 0);
        test::NatsTestClient sub(server.url());
        QVERIFY2(sub.connected(), qPrintable(sub.error()));
        QVERIFY(sub.subscribe("restart.subject"));

        server.stop();
        QVERIFY(!server.running());
        QVERIFY(!test::portAccepts(port));
        QVERIFY(test::waitUntil([&] { return !sub.connected(); }, 5s));
        QVERIFY2(server.start(), qPrintable(server.output()));
        QCOMPARE(server.port(), port);
        // cnats reconnects and restores the subscription by itself.
        QVERIFY(test::waitUntil([&] { return sub.connected() && sub.reconnects() == 1; }, 10s));
        test::NatsTestClient pub(server.url());
        QVERIFY(pub.publish("restart.subject", "after restart"));
        const auto m = sub.next(5s);
        QVERIFY(m);
        QCOMPARE(m->data, std::string("after restart"));
    }

    void jetStreamCapturesAcrossRestarts()
    {
        test::NatsServer server(true);
        QVERIFY2(server.start(), qPrintable(server.output()));
        test::NatsTestClient c(server.url());
        QVERIFY2(c.connected(), qPrintable(c.error()));
        QVERIFY(c.addStream("CAPTURE", "gw:key"));
        QVERIFY(c.publish("gw:key", "one"));
        QVERIFY(test::waitUntil([&] { return c.streamMessages("CAPTURE") == 1; }, 5s));
        QVERIFY(server.restart());
        QVERIFY(test::waitUntil([&] { return c.connected(); }, 10s));
        QVERIFY(c.publish("gw:key", "two"));
        QVERIFY(test::waitUntil([&] { return c.streamMessages("CAPTURE") == 2; }, 10s));
        QCOMPARE(c.streamData("CAPTURE"), (std::vector<std::string> {"one", "two"}));
    }
};

QTEST_GUILESS_MAIN(TstNatsBroker)
#include "tst_natsbroker.moc"
