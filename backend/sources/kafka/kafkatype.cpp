#include "kafkatype.h"

#include <cstdlib>
#include <map>

#include <librdkafka/rdkafka.h>

#include "core/logging.h"

namespace gs::kafka {

namespace {

using Clock = std::chrono::steady_clock;

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

/** Resolved settings of one source (the SASL password is never logged). */
struct Connection {
    Config config;
    std::string saslPassword;
};

Result<Connection> resolve(const Config &c, const std::string &secretsDir)
{
    Connection out {c, {}};
    if (c.sasl) {
        auto p = resolveSecret(c.sasl->password, secretsDir);
        if (!p)
            return fail("sasl.password: " + p.error().text());
        out.saslPassword = std::move(*p);
    }
    return out;
}

void logCallback(const rd_kafka_t *, int level, const char *facility, const char *text)
{
    // librdkafka's own threads: Qt logging is thread-safe, and librdkafka never logs the SASL password.
    // Connection failures (level 3) reach the user as the source's state already.
    if (level <= 2)
        qCWarning(lcKafka).noquote() << "librdkafka" << facility << text;
    else
        qCDebug(lcKafka).noquote() << "librdkafka" << facility << text;
}

/** Common settings (broker list, TLS, SASL, reconnect pace from `backoff`); false with `error` set on a refused one. */
rd_kafka_conf_t *makeConf(const Connection &c, std::string &error)
{
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    char errstr[512];
    std::map<std::string, std::string> settings {
        {"bootstrap.servers", c.config.url},
        {"client.id", "gateway-studio"},
        {"socket.timeout.ms", "10000"},
        {"reconnect.backoff.ms", "100"},
        {"reconnect.backoff.max.ms", "2000"},
    };
    if (c.config.backoff.given) {
        // decisions §6: lost connections come back with the source's backoff, sleeps capped at 60 s.
        const auto ms
            = std::clamp<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(c.config.backoff.duration).count(), 1, 60000);
        settings["reconnect.backoff.ms"] = std::to_string(ms);
        settings["reconnect.backoff.max.ms"] = std::to_string(std::max<long long>(ms, 60000));
    }
    const bool tls = c.config.tls.has_value();
    const bool sasl = c.config.sasl.has_value();
    settings["security.protocol"] = tls ? (sasl ? "sasl_ssl" : "ssl") : (sasl ? "sasl_plaintext" : "plaintext");
    if (tls) {
        if (!c.config.tls->caCertPath.empty())
            settings["ssl.ca.location"] = c.config.tls->caCertPath;
        if (!c.config.tls->clientCertPath.empty()) {
            settings["ssl.certificate.location"] = c.config.tls->clientCertPath;
            settings["ssl.key.location"] = c.config.tls->clientKeyPath;
        }
        if (c.config.tls->insecureSkipVerify) {
            settings["enable.ssl.certificate.verification"] = "false";
            settings["ssl.endpoint.identification.algorithm"] = "none";
        }
    }
    if (sasl) {
        settings["sasl.mechanisms"] = c.config.sasl->mechanism;
        settings["sasl.username"] = c.config.sasl->username;
        settings["sasl.password"] = c.saslPassword;
    }
    for (const auto &[k, v] : settings) {
        if (rd_kafka_conf_set(conf, k.c_str(), v.c_str(), errstr, sizeof errstr) != RD_KAFKA_CONF_OK) {
            error = k == "sasl.password" ? "sasl.password refused by librdkafka" : k + ": " + errstr;
            rd_kafka_conf_destroy(conf);
            return nullptr;
        }
    }
    if (const char *debug = std::getenv("GS_KAFKA_DEBUG"); debug && *debug)
        rd_kafka_conf_set(conf, "debug", debug, errstr, sizeof errstr);
    rd_kafka_conf_set_log_cb(conf, &logCallback);
    return conf;
}

bool isConnectionError(rd_kafka_resp_err_t err)
{
    switch (err) {
    case RD_KAFKA_RESP_ERR__TRANSPORT:
    case RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN:
    case RD_KAFKA_RESP_ERR__RESOLVE:
    case RD_KAFKA_RESP_ERR__TIMED_OUT:
    case RD_KAFKA_RESP_ERR__AUTHENTICATION:
    case RD_KAFKA_RESP_ERR__SSL:
        return true;
    default:
        return false;
    }
}

class KafkaClient final : public stream::BrokerClient
{
public:
    explicit KafkaClient(Connection c)
        : m_conn(std::move(c))
        , m_group(m_conn.config.consumerGroup.has_value())
    {
    }
    ~KafkaClient() override { disconnect(); }

