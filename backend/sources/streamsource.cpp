#include "streamsource.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/logging.h"

namespace gs::stream {

namespace {
constexpr std::chrono::nanoseconds kReconnectCap = std::chrono::seconds(60);
/** A connection that lasted this long resets the backoff of the next reconnect. */
constexpr std::chrono::seconds kStableConnection {10};

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}
} // namespace

std::string formatSleep(std::chrono::nanoseconds d)
{
    const double ms = static_cast<double>(d.count()) / 1e6;
    char buf[64];
    if (ms < 1000)
        std::snprintf(buf, sizeof buf, "%.0f ms", ms);
    else if (std::fmod(ms, 1000) < 1)
        std::snprintf(buf, sizeof buf, "%.0f s", ms / 1000);
    else
        std::snprintf(buf, sizeof buf, "%.1f s", ms / 1000);
    return buf;
}

BackoffPolicy::BackoffPolicy(Backoff backoff)
    : m_backoff(backoff)
{
}

std::chrono::nanoseconds BackoffPolicy::sleepAfter(int failures, bool reconnect) const
{
    // Without `backoff`: 1 s doubling to 60 s (decisions §6). With it: duration x factor^(n-1), as
    // written, without a cap for the initial attempts (PC-25: 10 s x 2 -> 0, 10, 30, 70, 150 s).
    const double first = m_backoff.given ? static_cast<double>(m_backoff.duration.count()) : 1e9;
    const double factor = m_backoff.given ? std::max(1.0, m_backoff.factor) : 2.0;
    double sleep = first * std::pow(factor, std::clamp(failures - 1, 0, 1000));
    if (reconnect || !m_backoff.given)
        sleep = std::min(sleep, static_cast<double>(kReconnectCap.count()));
    sleep = std::min(sleep, 1e18); // about 31 years: no overflow
    return std::chrono::nanoseconds(static_cast<std::int64_t>(std::max(0.0, sleep)));
}

bool BackoffPolicy::exhausted(int failures) const
{
    return m_backoff.given && failures >= m_backoff.steps;
}

std::chrono::nanoseconds BackoffPolicy::withJitter(std::chrono::nanoseconds sleep, std::mt19937 &rng) const
{
    if (!m_backoff.given || m_backoff.jitter <= 0)
        return sleep;
    std::uniform_real_distribution<double> extra(0, m_backoff.jitter);
    // Computed in double and capped like sleepAfter(): a huge jitter must not wrap to a negative sleep.
    const double total = static_cast<double>(sleep.count()) * (1.0 + extra(rng));
    return std::chrono::nanoseconds(static_cast<std::int64_t>(std::clamp(total, 0.0, 1e18)));
}

StreamSource::StreamSource(std::string name, std::unique_ptr<BrokerClient> client, Backoff backoff, std::shared_ptr<Emitter> emitter)
    : m_name(std::move(name))
    , m_client(std::move(client))
    , m_policy(backoff)
    , m_emitter(std::move(emitter))
    , m_what(m_client->describe())
    , m_rng(std::random_device {}())
{
    m_thread = std::thread([this] { run(); });
}

StreamSource::~StreamSource()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void StreamSource::report(const char *phase, const std::string &message)
{
    if (m_ended)
        return;
    m_emitter->reportState(phase, message);
}

bool StreamSource::sleepFor(std::chrono::nanoseconds d)
{
    std::unique_lock lock(m_mutex);
    return !m_wake.wait_for(lock, d, [this] { return m_stop.load(); });
}

