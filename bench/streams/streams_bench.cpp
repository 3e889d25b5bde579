// Stream gateways benchmark (issue 7): sustained ingest per broker, counted as events leave the
// gateway client (after the gRPC stream; dispatch is off: the client's pipeline only counts). For
// NATS, a plain cnats subscriber on the same server in the same run is measured too, as a ratio.
//
// Method (closed loop, the same for the gateway and the plain subscriber): a publisher thread
// sends `count` messages of `size` bytes as fast as the broker takes them, but never more than
// `window` ahead of what the receiver has counted, so no queue grows without bound and nothing is
// dropped; the rate is count / (last received - first published).
//
// Brokers come from the environment as in the tests (GS_TEST_NATS_URL, GS_TEST_MQTT_URL,
// GS_TEST_KAFKA_BOOTSTRAP, GS_TEST_AMQP_URL); scripts/bench.sh streams starts them.
// Usage: gs_bench_streams [count (default 500000)] [size (default 100)] [broker,... (default nats,mqtt,kafka,amqp)]

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <thread>

#include <MQTTClient.h>
#include <amqp.h>
#include <amqp_tcp_socket.h>
#include <librdkafka/rdkafka.h>
#include <nats/nats.h>

#include <QCoreApplication>
#include <QTimer>
#include <QTcpSocket>
#include <QUrl>

#include "client/gatewayclient.h"
#include "core/logging.h"
#include "server/gatewayserver.h"
#include "sources/registry.h"

using namespace gs;
using namespace std::chrono;

namespace {

std::atomic<std::uint64_t> g_received {0};

class CountingPipeline final : public EventPipeline
{
public:
    bool offer(Event &, std::function<void()>) override
    {
        g_received.fetch_add(1, std::memory_order_relaxed);
        return true;
    }
};

std::string env(const char *name)
{
    const char *v = std::getenv(name);
    return v ? v : "";
}

/** Runs `publish(i)` for i in [0, count) on a thread, at most `window` ahead of g_received; returns msg/s. */
double closedLoop(std::uint64_t count, std::uint64_t window, const std::function<bool(std::uint64_t)> &publish,
    const std::function<void()> &flush, std::uint64_t base, seconds timeout)
{
    std::atomic<bool> failed {false};
    std::atomic<std::uint64_t> published {0};
    const auto t0 = steady_clock::now();
    std::thread producer([&] {
        for (std::uint64_t i = 0; i < count; ++i) {
            while (i - (g_received.load(std::memory_order_relaxed) - base) > window) {
                if (steady_clock::now() - t0 > timeout) {
                    failed = true;
                    return;
                }
                std::this_thread::sleep_for(microseconds(50));
            }
            if (!publish(i)) {
                failed = true;
                return;
            }
            published.store(i + 1, std::memory_order_relaxed);
        }
        flush();
    });
    auto nextNote = t0 + seconds(10);
    // Sleep in the event loop (a 5 ms timer wakes it) rather than spin: the main thread must not eat a core.
    QTimer tick;
    tick.start(5);
    while (g_received.load() - base < count && !failed && steady_clock::now() - t0 < timeout) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        if (steady_clock::now() > nextNote) {
            nextNote += seconds(10);
            std::fprintf(stderr, "    ... published %llu, received %llu\n", static_cast<unsigned long long>(published.load()),
                static_cast<unsigned long long>(g_received.load() - base));
        }
    }
    producer.join();
    const double secs = duration<double>(steady_clock::now() - t0).count();
    const auto got = g_received.load() - base;
    if (got < count)
        std::printf("    (received %llu of %llu within %.1f s)\n", static_cast<unsigned long long>(got),
            static_cast<unsigned long long>(count), secs);
    return static_cast<double>(got) / secs;
}

/** The gateway: bundled server + client over loopback gRPC, one source; rate of events out of the client. */
double gatewayRun(const std::string &type, const std::string &config, std::uint64_t count, std::uint64_t window,
    const std::function<bool(std::uint64_t)> &publish, const std::function<void()> &flush)
{
    auto server = GatewayServer::start(std::shared_ptr<SourceType>(makeSourceType(type, {})), "127.0.0.1", 0, StreamLimits {});
    if (!server) {
        std::fprintf(stderr, "%s\n", server.error().text().c_str());
        return 0;
    }
    Gateway g;
    g.meta.name = "bench";
    g.type = type;
    GatewayClient::Options options {(*server)->target()};
    GatewayClient client(g, options, std::make_shared<CountingPipeline>());
    bool connected = false;
    QObject::connect(&client, &GatewayClient::sourceStatusChanged, &client, [&](const SourceStatus &s) {
        connected = s.connectionPhase == ConnectionPhase::Connected;
        if (s.connectionPhase == ConnectionPhase::Failed || s.phase == SourcePhase::Failed || s.phase == SourcePhase::Invalid)
            std::fprintf(stderr, "    source: %s %s\n", toString(s.phase), s.message.c_str());
    });
    ConfigMap cm;
    cm.meta.name = "bench";
    cm.meta.labels[kEventSourceVersionLabel] = "v0.10";
    cm.data = {{"bench", config}};
    client.reconcile(cm);
    const auto deadline = steady_clock::now() + seconds(60);
    QTimer tick;
    tick.start(10);
    while (!connected && steady_clock::now() < deadline)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    if (!connected) {
        std::fprintf(stderr, "    the source did not connect\n");
        return 0;
    }
    const double rate = closedLoop(count, window, publish, flush, g_received.load(), seconds(300));
    client.stopAll();
    return rate;
}