    tl::expected<void, stream::ConnectError> connect(stream::StreamLink &link) override
    {
        std::string error;
        rd_kafka_conf_t *conf = makeConf(m_conn, error);
        if (!conf)
            return tl::unexpected(stream::ConnectError {error, true});
        char errstr[512];
        auto set = [&](const char *k, const char *v) { return rd_kafka_conf_set(conf, k, v, errstr, sizeof errstr) == RD_KAFKA_CONF_OK; };
        // An idle partition is asked again every 100 ms (librdkafka's default waits up to 500 ms).
        bool ok = set("enable.partition.eof", "false") && set("fetch.wait.max.ms", "100");
        if (m_group) {
            const auto &g = *m_conn.config.consumerGroup;
            ok = ok && set("group.id", g.groupName.c_str()) && set("enable.auto.commit", "true") && set("auto.commit.interval.ms", "1000")
                && set("enable.auto.offset.store", "false") && set("auto.offset.reset", g.oldest ? "earliest" : "latest")
                && set("session.timeout.ms", "10000") && set("heartbeat.interval.ms", "1000");
            rd_kafka_conf_set_rebalance_cb(conf, &KafkaClient::onRebalance);
        } else {
            // librdkafka's consumer needs a group id even when it only assigns (nothing is committed).
            // The start offset is explicit; should it fall out of range (retention), go on from the
            // oldest message kept rather than skip to the end.
            ok = ok && set("enable.auto.commit", "false") && set("group.id", "gateway-studio-unused")
                && set("auto.offset.reset", "earliest");
        }
        if (!ok) {
            rd_kafka_conf_destroy(conf);
            return tl::unexpected(stream::ConnectError {errstr, true});
        }
        rd_kafka_conf_set_error_cb(conf, &KafkaClient::onError);
        rd_kafka_conf_set_opaque(conf, this);
        m_rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, errstr, sizeof errstr);
        if (!m_rk) {
            rd_kafka_conf_destroy(conf);
            return tl::unexpected(stream::ConnectError {errstr, true});
        }
        rd_kafka_poll_set_consumer(m_rk);
        m_link = &link;

        auto partitions = topicPartitions(link);
        if (!partitions)
            return tl::unexpected(partitions.error());
        if (m_group)
            return joinGroup(link);
        const int p = *m_conn.config.partition;
        if (std::find(partitions->begin(), partitions->end(), p) == partitions->end()) {
            // PC-22: a clear error, not retried by the source (the client restarts it with backoff).
            return tl::unexpected(stream::ConnectError {"partition " + std::to_string(p) + " is not available", true});
        }
        // v0.10 reads from the newest offset. Resolve it now, so that "connected" means every
        // message produced from now on is read; after a reconnect go on where we were (no gap).
        std::int64_t start = 0;
        if (m_next.count(p)) {
            start = m_next[p];
        } else {
            std::int64_t lo = 0, hi = 0;
            const auto err = rd_kafka_query_watermark_offsets(m_rk, m_conn.config.topic.c_str(), p, &lo, &hi, 5000);
            if (err)
                return tl::unexpected(
                    stream::ConnectError {"reading the newest offset of partition " + std::to_string(p) + ": " + rd_kafka_err2str(err)});
            start = hi;
        }
        rd_kafka_topic_partition_list_t *list = rd_kafka_topic_partition_list_new(1);
        rd_kafka_topic_partition_list_add(list, m_conn.config.topic.c_str(), p)->offset = start;
        const auto err = rd_kafka_assign(m_rk, list);
        rd_kafka_topic_partition_list_destroy(list);
        if (err)
            return tl::unexpected(stream::ConnectError {std::string("assigning the partition: ") + rd_kafka_err2str(err)});
        m_probePartition = p;
        return {};
    }

    tl::expected<void, std::string> poll(stream::StreamLink &link, std::chrono::milliseconds timeout) override
    {
        m_link = &link;
        for (int i = 0; i < 4096; ++i) {
            rd_kafka_message_t *msg = rd_kafka_consumer_poll(m_rk, i == 0 ? static_cast<int>(timeout.count()) : 0);
            if (auto lost = takeFatal())
                return tl::unexpected(*lost);
            if (!msg)
                break;
            if (!handle(link, msg))
                return {};
        }
        probe(link);
        return {};
    }