void StreamSource::run()
{
    if (!connectLoop(false, {})) {
        m_client->disconnect();
        return;
    }
    auto upSince = std::chrono::steady_clock::now();
    int flaps = 0; // connections lost soon after they were made, in a row
    while (!m_stop && !m_ended) {
        auto polled = m_client->poll(*this, kPollTimeout);
        if (polled)
            continue;
        if (m_stop || m_ended)
            break;
        // A lost connection is re-established without limit (decisions §6); the client starts afresh,
        // so its subscription is issued again on the new connection (PC-21).
        m_client->disconnect();
        m_linkUp = false;
        // A connection that keeps dropping right after it is made (an MQTT client id another client
        // also uses, a broker that accepts then refuses) backs off like a failed attempt, not at once.
        flaps = std::chrono::steady_clock::now() - upSince < kStableConnection ? flaps + 1 : 0;
        if (flaps > 0) {
            const auto sleep = m_policy.withJitter(m_policy.sleepAfter(flaps, true), m_rng);
            report(phase::kReconnecting, "connection to " + m_what + " lost again soon after it was made: " + polled.error()
                    + " (another client with the same id?); reconnecting in " + formatSleep(sleep));
            if (!sleepFor(sleep))
                break;
        }
        if (!connectLoop(true, polled.error()))
            break;
        upSince = std::chrono::steady_clock::now();
    }
    m_client->disconnect();
}

bool StreamSource::connectLoop(bool reconnect, std::string lastError)
{
    int failures = 0;
    while (!m_stop) {
        if (reconnect && failures == 0) {
            report(
                phase::kReconnecting, "connection to " + m_what + " lost" + (lastError.empty() ? "" : ": " + lastError) + "; reconnecting");
        } else if (failures == 0) {
            std::string attempt = "attempt " + std::to_string(failures + 1);
            if (m_policy.backoff().given)
                attempt += " of " + std::to_string(m_policy.backoff().steps);
            report(phase::kConnecting, "connecting to " + m_what + " (" + attempt + ")");
        }
        auto connected = m_client->connect(*this);
        if (m_stop)
            return false;
        if (connected) {
            m_linkUp = true;
            report(phase::kConnected, "connected to " + m_what);
            return true;
        }
        m_client->disconnect();
        lastError = connected.error().message;
        ++failures;
        if (connected.error().permanent || (!reconnect && m_policy.exhausted(failures))) {
            std::string reason = connected.error().permanent ? lastError
                                                             : "cannot connect to " + m_what + " after " + std::to_string(failures)
                    + (failures == 1 ? " attempt" : " attempts") + ": " + lastError;
            report(phase::kFailed, reason);
            m_ended = true;
            m_emitter->fail(reason);
            return false;
        }
        const auto sleep = m_policy.withJitter(m_policy.sleepAfter(failures, reconnect), m_rng);
        std::string next = "attempt " + std::to_string(failures + 1);
        if (!reconnect && m_policy.backoff().given)
            next += " of " + std::to_string(m_policy.backoff().steps);
        report(reconnect ? phase::kReconnecting : phase::kConnecting,
            "cannot connect to " + m_what + ": " + lastError + "; " + next + " in " + formatSleep(sleep));
        if (!sleepFor(sleep))
            return false;
    }
    return false;
}

bool StreamSource::deliver(SourceEvent &&event)
{
    if (event.payload.size() > kMaxPayload) {
        const auto n = ++m_dropped;
        qCWarning(lcStream).noquote() << q(m_name) << "dropped a message of" << event.payload.size() << "bytes from" << q(m_what)
                                      << "- larger than the" << kMaxPayload << "bytes a v0.10 client accepts (" << n << "dropped so far)";
        return true;
    }
    // Push back instead of dropping: the broker client stops reading while the stream is full.
    auto wait = std::chrono::microseconds(200);
    while (true) {
        switch (m_emitter->emit(std::move(event))) {
        case EmitResult::Accepted:
            return true;
        case EmitResult::Closed:
            m_ended = true;
            return false;
        case EmitResult::Full:
            break;
        }
        if (m_stop)
            return false;
        std::unique_lock lock(m_mutex);
        if (m_wake.wait_for(lock, wait, [this] { return m_stop.load(); }))
            return false;
        wait = std::min(wait * 2, std::chrono::microseconds(20000));
    }
}

void StreamSource::reconnecting(const std::string &error)
{
    if (!m_linkUp)
        return;
    m_linkUp = false;
    report(phase::kReconnecting, "connection to " + m_what + " lost: " + error + "; reconnecting");
}

void StreamSource::connected()
{
    if (m_linkUp)
        return;
    m_linkUp = true;
    report(phase::kConnected, "connected to " + m_what);
}

} // namespace gs::stream