void line(const char *what, double rate, std::uint64_t count, std::size_t size)
{
    std::printf("  %-46s %10.0f msg/s  (%llu messages of %zu bytes)\n", what, rate, static_cast<unsigned long long>(count), size);
    std::fflush(stdout);
}

// --- NATS --------------------------------------------------------------------------------------

void onPlainMessage(natsConnection *, natsSubscription *, natsMsg *msg, void *)
{
    natsMsg_Destroy(msg);
    g_received.fetch_add(1, std::memory_order_relaxed);
}

void benchNats(std::uint64_t count, std::size_t size)
{
    const std::string url = env("GS_TEST_NATS_URL");
    std::printf("NATS (%s)\n", url.c_str());
    natsConnection *pub = nullptr;
    if (natsConnection_ConnectTo(&pub, url.c_str()) != NATS_OK) {
        std::printf("  cannot connect\n");
        return;
    }
    const std::string payload(size, 'x');
    auto publish = [&](std::uint64_t) {
        return natsConnection_Publish(pub, "bench.ingest", payload.data(), static_cast<int>(payload.size())) == NATS_OK;
    };
    auto flush = [&] { natsConnection_FlushTimeout(pub, 10000); };
    const std::uint64_t window = 20000;

    // Plain cnats subscriber (asynchronous, cnats' own delivery thread): the reference.
    natsConnection *sc = nullptr;
    natsSubscription *sub = nullptr;
    natsConnection_ConnectTo(&sc, url.c_str());
    natsConnection_Subscribe(&sub, sc, "bench.ingest", &onPlainMessage, nullptr);
    natsSubscription_SetPendingLimits(sub, 1000000, 256 * 1024 * 1024);
    natsConnection_FlushTimeout(sc, 5000);
    const double plain = closedLoop(count, window, publish, flush, g_received.load(), seconds(300));
    natsSubscription_Unsubscribe(sub);
    natsSubscription_Destroy(sub);
    natsConnection_Destroy(sc);
    line("plain cnats subscriber", plain, count, size);

    const double gw = gatewayRun("nats", "url: " + url + "\nsubject: bench.ingest\n", count, window, publish, flush);
    line("nats gateway (events out of the client)", gw, count, size);
    std::printf("  ratio gateway / plain: %.2f  (target: >= 100,000 msg/s and >= 0.2)\n", plain > 0 ? gw / plain : 0.0);
    natsConnection_Destroy(pub);
}

// --- MQTT --------------------------------------------------------------------------------------

void benchMqtt(std::uint64_t count, std::size_t size)
{
    const std::string url = env("GS_TEST_MQTT_URL");
    std::printf("MQTT (%s), QoS 0\n", url.c_str());
    MQTTClient c = nullptr;
    MQTTClient_create(&c, url.c_str(), "gs-bench-publisher", MQTTCLIENT_PERSISTENCE_NONE, nullptr);
    MQTTClient_connectOptions o = MQTTClient_connectOptions_initializer;
    if (MQTTClient_connect(c, &o) != MQTTCLIENT_SUCCESS) {
        std::printf("  cannot connect\n");
        MQTTClient_destroy(&c);
        return;
    }
    const std::string payload(size, 'x');
    auto publish = [&](std::uint64_t) {
        return MQTTClient_publish(c, "bench/ingest", static_cast<int>(payload.size()), payload.data(), 0, 0, nullptr) == MQTTCLIENT_SUCCESS;
    };
    const double gw
        = gatewayRun("mqtt", "url: " + url + "\ntopic: bench/ingest\nclientId: gs-bench-source\n", count, 20000, publish, [] {});
    line("mqtt gateway (events out of the client)", gw, count, size);
    MQTTClient_disconnect(c, 1000);
    MQTTClient_destroy(&c);
}

// --- Kafka -------------------------------------------------------------------------------------

