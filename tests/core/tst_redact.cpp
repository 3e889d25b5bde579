// Broker URLs shown or logged never carry a password or token (decisions §6, §8).

#include <QTest>

#include "core/redact.h"
#include "dispatch/delivery.h"

using namespace gs;

class TstRedact : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void targetLabelsNeverShowPasswords()
    {
        // Sinks, --resolve'd watchers and NATS servers appear in logs and in the app by their label.
        const Target sink {"sink http://***@127.0.0.1:9/", "http://admin:SINKPASS@127.0.0.1:9/"};
        QCOMPARE(sink.label(), std::string("sink http://***@127.0.0.1:9/"));
        const Target resolved {"sensor s1", "http://u:RESPASS@127.0.0.1:9/"};
        QCOMPARE(resolved.label(), std::string("sensor s1 (http://u:***@127.0.0.1:9/)"));
        const Target nats {"NATS", "nats://bob:pw@h:4222", TargetKind::Nats};
        QVERIFY(nats.label().find("pw") == std::string::npos);
    }

    void brokerUrls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("shown");
        const auto row = [](const char *name, const char *url, const char *shown) {
            QTest::newRow(name) << QString::fromUtf8(url) << QString::fromUtf8(shown);
        };
        row("plain", "nats://127.0.0.1:4222", "nats://127.0.0.1:4222");
        row("user and password", "nats://alice:s3cret@nats.example:4222", "nats://alice:***@nats.example:4222");
        row("token", "nats://t0k3n@127.0.0.1:4222", "nats://***@127.0.0.1:4222");
        row("password with @", "amqp://bob:p@ss@rabbit:5672/vh", "amqp://bob:***@rabbit:5672/vh");
        row("password with comma", "nats://bob:a,b@h:4222", "nats://bob:***@h:4222");
        row("list", "nats://a:p1@h1:4222,nats://b:p2@h2:4222", "nats://a:***@h1:4222,nats://b:***@h2:4222");
        row("no scheme", "user:pw@host:4222", "user:***@host:4222");
        row("path kept", "amqp://guest:guest@localhost:5672/%2F", "amqp://guest:***@localhost:5672/%2F");
        row("secret query", "tcp://host:1883/?password=x&clientId=c&token=y", "tcp://host:1883/?password=***&clientId=c&token=***");
        row("harmless query", "amqp://h/?heartbeat=10", "amqp://h/?heartbeat=10");
        row("query and fragment", "amqp://h/?authKey=z#frag", "amqp://h/?authKey=***#frag");
        row("ipv6", "nats://u:p@[::1]:4222", "nats://u:***@[::1]:4222");
        row("empty", "", "");
    }
    void brokerUrls()
    {
        QFETCH(QString, url);
        QFETCH(QString, shown);
        const std::string out = redactBrokerUrl(url.toStdString());
        QCOMPARE(QString::fromStdString(out), shown);
        for (const char *secret : {"s3cret", "t0k3n", "p@ss", "a,b", "p1", "p2", "pw"})
            QVERIFY2(!QString::fromStdString(out).contains(QString::fromLatin1(secret)), secret);
    }
};

QTEST_GUILESS_MAIN(TstRedact)
#include "tst_redact.moc"
