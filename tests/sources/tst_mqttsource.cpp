// The MQTT gateway against a real mosquitto (spec §6.6, decisions §6, PC-20, PC-21): exact payloads at
// a sink for a wildcard filter (published with mosquitto_pub), QoS 1, one message exactly once after
// a broker restart (re-subscribed on reconnect), clear errors, `gwctl publish`.

#include <algorithm>

#include <QTest>

#include "brokers.h"
#include "runtime/samplepublish.h"
#include "streamharness.h"
#include "testprocess.h"
#include "testsupport.h"

using namespace gs;
using namespace gs::test;

namespace {
bool mqttPublish(const QString &url, const QString &topic, const QString &message, int qos = 1)
{
    const QUrl u(url);
    const auto r = runToEnd(QStringLiteral("mosquitto_pub"),
        {QStringLiteral("-h"), u.host(), QStringLiteral("-p"), QString::number(u.port()), QStringLiteral("-q"), QString::number(qos),
            QStringLiteral("-t"), topic, QStringLiteral("-m"), message});
    if (r.code != 0)
        qWarning() << "mosquitto_pub:" << r.err;
    return r.code == 0;
}
} // namespace

class TestMqttSource : public QObject
{
    Q_OBJECT

    Mosquitto m_private;
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
    void initTestCase() { m_shared = sharedBrokerUrl("GS_TEST_MQTT_URL"); }

    void deliversExactPayloads()
    {
        StreamHarness h;
        QString error;
        QVERIFY2(h.start("mqtt", "temp", "url: " + url().toStdString() + "\ntopic: plant/+/temperature\nclientId: gs-test-exact\nqos: 1",
                     &error),
            qPrintable(error));
        QVERIFY2(h.waitForPhase(ConnectionPhase::Connected), qPrintable(h.history()));
        QVERIFY(mqttPublish(url(), QStringLiteral("plant/a/temperature"), QStringLiteral("21.5")));
        QVERIFY(mqttPublish(url(), QStringLiteral("plant/a/humidity"), QStringLiteral("not for us")));
        QVERIFY(mqttPublish(url(), QStringLiteral("plant/b/temperature"), QStringLiteral(R"({"c":19})"), 0));
        QVERIFY(mqttPublish(url(), QStringLiteral("plant/b/c/temperature"), QStringLiteral("too deep")));
        QVERIFY(h.waitForCount(2));
        QTest::qWait(500);
        // HTTP delivery may reorder (several connections to the sink): compare as sets.
        const auto got = h.received();
        QCOMPARE(got.size(), std::size_t(2));
        auto payloads = h.payloads();
        std::sort(payloads.begin(), payloads.end());
        QCOMPARE(payloads, (std::vector<std::string> {"21.5", R"({"c":19})"}));
        QCOMPARE(got[0].type, std::string("mqtt"));
        QCOMPARE(got[0].subject, std::string("temp"));
        QVERIFY(h.stop() < std::chrono::milliseconds(3000));
    }

    void resubscribesAfterBrokerRestart()
    {
        // PC-21: clean session, no persistence: the subscription is issued again on every reconnect.
        Mosquitto broker;
        QVERIFY(broker.start());
        StreamHarness h;
        QVERIFY(h.start("mqtt", "example", "url: " + broker.url().toStdString() + "\ntopic: foo\nclientId: argo-1"));
        QVERIFY2(h.waitForPhase(ConnectionPhase::Connected), qPrintable(h.history()));
        QVERIFY(mqttPublish(broker.url(), QStringLiteral("foo"), QStringLiteral("m1")));
        QVERIFY(h.waitForCount(1));
        const int before = h.count(ConnectionPhase::Connected);
        QVERIFY(broker.restart());
        QVERIFY2(h.waitForPhase(ConnectionPhase::Connected, before, std::chrono::seconds(30)), qPrintable(h.history()));
        QVERIFY(h.count(ConnectionPhase::Reconnecting) > 0);
        QVERIFY(mqttPublish(broker.url(), QStringLiteral("foo"), QStringLiteral("m2")));
        QVERIFY(h.waitForCount(2));
        QTest::qWait(1000);
        QCOMPARE(h.payloads(), (std::vector<std::string> {"m1", "m2"}));
        QCOMPARE(h.last().phase, SourcePhase::Running);
    }

    void unreachableBrokerFails()
    {
        StreamHarness h;
        QVERIFY(h.start("mqtt", "down",
            "url: tcp://127.0.0.1:" + std::to_string(freePort()) + "\ntopic: a\nclientId: x\nbackoff: {duration: 100000000, steps: 2}"));
        QVERIFY2(h.waitForSourcePhase(SourcePhase::Failed, std::chrono::seconds(15)), qPrintable(h.history()));
        QVERIFY2(h.last().message.find("after 2 attempts") != std::string::npos, h.last().message.c_str());
        QVERIFY(h.stop() < std::chrono::milliseconds(3000));
    }

    void credentialsInTheUrl()
    {
        // v0.10 took tcp://user:pass@host:port; paho C cannot, so they go to the connect options (masked in reports).
        const std::string u = url().toStdString();
        const std::string withUser = u.substr(0, u.find("://") + 3) + "bob:S3CRETPW@" + u.substr(u.find("://") + 3);
        StreamHarness h;
        QVERIFY(h.start("mqtt", "c", "url: " + withUser + "\ntopic: cred/#\nclientId: gs-test-cred"));
        QVERIFY2(h.waitForPhase(ConnectionPhase::Connected), qPrintable(h.history()));
        QVERIFY(h.history().indexOf(QStringLiteral("S3CRETPW")) < 0);
    }

    void sharedClientIdBacksOff()
    {
        // Two sources with one client id take the session from each other: each reconnect must back off.
        const std::string config = "url: " + url().toStdString() + "\ntopic: dup/#\nclientId: gs-test-dup";
        StreamHarness a, b;
        QVERIFY(a.start("mqtt", "a", config));
        QVERIFY(b.start("mqtt", "b", config));
        QTest::qWait(6000);
        const int reconnects = a.count(ConnectionPhase::Reconnecting) + b.count(ConnectionPhase::Reconnecting);
        QVERIFY2(reconnects < 20, qPrintable(QString::number(reconnects) + QStringLiteral("\n") + a.history()));
        QVERIFY(a.stop() < std::chrono::milliseconds(3000));
        QVERIFY(b.stop() < std::chrono::milliseconds(3000));
    }

    void publishSampleReachesTheSource()
    {
        StreamHarness h;
        QVERIFY(h.start("mqtt", "s", "url: " + url().toStdString() + "\ntopic: sport/#\nclientId: gs-test-publish"));
        QVERIFY(h.waitForPhase(ConnectionPhase::Connected));
        auto where = publishSample(h.gateway, h.configMap, "s", "goal", {});
        QVERIFY2(where, where ? "" : where.error().text().c_str());
        QVERIFY2(where->find("topic 'sport/sample'") != std::string::npos, where->c_str());
        QVERIFY(h.waitForCount(1));
        QCOMPARE(h.payloads().front(), std::string("goal"));
        // The publisher used its own client id: the source was never kicked off.
        QCOMPARE(h.count(ConnectionPhase::Reconnecting), 0);
    }
};

QTEST_GUILESS_MAIN(TestMqttSource)
#include "tst_mqttsource.moc"
