// The Kafka mock cluster (gs-kafkamock) of the test command and the private-cluster fixture, checked
// with a librdkafka producer and consumer and with kcat: topics with N partitions, a round trip to one
// partition, and a broker restart (down/up) that keeps topics and offsets.

#include <mutex>
#include <string>
#include <vector>

#include <librdkafka/rdkafka.h>
#include <unistd.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "brokers.h"
#include "testprocess.h"
#include "testsupport.h"

using namespace gs;
using namespace std::chrono_literals;

namespace {

struct Report {
    rd_kafka_resp_err_t err;
    int partition;
    long long offset;
    std::string value;
};

/** A producer that records every delivery report. */
class Producer
{
public:
    explicit Producer(const QString &bootstrap)
    {
        char err[512];
        rd_kafka_conf_t *conf = rd_kafka_conf_new();
        rd_kafka_conf_set(conf, "bootstrap.servers", bootstrap.toStdString().c_str(), err, sizeof err);
        rd_kafka_conf_set(conf, "reconnect.backoff.max.ms", "1000", err, sizeof err);
        rd_kafka_conf_set(conf, "log_level", "2", err, sizeof err);
        rd_kafka_conf_set_opaque(conf, this);
        rd_kafka_conf_set_dr_msg_cb(conf, [](rd_kafka_t *, const rd_kafka_message_t *m, void *opaque) {
            auto *self = static_cast<Producer *>(opaque);
            std::lock_guard lock(self->m_mutex);
            self->m_reports.push_back(
                {m->err, m->partition, static_cast<long long>(m->offset), std::string(static_cast<const char *>(m->payload), m->len)});
        });
        m_rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
    }
    ~Producer()
    {
        if (m_rk) {
            rd_kafka_flush(m_rk, 2000);
            rd_kafka_destroy(m_rk);
        }
    }
    bool produce(const std::string &topic, int partition, const std::string &key, const std::string &value)
    {
        // rd_kafka_produce, not producev: the RD_KAFKA_V_* macros expand to C casts.
        rd_kafka_topic_t *t = rd_kafka_topic_new(m_rk, topic.c_str(), nullptr);
        const int rc = rd_kafka_produce(
            t, partition, RD_KAFKA_MSG_F_COPY, const_cast<char *>(value.data()), value.size(), key.data(), key.size(), nullptr);
        rd_kafka_topic_destroy(t);
        return rc == 0;
    }
    /** Serves delivery reports until `n` have arrived or `timeout` passes. */
    std::vector<Report> reports(std::size_t n, std::chrono::milliseconds timeout)
    {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (std::chrono::steady_clock::now() < deadline) {
            rd_kafka_poll(m_rk, 100);
            std::lock_guard lock(m_mutex);
            if (m_reports.size() >= n)
                break;
        }
        std::lock_guard lock(m_mutex);
        return m_reports;
    }

private:
    rd_kafka_t *m_rk = nullptr;
    std::mutex m_mutex;
    std::vector<Report> m_reports;
};

struct Consumed {
    int partition;
    long long offset;
    std::string key;
    std::string value;
};

/** Reads `n` messages of one partition from its beginning (low-level assign, no group). */
std::vector<Consumed> consume(const QString &bootstrap, const std::string &topic, int partition, std::size_t n)
{
    char err[512];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "bootstrap.servers", bootstrap.toStdString().c_str(), err, sizeof err);
    rd_kafka_conf_set(conf, "group.id", "gs-smoke", err, sizeof err);
    rd_kafka_conf_set(conf, "enable.auto.commit", "false", err, sizeof err);
    rd_kafka_conf_set(conf, "log_level", "2", err, sizeof err);
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof err);
    std::vector<Consumed> out;
    if (!rk)
        return out;
    rd_kafka_topic_partition_list_t *list = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(list, topic.c_str(), partition)->offset = RD_KAFKA_OFFSET_BEGINNING;
    rd_kafka_assign(rk, list);
    rd_kafka_topic_partition_list_destroy(list);
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    while (out.size() < n && std::chrono::steady_clock::now() < deadline) {
        rd_kafka_message_t *m = rd_kafka_consumer_poll(rk, 200);
        if (!m)
            continue;
        if (!m->err)
            out.push_back({m->partition, static_cast<long long>(m->offset), std::string(static_cast<const char *>(m->key), m->key_len),
                std::string(static_cast<const char *>(m->payload), m->len)});
        rd_kafka_message_destroy(m);
    }
    rd_kafka_consumer_close(rk);
    rd_kafka_destroy(rk);
    return out;
}

} // namespace

