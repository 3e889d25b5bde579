#include "natspublisher.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <mutex>
#include <random>
#include <thread>

// The stan* (NATS Streaming) API is declared only with this defined; Debian's libnats has it built in.
#define NATS_HAS_STREAMING
#include <nats/nats.h>

#include <QString>

#include "core/logging.h"
#include "core/redact.h"

namespace gs {

const char *toString(NatsLinkState s)
{
    switch (s) {
    case NatsLinkState::Connecting:
        return "connecting";
    case NatsLinkState::Connected:
        return "connected";
    case NatsLinkState::Reconnecting:
        return "reconnecting";
    case NatsLinkState::Closed:
        return "closed";
    }
    return "?";
}

std::string natsError(int status)
{
    std::string text = natsStatus_GetText(static_cast<natsStatus>(status));
    natsStatus last = NATS_OK;
    const char *raw = nats_GetLastError(&last);
    std::string detail = raw ? raw : "";
    if (!detail.empty() && detail.front() == '(') {
        if (const auto end = detail.find("): "); end != std::string::npos && detail.find(".c:") < end)
            detail.erase(0, end + 3);
    }
    if (!detail.empty() && detail != text)
        text += ": " + detail;
    return text;
}

namespace {

using Clock = std::chrono::steady_clock;

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}


std::string trim(std::string_view s)
{
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string_view::npos)
        return {};
    const auto e = s.find_last_not_of(" \t");
    return std::string(s.substr(b, e - b + 1));
}

std::chrono::milliseconds backoff(const NatsPublishOptions &o, int attempts, std::mt19937 &rng)
{
    const double base = std::min<double>(static_cast<double>(o.reconnectMax.count()),
        static_cast<double>(o.reconnectMin.count()) * std::exp2(std::clamp(attempts - 1, 0, 30)));
    std::uniform_real_distribution<double> jitter(0.8, 1.2);
    return std::chrono::milliseconds(static_cast<long long>(base * jitter(rng)));
}

} // namespace

std::vector<std::string> splitNatsUrls(std::string_view url)
{
    std::vector<std::string> out;
    while (true) {
        const auto comma = url.find(',');
        if (auto one = trim(url.substr(0, comma)); !one.empty())
            out.push_back(std::move(one));
        if (comma == std::string_view::npos)
            return out;
        url.remove_prefix(comma + 1);
    }
}

Result<void> checkNatsUrl(std::string_view url)
{
    const auto servers = splitNatsUrls(url);
    if (servers.empty())
        return fail("expected a NATS URL such as nats://127.0.0.1:4222");
    for (const auto &s : servers) {
        const std::string shown = "'" + redactBrokerUrl(s) + "'";
        std::string_view rest = s;
        if (const auto sep = rest.find("://"); sep != std::string_view::npos) {
            const auto scheme = rest.substr(0, sep);
            if (scheme != "nats" && scheme != "tls")
                return fail(shown + ": expected the scheme nats:// or tls://");
            rest.remove_prefix(sep + 3);
        }
        rest = rest.substr(0, rest.find_first_of("/?#"));
        if (const auto at = rest.rfind('@'); at != std::string_view::npos)
            rest.remove_prefix(at + 1);
        std::string_view host = rest;
        std::string_view port;
        if (!rest.empty() && rest.front() == '[') {
            const auto close = rest.find(']');
            if (close == std::string_view::npos)
                return fail(shown + ": an IPv6 address needs a closing ']'");
            host = rest.substr(1, close - 1);
            if (close + 1 < rest.size()) {
                if (rest[close + 1] != ':')
                    return fail(shown + ": expected ':' and a port after the IPv6 address");
                port = rest.substr(close + 2);
            }
        } else if (const auto colon = rest.rfind(':'); colon != std::string_view::npos) {
            host = rest.substr(0, colon);
            port = rest.substr(colon + 1);
        }
        if (host.empty())
            return fail(shown + ": no host");
        if (!port.empty() || rest.back() == ':') {
            const bool digits
                = !port.empty() && port.size() <= 5 && std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; });
            const int n = digits ? std::stoi(std::string(port)) : 0;
            if (n < 1 || n > 65535)
                return fail(shown + ": the port must be a number from 1 to 65535");
        }
    }
    return {};
}