void benchKafka(std::uint64_t count, std::size_t size)
{
    const std::string bootstrap = env("GS_TEST_KAFKA_BOOTSTRAP");
    std::printf("Kafka (librdkafka mock cluster %s), single partition\n", bootstrap.c_str());
    char err[512];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "bootstrap.servers", bootstrap.c_str(), err, sizeof err);
    rd_kafka_conf_set(conf, "linger.ms", "1", err, sizeof err);
    rd_kafka_conf_set(conf, "log_level", "2", err, sizeof err);
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
    const std::string topic = "bench-ingest-" + std::to_string(std::time(nullptr));
    rd_kafka_topic_t *rkt = rd_kafka_topic_new(rk, topic.c_str(), nullptr);
    // One partition, created through gs-kafkamock's control port (as the tests do).
    const std::string control = env("GS_TEST_KAFKA_CONTROL");
    QTcpSocket sock;
    sock.connectToHost(QString::fromStdString(control.substr(0, control.rfind(':'))),
        static_cast<quint16>(std::stoi(control.substr(control.rfind(':') + 1))));
    if (!sock.waitForConnected(5000)) {
        std::printf("  cannot reach gs-kafkamock's control port %s\n", control.c_str());
        return;
    }
    sock.write(QByteArray::fromStdString("topic " + topic + " 1\n"));
    sock.waitForReadyRead(5000);
    sock.readLine();
    const std::string payload(size, 'x');
    auto publish = [&](std::uint64_t) {
        while (
            rd_kafka_produce(rkt, 0, RD_KAFKA_MSG_F_COPY, const_cast<char *>(payload.data()), payload.size(), nullptr, 0, nullptr) != 0) {
            if (rd_kafka_last_error() != RD_KAFKA_RESP_ERR__QUEUE_FULL)
                return false;
            rd_kafka_poll(rk, 10);
        }
        rd_kafka_poll(rk, 0);
        return true;
    };
    auto flush = [&] { rd_kafka_flush(rk, 10000); };
    // The mock cluster keeps only about 1 MB per partition: a small window keeps the reader within it.
    const double gw = gatewayRun("kafka", "url: " + bootstrap + "\ntopic: " + topic + "\npartition: \"0\"\n", count, 5000, publish, flush);
    line("kafka gateway (events out of the client)", gw, count, size);
    rd_kafka_topic_destroy(rkt);
    rd_kafka_destroy(rk);
}

// --- AMQP --------------------------------------------------------------------------------------

void benchAmqp(std::uint64_t count, std::size_t size)
{
    const std::string url = env("GS_TEST_AMQP_URL");
    std::printf("AMQP (RabbitMQ %s), fanout exchange, auto-ack\n", url.c_str());
    std::string u = url;
    amqp_connection_info info {};
    amqp_parse_url(u.data(), &info);
    amqp_connection_state_t conn = amqp_new_connection();
    amqp_socket_t *socket = amqp_tcp_socket_new(conn);
    if (amqp_socket_open(socket, info.host, info.port) != AMQP_STATUS_OK
        || amqp_login(conn, info.vhost, 0, 131072, 0, AMQP_SASL_METHOD_PLAIN, info.user, info.password).reply_type
            != AMQP_RESPONSE_NORMAL) {
        std::printf("  cannot connect\n");
        amqp_destroy_connection(conn);
        return;
    }
    amqp_channel_open(conn, 1);
    const std::string payload(size, 'x');
    const amqp_bytes_t body {payload.size(), const_cast<char *>(payload.data())};
    auto publish = [&](std::uint64_t) {
        return amqp_basic_publish(conn, 1, amqp_cstring_bytes("gs-bench"), amqp_cstring_bytes("k"), 0, 0, nullptr, body) == AMQP_STATUS_OK;
    };
    const double gw = gatewayRun("amqp",
        "url: " + url + "\nexchangeName: gs-bench\nexchangeType: fanout\nroutingKey: k\nexchangeDeclare: {durable: false}\n", count, 20000,
        publish, [] {});
    line("amqp gateway (events out of the client)", gw, count, size);
    amqp_channel_close(conn, 1, AMQP_REPLY_SUCCESS);
    amqp_connection_close(conn, AMQP_REPLY_SUCCESS);
    amqp_destroy_connection(conn);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    setLogLevel(QString::fromLocal8Bit(qgetenv("GS_BENCH_LOG").isEmpty() ? "warning" : qgetenv("GS_BENCH_LOG")));
    const std::uint64_t count = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 500000;
    const std::size_t size = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 100;
    const std::string which = argc > 3 ? argv[3] : "nats,mqtt,kafka,amqp";
    std::printf("stream ingest: %llu messages of %zu bytes per run, %u cores\n", static_cast<unsigned long long>(count), size,
        std::thread::hardware_concurrency());
    auto wants = [&](const char *b) { return which.find(b) != std::string::npos; };
    if (wants("nats") && !env("GS_TEST_NATS_URL").empty())
        benchNats(count, size);
    if (wants("mqtt") && !env("GS_TEST_MQTT_URL").empty())
        benchMqtt(count, size);
    if (wants("kafka") && !env("GS_TEST_KAFKA_BOOTSTRAP").empty())
        benchKafka(count, size);
    if (wants("amqp") && !env("GS_TEST_AMQP_URL").empty())
        benchAmqp(count, size);
    return 0;
}
