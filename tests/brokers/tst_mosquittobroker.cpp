// The MQTT broker of the test command and the private-mosquitto fixture, checked with the broker's
// own clients (mosquitto_sub, mosquitto_pub): a round trip, and a restart on the same port.

#include <QTest>
#include <QUrl>

#include "brokers.h"
#include "testprocess.h"
#include "testsupport.h"

using namespace gs;
using namespace std::chrono_literals;

namespace {

/** Subscribes to `topic` with mosquitto_sub, publishes `payload` with mosquitto_pub, returns what arrived. */
QString roundTrip(int port, const QString &topic, const QString &payload, int qos)
{
    test::TestProcess sub;
    // stdbuf: into a pipe mosquitto_sub's output is block-buffered, and the SUBACK line must arrive now.
    if (!sub.start(QStringLiteral("stdbuf"),
            {QStringLiteral("-oL"), QStringLiteral("mosquitto_sub"), QStringLiteral("-h"), QStringLiteral("127.0.0.1"),
                QStringLiteral("-p"), QString::number(port), QStringLiteral("-t"), topic, QStringLiteral("-q"), QString::number(qos),
                QStringLiteral("-C"), QStringLiteral("1"), QStringLiteral("-W"), QStringLiteral("15"), QStringLiteral("-d"),
                QStringLiteral("-F"), QStringLiteral("<<%t|%q|%p>>")}))
        return QStringLiteral("mosquitto_sub did not start");
    // -d prints the SUBACK: from then on the broker routes the topic to it.
    if (!sub.waitFor(QStringLiteral("received SUBACK")).hasMatch())
        return QStringLiteral("no SUBACK: ") + sub.allStdout() + sub.allStderr();
    const auto pub = test::runToEnd(QStringLiteral("mosquitto_pub"),
        {QStringLiteral("-h"), QStringLiteral("127.0.0.1"), QStringLiteral("-p"), QString::number(port), QStringLiteral("-t"), topic,
            QStringLiteral("-q"), QString::number(qos), QStringLiteral("-m"), payload, QStringLiteral("-d")});
    if (pub.code != 0)
        return QStringLiteral("mosquitto_pub failed: ") + pub.err;
    const auto m = sub.waitFor(QStringLiteral("<<(.*)>>"));
    sub.waitExit(5s);
    return m.hasMatch() ? m.captured(1)
                        : QStringLiteral("nothing arrived: ") + sub.allStdout() + QStringLiteral("\npublisher: ") + pub.out + pub.err;
}

} // namespace

class TstMosquittoBroker : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sharedBrokerRoundTrip_data()
    {
        QTest::addColumn<int>("qos");
        QTest::newRow("QoS 0") << 0;
        QTest::newRow("QoS 1") << 1;
        QTest::newRow("QoS 2") << 2;
    }
    void sharedBrokerRoundTrip()
    {
        QFETCH(int, qos);
        QString url = test::sharedBrokerUrl("GS_TEST_MQTT_URL");
        test::Mosquitto own;
        if (url.isEmpty()) {
            qWarning("GS_TEST_MQTT_URL is not set (run through scripts/test.sh): using a private mosquitto");
            QVERIFY2(own.start(), qPrintable(own.output()));
            url = own.url();
        }
        QVERIFY(url.startsWith(u"tcp://127.0.0.1:"));
        const int port = QUrl(url).port();
        const QString topic = QStringLiteral("smoke/qos%1/x").arg(qos);
        QCOMPARE(roundTrip(port, topic, QStringLiteral("hello mqtt"), qos), QStringLiteral("%1|%2|hello mqtt").arg(topic).arg(qos));
    }

    void privateBrokerRestartsOnTheSamePort()
    {
        test::Mosquitto broker;
        QVERIFY2(broker.start(), qPrintable(broker.output()));
        const int port = broker.port();
        QCOMPARE(roundTrip(port, QStringLiteral("r/1"), QStringLiteral("before"), 1), QStringLiteral("r/1|1|before"));
        broker.stop();
        QVERIFY(!broker.running());
        QVERIFY(!test::portAccepts(port));
        QVERIFY2(broker.start(), qPrintable(broker.output()));
        QCOMPARE(broker.port(), port);
        QCOMPARE(roundTrip(port, QStringLiteral("r/1"), QStringLiteral("after"), 1), QStringLiteral("r/1|1|after"));
    }
};

QTEST_GUILESS_MAIN(TstMosquittoBroker)
#include "tst_mosquittobroker.moc"