/**
 * What cnats' connection callbacks reach. cnats runs the closed callback on its own thread, possibly
 * after natsConnection_Destroy has returned, and always as the last callback of a connection: so this
 * outlives the publisher and the closed callback of a connection the publisher closed deletes it.
 */
struct NatsBridge {
    std::mutex mutex;
    NatsPublisher::Impl *impl = nullptr; // null once the publisher is gone
    bool closed = false; // cnats closed the connection on its own (the publisher then deletes this)
    NatsPublishOptions options;
    std::mt19937 rng {std::random_device {}()};
};

struct NatsPublisher::Impl {
    Impl(NatsEndpoint e, NatsPublishOptions o, Callbacks c)
        : endpoint(std::move(e))
        , options(o)
        , callbacks(std::move(c))
        , shown(redactBrokerUrl(endpoint.url))
    {
    }

    NatsEndpoint endpoint;
    NatsPublishOptions options;
    Callbacks callbacks;
    std::string shown; // the URL with secrets masked: the only form that is logged

    std::mutex mutex;
    std::condition_variable wake;
    std::vector<Job> queue;
    bool stopping = false;
    std::atomic<NatsLinkState> state {NatsLinkState::Connecting};
    std::mutex reportMutex;
    bool reported = false;
    std::string reportedDetail;
    std::thread thread;

    // Publisher thread only.
    NatsBridge *bridge = nullptr;
    natsOptions *natsOpts = nullptr;
    natsConnection *nc = nullptr;
    std::string connectError; // why there is no connection object (core NATS) or no streaming session
    stanConnection *sc = nullptr;
    int failures = 0; // connection attempts failed in a row
    Clock::time_point nextAttempt {}; // when to try again while there is no connection
    std::mt19937 rng {std::random_device {}()};

    /** Called with the bridge's mutex held (cnats threads) or on the publisher thread. */
    void setState(NatsLinkState s, const std::string &detail)
    {
        {
            // Say each change once: a connection that keeps failing the same way is not news.
            std::lock_guard lock(reportMutex);
            const NatsLinkState before = state.exchange(s);
            if (reported && before == s && detail == reportedDetail && s != NatsLinkState::Connected)
                return;
            reported = true;
            reportedDetail = detail;
        }
        const QString what = endpoint.streaming ? QStringLiteral("NATS Streaming cluster '%1' at %2").arg(q(endpoint.clusterId), q(shown))
                                                : QStringLiteral("NATS server %1").arg(q(shown));
        switch (s) {
        case NatsLinkState::Connected:
            qCInfo(lcDispatch).noquote() << "dispatch: connected to" << what;
            break;
        case NatsLinkState::Reconnecting:
            qCWarning(lcDispatch).noquote() << "dispatch: connection to"
                                            << what + QStringLiteral(" lost")
                    + (detail.empty() ? QString() : QStringLiteral(" (%1)").arg(q(detail)))
                                            << "- reconnecting";
            break;
        case NatsLinkState::Connecting:
            qCWarning(lcDispatch).noquote() << "dispatch: cannot connect to" << what << "yet:" << q(detail) << "- retrying";
            break;
        case NatsLinkState::Closed:
            qCDebug(lcDispatch).noquote() << "dispatch: connection to" << what << "closed";
            break;
        }
        if (callbacks.stateChanged)
            callbacks.stateChanged(s, detail);
    }

