// The Kafka gateway against librdkafka's mock cluster in gs-kafkamock (spec §6.7, decisions §6,
// PC-22): v0.10's single partition from the newest offset, the consumer-group mode with committed
// offsets (a restart misses nothing), bad partitions as clear errors, and a broker restart after
// which one message arrives exactly once.

#include <random>

#include <QTest>

#include "brokers.h"
#include "runtime/samplepublish.h"
#include "streamharness.h"
#include "testsupport.h"

using namespace gs;
using namespace gs::test;

namespace {
std::string unique(const std::string &prefix)
{
    static std::mt19937 rng(std::random_device {}());
    return prefix + "-" + std::to_string(rng() % 1000000);
}
} // namespace

class TestKafkaSource : public QObject
{
    Q_OBJECT

    KafkaMock m_cluster;

    /** Produces `data` to `partition` with librdkafka (through the backend's publisher). */
    static void produce(const StreamHarness &h, const QString &bootstrap, const std::string &topic, int partition, const std::string &data)
    {
        ConfigMap cm = h.configMap;
        cm.data = {{"p", "url: " + bootstrap.toStdString() + "\ntopic: " + topic + "\npartition: \"" + std::to_string(partition) + "\"\n"}};
        auto where = publishSample(h.gateway, cm, "p", data, {});
        QVERIFY2(where, where ? "" : where.error().text().c_str());
    }