    void disconnect() override
    {
        if (!m_rk)
            return;
        // Leaving the group commits the stored offsets (auto commit); bounded, so a stop is prompt
        // also when the brokers are gone.
        rd_kafka_queue_t *queue = rd_kafka_queue_new(m_rk);
        rd_kafka_error_t *error = rd_kafka_consumer_close_queue(m_rk, queue);
        if (error) {
            rd_kafka_error_destroy(error);
        } else {
            const auto deadline = Clock::now() + std::chrono::seconds(5);
            while (!rd_kafka_consumer_closed(m_rk) && Clock::now() < deadline) {
                rd_kafka_event_t *ev = rd_kafka_queue_poll(queue, 100);
                if (!ev)
                    continue;
                if (rd_kafka_event_type(ev) == RD_KAFKA_EVENT_REBALANCE) {
                    if (rd_kafka_event_error(ev) == RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS)
                        rd_kafka_commit(m_rk, nullptr, 1);
                    rd_kafka_assign(m_rk, nullptr);
                }
                rd_kafka_event_destroy(ev);
            }
        }
        rd_kafka_queue_destroy(queue);
        rd_kafka_destroy_flags(m_rk, RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE);
        m_rk = nullptr;
        m_assigned = false;
        m_link = nullptr;
        m_linkDown = false;
    }

    [[nodiscard]] std::string describe() const override
    {
        std::string s = "Kafka " + m_conn.config.url + ", topic '" + m_conn.config.topic + "'";
        if (m_group)
            s += ", consumer group '" + m_conn.config.consumerGroup->groupName + "'";
        else
            s += ", partition " + std::to_string(*m_conn.config.partition);
        return s;
    }

private:
    /** The topic's partitions from the cluster's metadata, asked in slices so a stop is noticed. */
    tl::expected<std::vector<int>, stream::ConnectError> topicPartitions(stream::StreamLink &link)
    {
        rd_kafka_topic_t *rkt = rd_kafka_topic_new(m_rk, m_conn.config.topic.c_str(), nullptr);
        const struct rd_kafka_metadata *md = nullptr;
        rd_kafka_resp_err_t err = RD_KAFKA_RESP_ERR__TIMED_OUT;
        const auto deadline = Clock::now() + std::chrono::seconds(5);
        while (Clock::now() < deadline && !link.stopping()) {
            err = rd_kafka_metadata(m_rk, 0, rkt, &md, 500);
            if (err != RD_KAFKA_RESP_ERR__TIMED_OUT && err != RD_KAFKA_RESP_ERR__TRANSPORT)
                break;
        }
        rd_kafka_topic_destroy(rkt);
        if (err) {
            std::string why = rd_kafka_err2str(err);
            if (auto last = takeLastError(); !last.empty())
                why += " (" + last + ")";
            return tl::unexpected(stream::ConnectError {"reading the metadata of topic '" + m_conn.config.topic + "': " + why});
        }
        std::vector<int> out;
        rd_kafka_resp_err_t topicErr = RD_KAFKA_RESP_ERR_NO_ERROR;
        if (md->topic_cnt == 1) {
            topicErr = md->topics[0].err;
            for (int i = 0; i < md->topics[0].partition_cnt; ++i)
                out.push_back(md->topics[0].partitions[i].id);
        }
        rd_kafka_metadata_destroy(md);
        if (topicErr)
            return tl::unexpected(stream::ConnectError {"topic '" + m_conn.config.topic + "': " + rd_kafka_err2str(topicErr)});
        if (out.empty())
            return tl::unexpected(stream::ConnectError {"topic '" + m_conn.config.topic + "' has no partitions"});
        return out;
    }