class TstKafkaBroker : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sharedClusterTopicAndRoundTrip()
    {
        test::KafkaMock kafka;
        if (!kafka.attachShared()) {
            qWarning("GS_TEST_KAFKA_* is not set (run through scripts/test.sh): starting a private gs-kafkamock");
            QVERIFY(kafka.start(3));
        }
        QCOMPARE(kafka.bootstrap().count(u','), 2); // three brokers
        const std::string topic = "smoke-" + std::to_string(::getpid());
        QVERIFY(kafka.createTopic(QString::fromStdString(topic), 3));
        QVERIFY(kafka.command(QStringLiteral("topic x")).startsWith(u"error")); // the protocol refuses bad lines

        Producer p(kafka.bootstrap());
        QVERIFY(p.produce(topic, 2, "k1", "v1"));
        const auto reports = p.reports(1, 20s);
        QCOMPARE(reports.size(), std::size_t(1));
        QCOMPARE(reports[0].err, RD_KAFKA_RESP_ERR_NO_ERROR);
        QCOMPARE(reports[0].partition, 2);
        QCOMPARE(reports[0].offset, 0LL);

        const auto got = consume(kafka.bootstrap(), topic, 2, 1);
        QCOMPARE(got.size(), std::size_t(1));
        QCOMPARE(got[0].key, std::string("k1"));
        QCOMPARE(got[0].value, std::string("v1"));
        QCOMPARE(got[0].offset, 0LL);

        // kcat, an independent client, sees the same topic and message.
        const auto meta = test::runToEnd(QStringLiteral("kcat"),
            {QStringLiteral("-b"), kafka.bootstrap(), QStringLiteral("-L"), QStringLiteral("-J"), QStringLiteral("-t"),
                QString::fromStdString(topic)});
        QCOMPARE(meta.code, 0);
        const auto topics = QJsonDocument::fromJson(meta.out.toUtf8()).object().value(u"topics").toArray();
        QCOMPARE(topics.size(), 1);
        QCOMPARE(topics[0].toObject().value(u"partitions").toArray().size(), 3);
        const auto read = test::runToEnd(QStringLiteral("kcat"),
            {QStringLiteral("-b"), kafka.bootstrap(), QStringLiteral("-C"), QStringLiteral("-t"), QString::fromStdString(topic),
                QStringLiteral("-p"), QStringLiteral("2"), QStringLiteral("-o"), QStringLiteral("beginning"), QStringLiteral("-c"),
                QStringLiteral("1"), QStringLiteral("-e"), QStringLiteral("-f"), QStringLiteral("%k|%s|%o\\n")});
        QCOMPARE(read.code, 0);
        QCOMPARE(read.out, QStringLiteral("k1|v1|0\n"));
    }

    void brokerDownAndUpKeepsTopicsAndOffsets()
    {
        test::KafkaMock kafka;
        QVERIFY(kafka.start(1));
        QVERIFY(kafka.createTopic(QStringLiteral("restart"), 1));
        Producer p(kafka.bootstrap());
        QVERIFY(p.produce("restart", 0, "a", "before"));
        QCOMPARE(p.reports(1, 20s).size(), std::size_t(1));

        QVERIFY(kafka.brokerDown(1));
        QVERIFY(p.produce("restart", 0, "b", "during"));
        QCOMPARE(p.reports(2, 2s).size(), std::size_t(1)); // not delivered while the broker is down
        QVERIFY(kafka.brokerUp(1));
        const auto reports = p.reports(2, 30s);
        QCOMPARE(reports.size(), std::size_t(2));
        QCOMPARE(reports[1].err, RD_KAFKA_RESP_ERR_NO_ERROR);
        QCOMPARE(reports[1].value, std::string("during"));
        QCOMPARE(reports[1].offset, 1LL); // the log survived the restart

        const auto got = consume(kafka.bootstrap(), "restart", 0, 2);
        QCOMPARE(got.size(), std::size_t(2));
        QCOMPARE(got[0].value, std::string("before"));
        QCOMPARE(got[1].value, std::string("during"));
    }
};

QTEST_GUILESS_MAIN(TstKafkaBroker)
#include "tst_kafkabroker.moc"
