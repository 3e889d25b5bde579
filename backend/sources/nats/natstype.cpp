#include "natstype.h"

#include <vector>

#include <nats/nats.h>

#include "core/logging.h"
#include "core/redact.h"
#include "dispatch/natspublisher.h"

namespace gs::nats {

namespace {

/** Resolved credentials and TLS of one source (held by the client; never logged). */
struct Connection {
    std::string url;
    std::string token;
    std::string username;
    std::string password;
    std::optional<stream::TlsConfig> tls;
};

Result<Connection> resolve(const Config &c, const std::string &secretsDir)
{
    Connection out {c.url, {}, c.username, {}, c.tls};
    if (c.token) {
        auto t = resolveSecret(*c.token, secretsDir);
        if (!t)
            return fail("auth.token: " + t.error().text());
        out.token = std::move(*t);
    }
    if (c.password) {
        auto p = resolveSecret(*c.password, secretsDir);
        if (!p)
            return fail("auth.password: " + p.error().text());
        out.password = std::move(*p);
    }
    return out;
}

/** A connection with our options; cnats' own reconnect is off, the stream base reconnects (and re-subscribes). */
natsStatus openConnection(natsConnection **nc, const Connection &c, const char *clientName)
{
    natsOptions *o = nullptr;
    natsStatus s = natsOptions_Create(&o);
    const auto servers = splitNatsUrls(c.url);
    std::vector<const char *> urls;
    for (const auto &u : servers)
        urls.push_back(u.c_str());
    if (s == NATS_OK)
        s = natsOptions_SetServers(o, urls.data(), static_cast<int>(urls.size()));
    if (s == NATS_OK)
        s = natsOptions_SetName(o, clientName);
    if (s == NATS_OK)
        s = natsOptions_SetTimeout(o, 3000);
    if (s == NATS_OK)
        s = natsOptions_SetAllowReconnect(o, false);
    // A silent dead server is noticed within about 20 s.
    if (s == NATS_OK)
        s = natsOptions_SetPingInterval(o, 10000);
    if (s == NATS_OK)
        s = natsOptions_SetMaxPingsOut(o, 2);
    if (s == NATS_OK && !c.token.empty())
        s = natsOptions_SetToken(o, c.token.c_str());
    if (s == NATS_OK && !c.username.empty())
        s = natsOptions_SetUserInfo(o, c.username.c_str(), c.password.c_str());
    if (s == NATS_OK && c.tls) {
        s = natsOptions_SetSecure(o, true);
        if (s == NATS_OK && !c.tls->caCertPath.empty())
            s = natsOptions_LoadCATrustedCertificates(o, c.tls->caCertPath.c_str());
        if (s == NATS_OK && !c.tls->clientCertPath.empty())
            s = natsOptions_LoadCertificatesChain(o, c.tls->clientCertPath.c_str(), c.tls->clientKeyPath.c_str());
        if (s == NATS_OK && c.tls->insecureSkipVerify)
            s = natsOptions_SkipServerVerification(o, true);
    }
    if (s == NATS_OK)
        s = natsConnection_Connect(nc, o);
    natsOptions_Destroy(o);
    if (s != NATS_OK)
        *nc = nullptr;
    return s;
}

class NatsClient final : public stream::BrokerClient
{
public:
    NatsClient(Connection c, std::string subject)
        : m_conn(std::move(c))
        , m_subject(std::move(subject))
        , m_shown(redactBrokerUrl(m_conn.url))
    {
    }
    ~NatsClient() override { disconnect(); }

    tl::expected<void, stream::ConnectError> connect(stream::StreamLink &) override
    {
        natsStatus s = openConnection(&m_nc, m_conn, "gateway-studio nats source");
        if (s != NATS_OK)
            return tl::unexpected(stream::ConnectError {natsError(s)});
        s = natsConnection_SubscribeSync(&m_sub, m_nc, m_subject.c_str());
        // The stream pushes back by reading slower; let cnats hold a burst meanwhile instead of
        // dropping it as a slow consumer (cnats' default is 65,536 messages).
        if (s == NATS_OK)
            s = natsSubscription_SetPendingLimits(m_sub, 1000000, 256 * 1024 * 1024);
        // The server has the subscription once it answers a flush: publishes from now on arrive.
        if (s == NATS_OK)
            s = natsConnection_FlushTimeout(m_nc, 5000);
        if (s != NATS_OK) {
            const std::string why = "subscribing to '" + m_subject + "': " + natsError(s);
            // A permissions violation comes as an async error; the flush still succeeds. Anything
            // failing here is worth a retry (the server may be restarting).
            return tl::unexpected(stream::ConnectError {why});
        }
        return {};
    }