    // --- cnats callbacks (cnats threads): only through the bridge -------------------------------
    static void onConnected(natsConnection *, void *closure) { relay(closure, NatsLinkState::Connected, {}); }
    static void onReconnected(natsConnection *, void *closure) { relay(closure, NatsLinkState::Connected, {}); }
    static void onDisconnected(natsConnection *nc, void *closure)
    {
        const char *err = nullptr;
        natsConnection_GetLastError(nc, &err);
        relay(closure, NatsLinkState::Reconnecting, err ? err : "");
    }
    static void onClosed(natsConnection *, void *closure)
    {
        auto *b = static_cast<NatsBridge *>(closure);
        {
            std::lock_guard lock(b->mutex);
            if (b->impl) {
                // Closed by cnats itself (not by us): the publisher notices, reconnects and deletes this.
                b->closed = true;
                b->impl->setState(NatsLinkState::Closed, "closed by the client library");
                return;
            }
        }
        delete b; // the last callback of a connection we closed
    }
    static void onAsyncError(natsConnection *, natsSubscription *, natsStatus err, void *closure)
    {
        auto *b = static_cast<NatsBridge *>(closure);
        std::lock_guard lock(b->mutex);
        if (b->impl)
            qCWarning(lcDispatch).noquote() << "dispatch: NATS server" << q(b->impl->shown) << "reported:" << natsStatus_GetText(err);
    }
    static int64_t reconnectDelay(natsConnection *, int attempts, void *closure)
    {
        auto *b = static_cast<NatsBridge *>(closure);
        std::lock_guard lock(b->mutex);
        return backoff(b->options, attempts, b->rng).count();
    }
    static void relay(void *closure, NatsLinkState s, const std::string &detail)
    {
        auto *b = static_cast<NatsBridge *>(closure);
        std::lock_guard lock(b->mutex);
        if (b->impl)
            b->impl->setState(s, detail);
    }

    // --- publisher thread --------------------------------------------------------------------
    [[nodiscard]] bool linked() const { return endpoint.streaming ? sc != nullptr : nc != nullptr; }

    void connect()
    {
        if (endpoint.streaming)
            connectStreaming();
        else
            connectCore();
    }

    void scheduleRetry(NatsLinkState s)
    {
        nextAttempt = Clock::now() + backoff(options, ++failures, rng);
        setState(s, connectError);
    }

    void run()
    {
        connect();
        while (true) {
            std::vector<Job> jobs;
            {
                std::unique_lock lock(mutex);
                if (!linked()) {
                    // Without a connection, try again when the backoff allows, also with nothing to send.
                    wake.wait_until(lock, nextAttempt, [this] { return stopping || !queue.empty(); });
                } else {
                    wake.wait(lock, [this] { return stopping || !queue.empty(); });
                }
                if (stopping)
                    break;
                jobs.swap(queue);
            }
            if (!linked() && Clock::now() >= nextAttempt)
                connect();
            if (jobs.empty())
                continue;
            auto outcomes = endpoint.streaming ? publishStreaming(jobs) : publishCore(jobs);
            if (callbacks.done)
                callbacks.done(std::move(outcomes));
        }
        close();
    }

    void connectCore()
    {
        bridge = new NatsBridge;
        bridge->impl = this;
        bridge->options = options;
        const auto servers = splitNatsUrls(endpoint.url);
        std::vector<const char *> urls;
        for (const auto &s : servers)
            urls.push_back(s.c_str());
        natsStatus s = natsOptions_Create(&natsOpts);
        if (s == NATS_OK)
            s = natsOptions_SetServers(natsOpts, urls.data(), static_cast<int>(urls.size()));
        if (s == NATS_OK)
            s = natsOptions_SetName(natsOpts, "gateway-studio dispatch");
        if (s == NATS_OK)
            s = natsOptions_SetTimeout(natsOpts, options.connectTimeout.count());
        if (s == NATS_OK)
            s = natsOptions_SetMaxReconnect(natsOpts, -1); // forever
        if (s == NATS_OK)
            s = natsOptions_SetCustomReconnectDelay(natsOpts, &Impl::reconnectDelay, bridge);
        if (s == NATS_OK)
            s = natsOptions_SetRetryOnFailedConnect(natsOpts, true, &Impl::onConnected, bridge);
        if (s == NATS_OK)
            s = natsOptions_SetDisconnectedCB(natsOpts, &Impl::onDisconnected, bridge);
        if (s == NATS_OK)
            s = natsOptions_SetReconnectedCB(natsOpts, &Impl::onReconnected, bridge);
        if (s == NATS_OK)
            s = natsOptions_SetClosedCB(natsOpts, &Impl::onClosed, bridge);
        if (s == NATS_OK)
            s = natsOptions_SetErrorHandler(natsOpts, &Impl::onAsyncError, bridge);
        // A dead server is noticed within about 20 s even without traffic.
        if (s == NATS_OK)
            s = natsOptions_SetPingInterval(natsOpts, 10000);
        if (s == NATS_OK)
            s = natsOptions_SetMaxPingsOut(natsOpts, 2);
        if (s == NATS_OK) {
            s = natsConnection_Connect(&nc, natsOpts);
            if (s == NATS_OK) {
                failures = 0;
                setState(NatsLinkState::Connected, {});
                return;
            }
            if (s == NATS_NOT_YET_CONNECTED) {
                // cnats keeps trying in the background (forever) and calls onConnected.
                failures = 0;
                setState(NatsLinkState::Connecting, "no server answers");
                return;
            }
        }
        // No connection object (a refused URL or credentials): no callback will come; try again later.
        connectError = "cannot use NATS server " + shown + ": " + natsError(s);
        nc = nullptr;
        teardownCore();
        scheduleRetry(NatsLinkState::Connecting);
    }