    tl::expected<void, stream::ConnectError> joinGroup(stream::StreamLink &link)
    {
        rd_kafka_topic_partition_list_t *topics = rd_kafka_topic_partition_list_new(1);
        rd_kafka_topic_partition_list_add(topics, m_conn.config.topic.c_str(), RD_KAFKA_PARTITION_UA);
        const auto err = rd_kafka_subscribe(m_rk, topics);
        rd_kafka_topic_partition_list_destroy(topics);
        if (err)
            return tl::unexpected(stream::ConnectError {std::string("subscribing: ") + rd_kafka_err2str(err)});
        // "connected" once the coordinator has assigned partitions and their offsets are resolved.
        const auto deadline = Clock::now() + std::chrono::seconds(30);
        while (!m_assigned && Clock::now() < deadline && !link.stopping()) {
            rd_kafka_message_t *msg = rd_kafka_consumer_poll(m_rk, static_cast<int>(stream::kPollTimeout.count()));
            if (auto lost = takeFatal())
                return tl::unexpected(stream::ConnectError {*lost});
            if (msg && !handle(link, msg))
                break;
        }
        if (!m_assigned) {
            std::string why = "the group coordinator assigned no partition within 30 s";
            if (auto last = takeLastError(); !last.empty())
                why += " (" + last + ")";
            return tl::unexpected(stream::ConnectError {why});
        }
        return {};
    }

    /** One consumed message or error; false when the stream no longer takes events. */
    bool handle(stream::StreamLink &link, rd_kafka_message_t *msg)
    {
        if (msg->err) {
            const auto err = msg->err;
            std::string text = rd_kafka_message_errstr(msg);
            rd_kafka_message_destroy(msg);
            if (err == RD_KAFKA_RESP_ERR__PARTITION_EOF)
                return true;
            if (isConnectionError(err)) {
                m_linkDown = true;
                link.reconnecting(text);
            } else {
                qCWarning(lcKafka).noquote() << "consumer error on topic" << q(m_conn.config.topic) + QStringLiteral(":") << q(text);
            }
            return true;
        }
        if (m_linkDown) {
            m_linkDown = false;
            link.connected();
        }
        SourceEvent ev;
        if (msg->payload)
            ev.payload.assign(static_cast<const char *>(msg->payload), msg->len);
        if (link.wantsMeta()) {
            ev.meta
                = {{"topic", m_conn.config.topic}, {"partition", std::to_string(msg->partition)}, {"offset", std::to_string(msg->offset)}};
            if (msg->key)
                ev.meta.emplace_back("key", std::string(static_cast<const char *>(msg->key), msg->key_len));
        }
        const auto partition = msg->partition;
        const auto offset = msg->offset;
        const bool taken = link.deliver(std::move(ev));
        if (taken) {
            m_next[partition] = offset + 1;
            // Committed (every second and when leaving) only once the stream has the event: at least once.
            if (m_group)
                rd_kafka_offset_store(msg->rkt, partition, offset);
        }
        rd_kafka_message_destroy(msg);
        return taken;
    }

    /** While the brokers are unreachable, ask a leader now and then; an answer means the link is back. */
    void probe(stream::StreamLink &link)
    {
        if (!m_linkDown || Clock::now() < m_nextProbe)
            return;
        m_nextProbe = Clock::now() + std::chrono::milliseconds(500);
        std::int64_t lo = 0, hi = 0;
        if (rd_kafka_query_watermark_offsets(m_rk, m_conn.config.topic.c_str(), m_probePartition, &lo, &hi, 300)
            == RD_KAFKA_RESP_ERR_NO_ERROR) {
            m_linkDown = false;
            link.connected();
        }
    }

    std::optional<std::string> takeFatal()
    {
        if (m_fatal.empty())
            return std::nullopt;
        return std::exchange(m_fatal, {});
    }
    std::string takeLastError() { return std::exchange(m_lastError, {}); }

    // librdkafka callbacks: served by rd_kafka_consumer_poll, so they run on the worker thread.
    static void onError(rd_kafka_t *rk, int err, const char *reason, void *opaque)
    {
        auto *self = static_cast<KafkaClient *>(opaque);
        const auto code = static_cast<rd_kafka_resp_err_t>(err);
        if (code == RD_KAFKA_RESP_ERR__FATAL) {
            char buf[512];
            rd_kafka_fatal_error(rk, buf, sizeof buf);
            self->m_fatal = buf;
            return;
        }
        self->m_lastError = reason;
        if (isConnectionError(code) && self->m_link && (self->m_assigned || !self->m_group)) {
            // Only "all brokers down" means the source hears nothing; one broker's transport error
            // among several is routine (librdkafka moves on).
            if (code == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN || code == RD_KAFKA_RESP_ERR__AUTHENTICATION) {
                self->m_linkDown = true;
                self->m_link->reconnecting(reason);
            }
        }
    }

