// The AMQP gateway against a real RabbitMQ (spec §6.8, decisions §6, PC-23, PC-25): exact payloads,
// declare as v0.10 (PRECONDITION_FAILED is a clear start error, not a hot loop), passive and skipped
// declares, closed connections re-established with one message exactly once, never empty events.

#include <algorithm>

#include <QTest>

#include "brokers.h"
#include "runtime/samplepublish.h"
#include "streamharness.h"
#include "testsupport.h"

using namespace gs;
using namespace gs::test;

class TestAmqpSource : public QObject
{
    Q_OBJECT

    RabbitMq m_rabbit;
    QString m_vhost = QStringLiteral("gs-amqpsource");

    std::string url() const { return m_rabbit.url(m_vhost).toStdString(); }

    /** Publishes through the backend's rabbitmq-c publisher with `key` to the source's exchange. */
    static void publish(StreamHarness &h, const std::string &key, const std::string &routingKey, const std::string &data)
    {
        ConfigMap cm = h.configMap;
        for (auto &[k, v] : cm.data) {
            if (k == key) {
                const auto at = v.find("routingKey:");
                const auto end = v.find('\n', at);
                v.replace(at, end - at, "routingKey: \"" + routingKey + "\"");
            }
        }
        auto where = publishSample(h.gateway, cm, key, data, {});
        QVERIFY2(where, where ? "" : where.error().text().c_str());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_rabbit.start(), qPrintable(m_rabbit.lastError()));
        m_rabbit.deleteVhost(m_vhost);
        QVERIFY(m_rabbit.addVhost(m_vhost));
    }
    void cleanupTestCase() { m_rabbit.deleteVhost(m_vhost); }

    void deliversExactPayloads()
    {
        StreamHarness h;
        QString error;
        QVERIFY2(h.start("amqp", "audit", "url: " + url() + "\nexchangeName: audit\nexchangeType: topic\nroutingKey: \"a.*\"", &error),
            qPrintable(error));
        QVERIFY2(h.waitForPhase(ConnectionPhase::Connected), qPrintable(h.history()));
        publish(h, "audit", "a.one", R"({"n":1})");
        publish(h, "audit", "b.one", "not for us");
        publish(h, "audit", "a.two", std::string("\x00\x01", 2));
        QVERIFY(h.waitForCount(2));
        QTest::qWait(500);
        // HTTP delivery may reorder (several connections to the sink): compare as sets.
        const auto got = h.received();
        QCOMPARE(got.size(), std::size_t(2));
        auto payloads = h.payloads();
        std::sort(payloads.begin(), payloads.end());
        QCOMPARE(payloads, (std::vector<std::string> {std::string("\x00\x01", 2), R"({"n":1})"}));
        QCOMPARE(got[0].type, std::string("amqp"));
        QVERIFY(h.stop() < std::chrono::milliseconds(3000));
    }

    void preconditionFailedIsAClearStartError()
    {
        // PC-23: `orders` exists as a non-durable topic exchange; v0.10's durable declare is refused.
        StreamHarness first;
        QVERIFY(first.start("amqp", "maker",
            "url: " + url() + "\nexchangeName: orders\nexchangeType: topic\nroutingKey: x\nexchangeDeclare: {durable: false}"));
        QVERIFY2(first.waitForPhase(ConnectionPhase::Connected), qPrintable(first.history()));

        StreamHarness h;
        QVERIFY(h.start("amqp", "example", "url: " + url() + "\nexchangeName: orders\nexchangeType: topic\nroutingKey: a.b"));
        QVERIFY2(h.waitForSourcePhase(SourcePhase::Failed), qPrintable(h.history()));
        const std::string why = h.last().message;
        QVERIFY2(why.find("PRECONDITION_FAILED") != std::string::npos && why.find("durable") != std::string::npos, why.c_str());
        // Not hot: one attempt, then the client's restart backoff (1 s, 2 s, ...).
        QTest::qWait(1500);
        QVERIFY2(h.count(ConnectionPhase::Failed) <= 2, qPrintable(h.history()));

        StreamHarness fanout;
        QVERIFY(fanout.start("amqp", "example", "url: " + url() + "\nexchangeName: orders\nexchangeType: fanout\nroutingKey: a.b"));
        QVERIFY2(fanout.waitForSourcePhase(SourcePhase::Failed), qPrintable(fanout.history()));
        QVERIFY2(fanout.last().message.find("'type'") != std::string::npos, fanout.last().message.c_str());

        // passive and skip bind a server-named exclusive queue with "a.b": one message, and none for "x.y".
        for (const char *mode : {"passive: true", "skip: true"}) {
            StreamHarness p;
            QVERIFY(p.start("amqp", "example",
                "url: " + url() + "\nexchangeName: orders\nexchangeType: topic\nroutingKey: a.b\nexchangeDeclare: {" + mode + "}"));
            QVERIFY2(p.waitForPhase(ConnectionPhase::Connected), qPrintable(p.history()));
            publish(p, "example", "a.b", "yes");
            publish(p, "example", "x.y", "no");
            QVERIFY(p.waitForCount(1));
            QTest::qWait(500);
            QCOMPARE(p.payloads(), (std::vector<std::string> {"yes"}));
        }
    }

    void passiveDeclareOfAMissingExchangeFails()
    {
        StreamHarness h;
        QVERIFY(h.start("amqp", "p",
            "url: " + url() + "\nexchangeName: nowhere\nexchangeType: topic\nroutingKey: a\nexchangeDeclare: {passive: true}"));
        QVERIFY2(h.waitForSourcePhase(SourcePhase::Failed), qPrintable(h.history()));
        QVERIFY2(h.last().message.find("NOT_FOUND") != std::string::npos, h.last().message.c_str());
    }

    void unknownExchangeTypeFailsAtOnce()
    {
        // 503 COMMAND_INVALID closes the connection, but no retry can fix the type: a clear start error.
        StreamHarness h;
        QVERIFY(h.start("amqp", "t", "url: " + url() + "\nexchangeName: gs-bogus\nexchangeType: bogus\nroutingKey: a"));
        QVERIFY2(h.waitForSourcePhase(SourcePhase::Failed), qPrintable(h.history()));
        QVERIFY2(h.last().message.find("503") != std::string::npos, h.last().message.c_str());
        QCOMPARE(h.count(ConnectionPhase::Connecting), 1);
    }

    void closedConnectionReconnectsWithoutEmptyEvents()
    {
        StreamHarness h;
        QVERIFY(h.start("amqp", "audit", "url: " + url() + "\nexchangeName: audit2\nexchangeType: fanout\nroutingKey: \"#\""));
        QVERIFY2(h.waitForPhase(ConnectionPhase::Connected), qPrintable(h.history()));
        publish(h, "audit", "#", "m1");
        QVERIFY(h.waitForCount(1));
        const int before = h.count(ConnectionPhase::Connected);
        QVERIFY(m_rabbit.closeConnections(m_vhost));
        QVERIFY2(h.waitForPhase(ConnectionPhase::Connected, before, std::chrono::seconds(30)), qPrintable(h.history()));
        QVERIFY(h.count(ConnectionPhase::Reconnecting) > 0);
        publish(h, "audit", "#", "m2");
        QVERIFY(h.waitForCount(2));
        QTest::qWait(1000);
        // v0.10 emitted empty events in a tight loop here.
        QCOMPARE(h.payloads(), (std::vector<std::string> {"m1", "m2"}));
    }

    void deletedQueueReconnects()
    {
        // The broker cancels our consumer when its queue is deleted: that is a lost connection, not silence.
        StreamHarness h;
        QVERIFY(h.start("amqp", "audit", "url: " + url() + "\nexchangeName: audit3\nexchangeType: fanout\nroutingKey: \"#\""));
        QVERIFY2(h.waitForPhase(ConnectionPhase::Connected), qPrintable(h.history()));
        const int before = h.count(ConnectionPhase::Connected);
        const auto queues = m_rabbit.ctl({QStringLiteral("list_queues"), QStringLiteral("-p"), m_vhost, QStringLiteral("name"), QStringLiteral("-q")});
        QCOMPARE(queues.code, 0);
        int deleted = 0;
        for (const auto &q : queues.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            if (q.trimmed().startsWith(QStringLiteral("amq.gen-"))) {
                QCOMPARE(m_rabbit.ctl({QStringLiteral("delete_queue"), QStringLiteral("-p"), m_vhost, q.trimmed()}).code, 0);
                ++deleted;
            }
        }
        QVERIFY(deleted >= 1);
        QVERIFY2(h.waitForPhase(ConnectionPhase::Connected, before, std::chrono::seconds(30)), qPrintable(h.history()));
        publish(h, "audit", "#", "after-delete");
        QVERIFY(h.waitForCount(1));
        QCOMPARE(h.payloads(), (std::vector<std::string> {"after-delete"}));
    }

    void trailingSlashIsTheDefaultVhost()
    {
        // v0.10 (streadway/amqp) reads amqp://host:port/ as vhost "/", as the template writes it.
        StreamHarness h;
        QVERIFY(h.start("amqp", "audit", "url: " + m_rabbit.url(QString()).toStdString() + "\nexchangeName: gs-slash\nexchangeType: fanout\nroutingKey: \"#\""));
        QVERIFY2(h.waitForPhase(ConnectionPhase::Connected), qPrintable(h.history()));
        QVERIFY(h.last().connectionMessage.find("vhost") == std::string::npos || h.last().connectionMessage.find("not found") == std::string::npos);
    }

    void unreadableUrlFailsAtOnce()
    {
        StreamHarness h;
        QVERIFY(h.start("amqp", "bad", "url: amqp://guest:pw@127.0.0.1:notaport/\nexchangeName: ex\nexchangeType: fanout\nroutingKey: rk"));
        QVERIFY2(h.waitForSourcePhase(SourcePhase::Failed, std::chrono::seconds(5)), qPrintable(h.history()));
        QVERIFY2(h.last().message.find("rabbitmq-c can read") != std::string::npos, h.last().message.c_str());
        QVERIFY(h.last().message.find("pw@") == std::string::npos);
    }

    void unreachableBrokerFails()
    {
        // PC-25 with-retry, short: `steps` attempts then a start error naming the broker, password masked.
        StreamHarness h;
        QVERIFY(h.start("amqp", "with-retry",
            "url: amqp://guest:topsecret@127.0.0.1:" + std::to_string(freePort())
                + "/\nexchangeName: ex\nexchangeType: fanout\nroutingKey: rk\nbackoff: {duration: 100000000, steps: 3, factor: 2}"));
        QVERIFY2(h.waitForSourcePhase(SourcePhase::Failed, std::chrono::seconds(15)), qPrintable(h.history()));
        QVERIFY2(h.last().message.find("after 3 attempts") != std::string::npos, h.last().message.c_str());
        QVERIFY(h.last().message.find("topsecret") == std::string::npos);
        QVERIFY(h.stop() < std::chrono::milliseconds(3000));
    }
};

QTEST_GUILESS_MAIN(TestAmqpSource)
#include "tst_amqpsource.moc"