    static std::vector<std::string> sorted(std::vector<std::string> v)
    {
        std::sort(v.begin(), v.end());
        return v;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_cluster.startOrAttach(3)); }

    void singlePartitionFromNewest()
    {
        // PC-22: only m2 (partition 1); after a restart m4 (produced while stopped) is not seen, as v0.10.
        const std::string topic = unique("topic-1");
        QVERIFY(m_cluster.createTopic(QString::fromStdString(topic), 3));
        const std::string config = "url: " + m_cluster.bootstrap().toStdString() + "\ntopic: " + topic + "\npartition: \"1\"";
        {
            StreamHarness h;
            QString error;
            QVERIFY2(h.start("kafka", "example", config, &error), qPrintable(error));
            QVERIFY2(h.waitForPhase(ConnectionPhase::Connected), qPrintable(h.history()));
            produce(h, m_cluster.bootstrap(), topic, 0, "m1");
            produce(h, m_cluster.bootstrap(), topic, 1, "m2");
            produce(h, m_cluster.bootstrap(), topic, 2, "m3");
            QVERIFY(h.waitForCount(1));
            QTest::qWait(1000);
            QCOMPARE(h.payloads(), (std::vector<std::string> {"m2"}));
            QCOMPARE(h.received().front().type, std::string("kafka"));
            QVERIFY(h.stop() < std::chrono::milliseconds(6000));
            produce(h, m_cluster.bootstrap(), topic, 1, "m4");
        }
        StreamHarness again;
        QVERIFY(again.start("kafka", "example", config));
        QVERIFY2(again.waitForPhase(ConnectionPhase::Connected), qPrintable(again.history()));
        produce(again, m_cluster.bootstrap(), topic, 1, "m5");
        QVERIFY(again.waitForCount(1));
        QTest::qWait(1000);
        QCOMPARE(again.payloads(), (std::vector<std::string> {"m5"}));
    }

    void largeTestMessage()
    {
        // A test message as large as a source takes (above librdkafka's 1 MB default) goes through.
        const std::string topic = unique("topic-large");
        QVERIFY(m_cluster.createTopic(QString::fromStdString(topic), 1));
        StreamHarness h;
        QVERIFY(h.start("kafka", "example", "url: " + m_cluster.bootstrap().toStdString() + "\ntopic: " + topic + "\npartition: \"0\""));
        QVERIFY2(h.waitForPhase(ConnectionPhase::Connected), qPrintable(h.history()));
        const std::string big(2'000'000, 'k');
        produce(h, m_cluster.bootstrap(), topic, 0, big);
        QVERIFY(h.waitForCount(1, std::chrono::seconds(30)));
        QCOMPARE(h.payloads().front().size(), big.size());
    }

    void badPartitions()
    {
        const std::string topic = unique("topic-bad");
        QVERIFY(m_cluster.createTopic(QString::fromStdString(topic), 3));
        StreamHarness five;
        QVERIFY(five.start("kafka", "example", "url: " + m_cluster.bootstrap().toStdString() + "\ntopic: " + topic + "\npartition: \"5\""));
        QVERIFY2(five.waitForSourcePhase(SourcePhase::Failed), qPrintable(five.history()));
        QCOMPARE(five.last().message, std::string("partition 5 is not available"));

        StreamHarness empty;
        QVERIFY(empty.start("kafka", "example", "url: " + m_cluster.bootstrap().toStdString() + "\ntopic: " + topic + "\npartition: \"\""));
        QVERIFY2(empty.waitForSourcePhase(SourcePhase::Invalid), qPrintable(empty.history()));
        QVERIFY2(empty.last().message.find("partition must be specified") != std::string::npos, empty.last().message.c_str());
    }

    void consumerGroupMissesNothing()
    {
        // PC-22 with a consumer group: m1..m3 once each; m4, produced while stopped, once after the restart.
        const std::string topic = unique("topic-group");
        QVERIFY(m_cluster.createTopic(QString::fromStdString(topic), 3));
        const std::string config
            = "url: " + m_cluster.bootstrap().toStdString() + "\ntopic: " + topic + "\nconsumerGroup: {groupName: " + unique("g") + "}";
        {
            StreamHarness h;
            QVERIFY(h.start("kafka", "example", config));
            QVERIFY2(h.waitForPhase(ConnectionPhase::Connected, 0, std::chrono::seconds(40)), qPrintable(h.history()));
            produce(h, m_cluster.bootstrap(), topic, 0, "m1");
            produce(h, m_cluster.bootstrap(), topic, 1, "m2");
            produce(h, m_cluster.bootstrap(), topic, 2, "m3");
            QVERIFY(h.waitForCount(3));
            QTest::qWait(1500); // stored offsets are committed every second, and when leaving
            QCOMPARE(sorted(h.payloads()), (std::vector<std::string> {"m1", "m2", "m3"}));
            QVERIFY(h.stop() < std::chrono::milliseconds(8000));
            produce(h, m_cluster.bootstrap(), topic, 1, "m4");
        }
        StreamHarness again;
        QVERIFY(again.start("kafka", "example", config));
        QVERIFY2(again.waitForPhase(ConnectionPhase::Connected, 0, std::chrono::seconds(40)), qPrintable(again.history()));
        QVERIFY(again.waitForCount(1));
        QTest::qWait(1500);
        QCOMPARE(again.payloads(), (std::vector<std::string> {"m4"}));
    }

    void brokerRestart()
    {
        KafkaMock cluster;
        QVERIFY(cluster.start(1));
        QVERIFY(cluster.createTopic(QStringLiteral("restart"), 1));
        StreamHarness h;
        QVERIFY(h.start("kafka", "r", "url: " + cluster.bootstrap().toStdString() + "\ntopic: restart\npartition: \"0\""));
        QVERIFY2(h.waitForPhase(ConnectionPhase::Connected), qPrintable(h.history()));
        produce(h, cluster.bootstrap(), "restart", 0, "m1");
        QVERIFY(h.waitForCount(1));
        const int before = h.count(ConnectionPhase::Connected);
        QVERIFY(cluster.command(QStringLiteral("down all")).startsWith(u"ok"));
        QVERIFY2(h.waitForPhase(ConnectionPhase::Reconnecting, 0, std::chrono::seconds(30)), qPrintable(h.history()));
        QVERIFY(cluster.command(QStringLiteral("up all")).startsWith(u"ok"));
        QVERIFY2(h.waitForPhase(ConnectionPhase::Connected, before, std::chrono::seconds(30)), qPrintable(h.history()));
        produce(h, cluster.bootstrap(), "restart", 0, "m2");
        QVERIFY(h.waitForCount(2));
        QTest::qWait(1000);
        QCOMPARE(h.payloads(), (std::vector<std::string> {"m1", "m2"}));
        QCOMPARE(h.last().phase, SourcePhase::Running);
    }

    void unreachableClusterFails()
    {
        StreamHarness h;
        QVERIFY(h.start("kafka", "down",
            "url: 127.0.0.1:" + std::to_string(freePort()) + "\ntopic: t\npartition: \"0\"\nbackoff: {duration: 100000000, steps: 2}"));
        QVERIFY2(h.waitForSourcePhase(SourcePhase::Failed, std::chrono::seconds(30)), qPrintable(h.history()));
        QVERIFY2(h.last().message.find("after 2 attempts") != std::string::npos, h.last().message.c_str());
        QVERIFY(h.stop() < std::chrono::milliseconds(6000));
    }
};

QTEST_GUILESS_MAIN(TestKafkaSource)
#include "tst_kafkasource.moc"