    /** Closes and frees the core connection, its options and the bridge. */
    void teardownCore()
    {
        if (bridge) {
            bool libraryClosed = false;
            {
                std::lock_guard lock(bridge->mutex);
                bridge->impl = nullptr;
                libraryClosed = bridge->closed;
            }
            if (nc) {
                // Closing it ourselves makes cnats call the closed callback, which deletes the bridge;
                // closing one cnats already closed calls nothing.
                natsConnection_Close(nc);
                natsConnection_Destroy(nc);
                nc = nullptr;
                if (libraryClosed)
                    delete bridge;
            } else {
                delete bridge; // no connection object: no callback will ever come
            }
            bridge = nullptr;
        }
        if (natsOpts) {
            natsOptions_Destroy(natsOpts);
            natsOpts = nullptr;
        }
    }

    std::vector<Outcome> failAll(const std::vector<Job> &jobs, const std::string &error)
    {
        std::vector<Outcome> out;
        out.reserve(jobs.size());
        for (const auto &j : jobs)
            out.push_back({j.token, error});
        return out;
    }

    static const std::string &bodyOf(const Job &j) { return j.event->messageBody.empty() ? j.event->body : j.event->messageBody; }

    std::vector<Outcome> publishCore(const std::vector<Job> &jobs)
    {
        if (nc && natsConnection_Status(nc) == NATS_CONN_STATUS_CLOSED) {
            const char *err = nullptr;
            natsConnection_GetLastError(nc, &err);
            connectError
                = "the connection to NATS server " + shown + " was closed" + (err && *err ? ": " + std::string(err) : std::string());
            teardownCore();
            scheduleRetry(NatsLinkState::Reconnecting);
        }
        if (!nc)
            return failAll(jobs, connectError);
        // Publishing while cnats reconnects would only fill its reconnect buffer; say so and retry later.
        if (natsConnection_Status(nc) != NATS_CONN_STATUS_CONNECTED) {
            const char *err = nullptr;
            natsConnection_GetLastError(nc, &err);
            std::string why = "not connected to NATS server " + shown + " (" + toString(state.load()) + ")";
            if (err && *err)
                why += ": " + std::string(err);
            return failAll(jobs, why);
        }
        std::vector<Outcome> out;
        out.reserve(jobs.size());
        std::vector<std::size_t> sent;
        for (std::size_t i = 0; i < jobs.size(); ++i) {
            const auto &body = bodyOf(jobs[i]);
            const natsStatus s = natsConnection_Publish(nc, jobs[i].subject.c_str(), body.data(), static_cast<int>(body.size()));
            out.push_back({jobs[i].token, s == NATS_OK ? std::string() : "NATS publish: " + natsError(s)});
            if (s == NATS_OK)
                sent.push_back(i);
        }
        if (sent.empty())
            return out;
        // One round trip for the whole batch: a PONG means the server has processed everything before it.
        const natsStatus f = natsConnection_FlushTimeout(nc, options.flushTimeout.count());
        if (f != NATS_OK) {
            const std::string why = "NATS server " + shown + " did not confirm the publish (flush): " + natsError(f);
            for (const auto i : sent)
                out[i].error = why;
        }
        return out;
    }

