#include "mqtttype.h"

#include <cctype>
#include <random>

#include <MQTTClient.h>

#include "core/logging.h"
#include "core/redact.h"
#include "topicfilter.h"

namespace gs::mqtt {

namespace {

std::string mqttError(int rc)
{
    switch (rc) {
    case 1:
        return "the broker refused the connection: unacceptable protocol version";
    case 2:
        return "the broker refused the connection: client id rejected";
    case 3:
        return "the broker refused the connection: server unavailable";
    case 4:
        return "the broker refused the connection: bad user name or password";
    case 5:
        return "the broker refused the connection: not authorized";
    case MQTT_BAD_SUBSCRIBE:
        return "the broker refused the subscription";
    default:
        break;
    }
    const char *text = MQTTClient_strerror(rc);
    return text ? std::string(text) + " (" + std::to_string(rc) + ")" : "error " + std::to_string(rc);
}

/** Resolved settings of one source (the password is never logged). */
struct Connection {
    std::string url;
    std::string clientId;
    int qos = 0;
    std::string username;
    std::string password;
    std::optional<stream::TlsConfig> tls;
};

/** %XX escapes decoded (user info in a URL). */
std::string percentDecoded(std::string_view s)
{
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) != 0
            && std::isxdigit(static_cast<unsigned char>(s[i + 2])) != 0) {
            out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

Result<Connection> resolve(const Config &c, const std::string &secretsDir)
{
    Connection out {c.url, c.clientId, c.qos, c.username, {}, c.tls};
    // v0.10's Go client took a user and password from the URL (tcp://user:pass@host:1883); paho C
    // cannot parse them there, so they move to the connect options (the keys win when both are given).
    bool fromUrl = false;
    std::string urlPassword;
    if (const auto scheme = out.url.find("://"); scheme != std::string::npos) {
        const auto hostStart = scheme + 3;
        const auto at = out.url.find('@', hostStart);
        const auto slash = out.url.find('/', hostStart);
        if (at != std::string::npos && (slash == std::string::npos || at < slash)) {
            const std::string info = out.url.substr(hostStart, at - hostStart);
            out.url.erase(hostStart, at + 1 - hostStart);
            if (out.username.empty()) {
                const auto colon = info.find(':');
                out.username = percentDecoded(info.substr(0, colon));
                urlPassword = colon == std::string::npos ? std::string() : percentDecoded(info.substr(colon + 1));
                fromUrl = true;
            }
        }
    }
    if (fromUrl)
        out.password = urlPassword;
    if (c.password) {
        auto p = resolveSecret(*c.password, secretsDir);
        if (!p)
            return fail("password: " + p.error().text());
        out.password = std::move(*p);
    }
    return out;
}

/** Creates and connects a client (clean session, 30 s keep-alive: paho's defaults, as v0.10). */
int openClient(MQTTClient *client, const Connection &c, const std::string &clientId)
{
    int rc = MQTTClient_create(client, c.url.c_str(), clientId.c_str(), MQTTCLIENT_PERSISTENCE_NONE, nullptr);
    if (rc != MQTTCLIENT_SUCCESS) {
        *client = nullptr;
        return rc;
    }
    MQTTClient_connectOptions opts = MQTTClient_connectOptions_initializer;
    opts.keepAliveInterval = 30;
    opts.cleansession = 1;
    opts.connectTimeout = 5;
    opts.retryInterval = 0;
    if (!c.username.empty()) {
        opts.username = c.username.c_str();
        opts.password = c.password.c_str();
    }
    MQTTClient_SSLOptions ssl = MQTTClient_SSLOptions_initializer;
    if (c.tls) {
        if (!c.tls->caCertPath.empty())
            ssl.trustStore = c.tls->caCertPath.c_str();
        if (!c.tls->clientCertPath.empty()) {
            ssl.keyStore = c.tls->clientCertPath.c_str();
            ssl.privateKey = c.tls->clientKeyPath.c_str();
        }
        ssl.enableServerCertAuth = c.tls->insecureSkipVerify ? 0 : 1;
        ssl.verify = c.tls->insecureSkipVerify ? 0 : 1;
        opts.ssl = &ssl;
    }
    return MQTTClient_connect(*client, &opts);
}

void closeClient(MQTTClient *client)
{
    if (!*client)
        return;
    if (MQTTClient_isConnected(*client))
        MQTTClient_disconnect(*client, 1000);
    MQTTClient_destroy(client);
    *client = nullptr;
}

class MqttClient final : public stream::BrokerClient
{
public:
    MqttClient(Connection c, std::string topic)
        : m_conn(std::move(c))
        , m_topic(std::move(topic))
        , m_shown(redactBrokerUrl(m_conn.url))
    {
    }
    ~MqttClient() override { disconnect(); }

    tl::expected<void, stream::ConnectError> connect(stream::StreamLink &) override
    {
        int rc = openClient(&m_client, m_conn, m_conn.clientId);
        if (rc != MQTTCLIENT_SUCCESS)
            return tl::unexpected(stream::ConnectError {mqttError(rc)});
        // Clean session: the broker forgets subscriptions with the connection, so every (re)connect
        // subscribes again (PC-21). The SUBACK has arrived when this returns.
        rc = MQTTClient_subscribe(m_client, m_topic.c_str(), m_conn.qos);
        if (rc != MQTTCLIENT_SUCCESS)
            return tl::unexpected(stream::ConnectError {"subscribing to '" + m_topic + "': " + mqttError(rc)});
        return {};
    }

    tl::expected<void, std::string> poll(stream::StreamLink &link, std::chrono::milliseconds timeout) override
    {
        for (int i = 0; i < 4096; ++i) {
            char *topicName = nullptr;
            int topicLen = 0;
            MQTTClient_message *msg = nullptr;
            const int rc
                = MQTTClient_receive(m_client, &topicName, &topicLen, &msg, i == 0 ? static_cast<unsigned long>(timeout.count()) : 1);
            if (rc != MQTTCLIENT_SUCCESS && rc != MQTTCLIENT_TOPICNAME_TRUNCATED) {
                if (msg)
                    MQTTClient_freeMessage(&msg);
                if (topicName)
                    MQTTClient_free(topicName);
                return tl::unexpected(rc == MQTTCLIENT_DISCONNECTED ? std::string("disconnected") : mqttError(rc));
            }
            if (!msg) {
                if (!MQTTClient_isConnected(m_client))
                    return tl::unexpected(std::string("disconnected"));
                return {};
            }
            const std::string topic = topicLen > 0 ? std::string(topicName, static_cast<std::size_t>(topicLen)) : std::string(topicName);
            SourceEvent ev;
            ev.payload.assign(static_cast<const char *>(msg->payload), static_cast<std::size_t>(msg->payloadlen));
            MQTTClient_freeMessage(&msg);
            MQTTClient_free(topicName);
            // The broker filters; this only guards against a broker that matches differently from
            // MQTT 3.1.1 §4.7 (PC-20: '#' and '+' never match '$' topics).
            if (!topicMatches(m_topic, topic)) {
                qCDebug(lcMqtt).noquote() << "ignored a message on" << QString::fromStdString(topic) << "that"
                                          << QString::fromStdString(m_topic) << "does not match";
                continue;
            }
            if (link.wantsMeta())
                ev.meta = {{"topic", topic}};
            if (!link.deliver(std::move(ev)))
                return {};
        }
        return {};
    }

    void disconnect() override
    {
        if (m_client && MQTTClient_isConnected(m_client))
            MQTTClient_unsubscribe(m_client, m_topic.c_str());
        closeClient(&m_client);
    }

    [[nodiscard]] std::string describe() const override
    {
        return "MQTT broker " + m_shown + ", topic '" + m_topic + "' (QoS " + std::to_string(m_conn.qos) + ", client id '" + m_conn.clientId
            + "')";
    }

private:
    Connection m_conn;
    std::string m_topic;
    std::string m_shown;
    MQTTClient m_client = nullptr;
};

} // namespace

std::string sampleTopic(const std::string &filter)
{
    std::string out;
    std::size_t start = 0;
    while (true) {
        const auto slash = filter.find('/', start);
        const std::string level = filter.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        if (start > 0)
            out += '/';
        out += (level == "+" || level == "#") ? "sample" : level;
        if (slash == std::string::npos)
            return out;
        start = slash + 1;
    }
}

Result<std::unique_ptr<stream::BrokerClient>> MqttType::makeClient(const SourceSpec &, const Config &config)
{
    auto c = resolve(config, m_env.secretsDir);
    if (!c)
        return tl::unexpected(c.error());
    return std::make_unique<MqttClient>(std::move(*c), config.topic);
}

Result<std::string> MqttType::publish(const Config &config, std::string_view data)
{
    auto c = resolve(config, m_env.secretsDir);
    if (!c)
        return tl::unexpected(c.error());
    const std::string shown = redactBrokerUrl(config.url);
    const std::string topic = sampleTopic(config.topic);
    // Never the source's own client id: the broker would drop the source's connection for it.
    std::mt19937 rng(std::random_device {}());
    char id[32];
    std::snprintf(id, sizeof id, "gs-publish-%08x", static_cast<unsigned>(rng()));
    MQTTClient client = nullptr;
    int rc = openClient(&client, *c, id);
    if (rc != MQTTCLIENT_SUCCESS) {
        closeClient(&client);
        return fail("cannot connect to MQTT broker " + shown + ": " + mqttError(rc));
    }
    MQTTClient_deliveryToken token = 0;
    rc = MQTTClient_publish(client, topic.c_str(), static_cast<int>(data.size()), data.data(), c->qos, 0, &token);
    if (rc == MQTTCLIENT_SUCCESS)
        rc = MQTTClient_waitForCompletion(client, token, 5000);
    closeClient(&client);
    if (rc != MQTTCLIENT_SUCCESS)
        return fail("publishing to MQTT broker " + shown + " topic '" + topic + "': " + mqttError(rc));
    return "MQTT broker " + shown + ", topic '" + topic + "' (QoS " + std::to_string(c->qos) + ")";
}

} // namespace gs::mqtt