    static void onRebalance(rd_kafka_t *rk, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t *partitions, void *opaque)
    {
        auto *self = static_cast<KafkaClient *>(opaque);
        if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
            // A new group starts where `oldest` says; resolve it here so "connected" holds for what follows.
            rd_kafka_committed(rk, partitions, 5000);
            for (int i = 0; i < partitions->cnt; ++i) {
                auto &tp = partitions->elems[i];
                if (tp.offset >= 0)
                    continue;
                std::int64_t lo = 0, hi = 0;
                if (rd_kafka_query_watermark_offsets(rk, tp.topic, tp.partition, &lo, &hi, 5000) == RD_KAFKA_RESP_ERR_NO_ERROR)
                    tp.offset = self->m_conn.config.consumerGroup->oldest ? lo : hi;
            }
            rd_kafka_assign(rk, partitions);
            if (partitions->cnt > 0)
                self->m_probePartition = partitions->elems[0].partition;
            self->m_assigned = true;
        } else {
            rd_kafka_commit(rk, nullptr, 0);
            rd_kafka_assign(rk, nullptr);
            self->m_assigned = false;
        }
    }

    Connection m_conn;
    const bool m_group;
    rd_kafka_t *m_rk = nullptr;
    stream::StreamLink *m_link = nullptr;
    bool m_assigned = false;
    bool m_linkDown = false;
    int m_probePartition = 0;
    Clock::time_point m_nextProbe {};
    std::string m_fatal;
    std::string m_lastError;
    std::map<int, std::int64_t> m_next; // single-partition mode: where to go on after a reconnect
};

} // namespace

Result<std::unique_ptr<stream::BrokerClient>> KafkaType::makeClient(const SourceSpec &, const Config &config)
{
    auto c = resolve(config, m_env.secretsDir);
    if (!c)
        return tl::unexpected(c.error());
    return std::make_unique<KafkaClient>(std::move(*c));
}

Result<std::string> KafkaType::publish(const Config &config, std::string_view data)
{
    auto c = resolve(config, m_env.secretsDir);
    if (!c)
        return tl::unexpected(c.error());
    std::string error;
    rd_kafka_conf_t *conf = makeConf(*c, error);
    if (!conf)
        return fail(error);
    char errstr[512];
    rd_kafka_conf_set(conf, "message.timeout.ms", "10000", errstr, sizeof errstr);
    // Test messages may be as large as a source accepts (4,000,000 bytes), above librdkafka's 1 MB default.
    rd_kafka_conf_set(conf, "message.max.bytes", "4100000", errstr, sizeof errstr);
    struct Report {
        bool done = false;
        rd_kafka_resp_err_t err = RD_KAFKA_RESP_ERR_NO_ERROR;
        std::int32_t partition = -1;
        std::int64_t offset = -1;
    } report;
    rd_kafka_conf_set_opaque(conf, &report);
    rd_kafka_conf_set_dr_msg_cb(conf, [](rd_kafka_t *, const rd_kafka_message_t *m, void *opaque) {
        auto *r = static_cast<Report *>(opaque);
        r->done = true;
        r->err = m->err;
        r->partition = m->partition;
        r->offset = m->offset;
    });
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
    if (!rk) {
        rd_kafka_conf_destroy(conf);
        return fail(std::string("Kafka producer: ") + errstr);
    }
    const std::int32_t partition = config.partition ? *config.partition : RD_KAFKA_PARTITION_UA;
    // librdkafka's RD_KAFKA_V_* macros cast C-style.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"
    auto err = rd_kafka_producev(rk, RD_KAFKA_V_TOPIC(config.topic.c_str()), RD_KAFKA_V_PARTITION(partition),
        RD_KAFKA_V_VALUE(const_cast<char *>(data.data()), data.size()), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END);
#pragma GCC diagnostic pop
    if (!err)
        rd_kafka_flush(rk, 15000);
    rd_kafka_destroy(rk);
    if (!err)
        err = report.done ? report.err : RD_KAFKA_RESP_ERR__TIMED_OUT;
    if (err)
        return fail("publishing to Kafka " + config.url + " topic '" + config.topic + "'"
            + (config.partition ? " partition " + std::to_string(*config.partition) : std::string()) + ": " + rd_kafka_err2str(err));
    return "Kafka " + config.url + ", topic '" + config.topic + "', partition " + std::to_string(report.partition) + ", offset "
        + std::to_string(report.offset);
}

} // namespace gs::kafka