    void connectStreaming()
    {
        stanConnOptions *so = nullptr;
        natsStatus s = stanConnOptions_Create(&so);
        // stan takes one URL; the first of a list.
        const auto servers = splitNatsUrls(endpoint.url);
        if (s == NATS_OK)
            s = stanConnOptions_SetURL(so, servers.empty() ? endpoint.url.c_str() : servers.front().c_str());
        if (s == NATS_OK)
            s = stanConnOptions_SetConnectionWait(so, options.connectTimeout.count());
        if (s == NATS_OK)
            s = stanConnOptions_SetPubAckWait(so, options.streamingAckWait.count());
        if (s == NATS_OK)
            s = stanConnection_Connect(&sc, endpoint.clusterId.c_str(), endpoint.clientId.c_str(), so);
        stanConnOptions_Destroy(so);
        if (s == NATS_OK) {
            failures = 0;
            connectError.clear();
            setState(NatsLinkState::Connected, {});
            return;
        }
        sc = nullptr;
        std::string why = natsError(s);
        if (s == NATS_TIMEOUT || s == NATS_NO_RESPONDERS)
            why += " (no NATS Streaming server answered for this cluster id; a plain nats-server does not serve NATS Streaming)";
        connectError = "cannot connect to NATS Streaming cluster '" + endpoint.clusterId + "' at " + shown + " as client '"
            + endpoint.clientId + "': " + why;
        scheduleRetry(NatsLinkState::Connecting);
    }

    std::vector<Outcome> publishStreaming(const std::vector<Job> &jobs)
    {
        if (!sc)
            return failAll(jobs, connectError);
        std::vector<Outcome> out;
        out.reserve(jobs.size());
        for (const auto &j : jobs) {
            if (!sc) {
                out.push_back({j.token, connectError});
                continue;
            }
            const auto &body = bodyOf(j);
            const natsStatus s = stanConnection_Publish(sc, j.subject.c_str(), body.data(), static_cast<int>(body.size()));
            if (s == NATS_OK) {
                out.push_back({j.token, {}});
                continue;
            }
            // A failed publish (no ack, connection lost): start a new session after a backoff.
            connectError = "NATS Streaming publish to cluster '" + endpoint.clusterId + "' at " + shown + ": " + natsError(s);
            out.push_back({j.token, connectError});
            stanConnection_Destroy(sc);
            sc = nullptr;
            scheduleRetry(NatsLinkState::Reconnecting);
        }
        return out;
    }

    void close()
    {
        if (sc) {
            stanConnection_Close(sc);
            stanConnection_Destroy(sc);
            sc = nullptr;
        }
        teardownCore();
    }
};

NatsPublisher::NatsPublisher(NatsEndpoint endpoint, NatsPublishOptions options, Callbacks callbacks)
    : m_impl(std::make_unique<Impl>(std::move(endpoint), options, std::move(callbacks)))
{
    m_impl->thread = std::thread([impl = m_impl.get()] { impl->run(); });
}

NatsPublisher::~NatsPublisher()
{
    {
        std::lock_guard lock(m_impl->mutex);
        m_impl->stopping = true;
    }
    m_impl->wake.notify_all();
    if (m_impl->thread.joinable())
        m_impl->thread.join();
}

void NatsPublisher::publish(std::vector<Job> jobs)
{
    if (jobs.empty())
        return;
    {
        std::lock_guard lock(m_impl->mutex);
        if (m_impl->queue.empty())
            m_impl->queue = std::move(jobs);
        else
            std::move(jobs.begin(), jobs.end(), std::back_inserter(m_impl->queue));
    }
    m_impl->wake.notify_one();
}

NatsLinkState NatsPublisher::state() const
{
    return m_impl->state.load();
}

const NatsEndpoint &NatsPublisher::endpoint() const
{
    return m_impl->endpoint;
}

} // namespace gs