    tl::expected<void, std::string> poll(stream::StreamLink &link, std::chrono::milliseconds timeout) override
    {
        // Take what is queued, up to a batch, then come back so a stop is noticed.
        for (int i = 0; i < 4096; ++i) {
            natsMsg *msg = nullptr;
            const natsStatus s = natsSubscription_NextMsg(&msg, m_sub, i == 0 ? timeout.count() : 1);
            if (s == NATS_TIMEOUT)
                return {};
            if (s == NATS_SLOW_CONSUMER) {
                qCWarning(lcNats).noquote() << "messages on" << QString::fromStdString(m_subject)
                                            << "were dropped by the client library: the subscriber fell behind";
                continue;
            }
            if (s != NATS_OK) {
                const char *err = nullptr;
                natsConnection_GetLastError(m_nc, &err);
                std::string why = natsStatus_GetText(s);
                if (err && *err && why != err)
                    why += ": " + std::string(err);
                return tl::unexpected(why);
            }
            SourceEvent ev;
            ev.payload.assign(natsMsg_GetData(msg), static_cast<std::size_t>(natsMsg_GetDataLength(msg)));
            if (link.wantsMeta())
                ev.meta = {{"subject", natsMsg_GetSubject(msg)}};
            natsMsg_Destroy(msg);
            if (!link.deliver(std::move(ev)))
                return {};
        }
        return {};
    }

    void disconnect() override
    {
        if (m_sub) {
            if (m_nc && natsConnection_Status(m_nc) == NATS_CONN_STATUS_CONNECTED)
                natsSubscription_Unsubscribe(m_sub);
            natsSubscription_Destroy(m_sub);
            m_sub = nullptr;
        }
        if (m_nc) {
            natsConnection_Close(m_nc);
            natsConnection_Destroy(m_nc);
            m_nc = nullptr;
        }
    }

    [[nodiscard]] std::string describe() const override { return "NATS server " + m_shown + ", subject '" + m_subject + "'"; }

private:
    Connection m_conn;
    std::string m_subject;
    std::string m_shown;
    natsConnection *m_nc = nullptr;
    natsSubscription *m_sub = nullptr;
};

} // namespace

std::string sampleSubject(const std::string &subject)
{
    std::string out;
    std::size_t start = 0;
    while (start <= subject.size()) {
        const auto dot = subject.find('.', start);
        const std::string token = subject.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        if (!out.empty() || start > 0)
            out += '.';
        out += (token == "*" || token == ">") ? "sample" : token;
        if (dot == std::string::npos)
            break;
        start = dot + 1;
    }
    return out;
}

Result<std::unique_ptr<stream::BrokerClient>> NatsType::makeClient(const SourceSpec &, const Config &config)
{
    auto c = resolve(config, m_env.secretsDir);
    if (!c)
        return tl::unexpected(c.error());
    return std::make_unique<NatsClient>(std::move(*c), config.subject);
}

Result<std::string> NatsType::publish(const Config &config, std::string_view data)
{
    auto c = resolve(config, m_env.secretsDir);
    if (!c)
        return tl::unexpected(c.error());
    const std::string shown = redactBrokerUrl(config.url);
    const std::string subject = sampleSubject(config.subject);
    natsConnection *nc = nullptr;
    natsStatus s = openConnection(&nc, *c, "gateway-studio publish");
    if (s != NATS_OK)
        return fail("cannot connect to NATS server " + shown + ": " + natsError(s));
    s = natsConnection_Publish(nc, subject.c_str(), data.data(), static_cast<int>(data.size()));
    if (s == NATS_OK)
        s = natsConnection_FlushTimeout(nc, 5000);
    const std::string why = s == NATS_OK ? std::string() : natsError(s);
    natsConnection_Close(nc);
    natsConnection_Destroy(nc);
    if (!why.empty())
        return fail("publishing to NATS server " + shown + " subject '" + subject + "': " + why);
    return "NATS server " + shown + ", subject '" + subject + "'";
}

} // namespace gs::nats
