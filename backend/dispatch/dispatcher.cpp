#include "dispatcher.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <queue>
#include <optional>
#include <random>

#include "core/logging.h"
#include "core/redact.h"
#include "http/client.h"
#include "natspublisher.h"

namespace gs {

const char *toString(DeliveryState s)
{
    switch (s) {
    case DeliveryState::Pending:
        return "pending";
    case DeliveryState::Retrying:
        return "retrying";
    case DeliveryState::Delivered:
        return "delivered";
    case DeliveryState::Failed:
        return "failed";
    }
    return "?";
}

std::string Target::label() const
{
    const std::string shown = redactBrokerUrl(url);
    if (name.find(shown) != std::string::npos || name.find(http::redactUrl(url)) != std::string::npos)
        return name;
    return name + " (" + shown + ")";
}

namespace {

using Clock = std::chrono::steady_clock;

/** Log-scaled latency histogram: 8 buckets per power of two of microseconds. */
class LatencyHistogram
{
public:
    void add(std::chrono::microseconds d)
    {
        const double us = std::max<double>(1.0, static_cast<double>(d.count()));
        const auto i = std::min<std::size_t>(kBuckets - 1, static_cast<std::size_t>(std::log2(us) * 8));
        ++m_counts[i];
        ++m_total;
        m_max = std::max(m_max, us);
    }
    [[nodiscard]] double percentileMs(double p) const
    {
        if (m_total == 0)
            return 0;
        const auto want = static_cast<std::uint64_t>(std::ceil(p * static_cast<double>(m_total)));
        std::uint64_t seen = 0;
        for (std::size_t i = 0; i < kBuckets; ++i) {
            seen += m_counts[i];
            if (seen >= want)
                return std::min(m_max, std::exp2((static_cast<double>(i) + 1) / 8)) / 1000.0; // bucket upper bound
        }
        return m_max / 1000.0;
    }
    [[nodiscard]] double maxMs() const { return m_max / 1000.0; }

private:
    static constexpr std::size_t kBuckets = 8 * 40;
    std::array<std::uint64_t, kBuckets> m_counts {};
    std::uint64_t m_total = 0;
    double m_max = 0;
};

/** A target with its URL parsed once, or its NATS connection. */
struct ParsedTarget {
    Target target;
    std::optional<http::Url> url; // HTTP only
    std::shared_ptr<NatsPublisher> nats; // NATS kinds only; shared by successive target lists
    std::string key; // what `ready` and `inFlight` are keyed by

    [[nodiscard]] bool isNats() const { return target.kind != TargetKind::Http; }
};
using TargetList = std::vector<ParsedTarget>;

/** The outcome of one attempt, whatever the transport. */
struct Attempt {
    int status = 0; // HTTP status, 0 for NATS or a transport error
    std::string error; // empty: delivered (for HTTP, with a 2xx status)
    std::string bodyHead; // HTTP answer's beginning, for messages
};

/** An event with the number of its deliveries still unsettled. Touched on the dispatch thread only. */
struct EventRecord {
    std::shared_ptr<const Outgoing> event;
    int unsettled = 0;
};

struct Delivery {
    std::shared_ptr<EventRecord> record;
    std::size_t target = 0; // index into the target list captured at submit time
    std::shared_ptr<const TargetList> targets;
    int attempts = 0;
    Clock::time_point firstAttempt {};
    Clock::time_point nextAttempt {};
    int lastStatus = 0;
    std::string lastError;

    [[nodiscard]] const ParsedTarget &where() const { return (*targets)[target]; }
};

} // namespace

/** How NATS publisher threads reach the dispatch thread; cut off when the dispatcher goes away. */
struct DispatchMailbox {
    std::mutex mutex;
    Dispatcher::Impl *impl = nullptr;
};

/**
 * Everything below runs on the single dispatch thread, except what takes `mutex` (the inbox and
 * the figures shared with submitters). NATS targets publish on their own threads (NatsPublisher);
 * their results come back to this thread through the mailbox.
 */
struct Dispatcher::Impl {
    explicit Impl(DispatchOptions o)
        : options(o)
    {
        http::ClientOptions co;
        co.connectTimeout = options.connectTimeout;
        co.requestTimeout = options.requestTimeout;
        co.userAgent = "gateway-studio/" GS_VERSION;
        client = std::make_unique<http::Client>(pool, co);
        retryTimer = std::make_unique<http::Timer>(pool);
        mailbox->impl = this;
    }

    ~Impl()
    {
        // Publisher threads stop reaching us; then stop our thread; then drop deliveries (and with the
        // last of them the NATS connections) and HTTP connections while their io_context still exists.
        {
            std::lock_guard lock(mailbox->mutex);
            mailbox->impl = nullptr;
        }
        pool.stop();
        natsInFlight.clear();
        ready.clear();
        waiting.clear();
        retryTimer.reset();
        client.reset();
        targetList.reset();
    }

    DispatchOptions options;
    http::IoPool pool {1, "gs-dispatch"};
    std::unique_ptr<http::Client> client;
    std::unique_ptr<http::Timer> retryTimer;
    std::shared_ptr<DispatchMailbox> mailbox = std::make_shared<DispatchMailbox>();

    // Shared with submitters.
    mutable std::mutex mutex;
    std::condition_variable settled;
    std::shared_ptr<const TargetList> targetList = std::make_shared<TargetList>();
    std::vector<std::shared_ptr<const Outgoing>> inbox;
    bool drainScheduled = false;
    std::vector<std::function<void()>> spaceWaiters;
    std::size_t pendingEvents = 0;
    std::size_t pendingBytes = 0; ///< bodies of pending events
    DeliveryObserver observer;
    DispatchStats counters;
    LatencyHistogram latency;
    std::atomic<bool> messageTargets {false};

    // Dispatch thread only.
    std::map<std::string, std::deque<Delivery>> ready; // per target key, so one slow target cannot block another
    std::map<std::string, int> inFlight;
    std::vector<Delivery> waiting; // min-heap on nextAttempt
    std::map<std::uint64_t, Delivery> natsInFlight; // by publish token
    std::uint64_t nextToken = 1;
    Clock::time_point timerAt = Clock::time_point::max();
    std::mt19937 rng {std::random_device {}()};

    static bool laterFirst(const Delivery &a, const Delivery &b) { return a.nextAttempt > b.nextAttempt; }

    /** A publisher for `t` whose results and reconnections come back to this dispatcher's thread. */
    std::shared_ptr<NatsPublisher> makePublisher(const Target &t, const std::string &key)
    {
        NatsEndpoint ep {t.url, t.kind == TargetKind::NatsStreaming, t.clusterId, t.clientId};
        NatsPublisher::Callbacks cb;
        cb.done = [box = mailbox](std::vector<NatsPublisher::Outcome> outcomes) {
            std::lock_guard lock(box->mutex);
            if (Impl *impl = box->impl)
                http::postTo(impl->pool, [impl, outcomes = std::move(outcomes)] { impl->onNatsOutcomes(outcomes); });
        };
        cb.stateChanged = [box = mailbox, key](NatsLinkState state, const std::string &) {
            if (state != NatsLinkState::Connected)
                return;
            std::lock_guard lock(box->mutex);
            if (Impl *impl = box->impl)
                http::postTo(impl->pool, [impl, key] { impl->retryNow(key); });
        };
        return std::make_shared<NatsPublisher>(std::move(ep), options.nats, std::move(cb));
    }

    void notify(const Delivery &d, DeliveryState state, std::chrono::milliseconds retryIn = {})
    {
        if (!observer)
            return;
        DeliveryUpdate u;
        u.event = d.record->event;
        u.target = d.where().target;
        u.state = state;
        u.attempts = d.attempts;
        u.httpStatus = d.lastStatus;
        u.error = d.lastError;
        u.nextRetryIn = retryIn;
        observer(u);
    }

    void takeInbox()
    {
        std::vector<std::shared_ptr<const Outgoing>> batch;
        std::shared_ptr<const TargetList> targets;
        {
            std::lock_guard lock(mutex);
            batch.swap(inbox);
            drainScheduled = false;
            targets = targetList;
        }
        const auto now = Clock::now();
        for (auto &ev : batch) {
            auto record = std::make_shared<EventRecord>(EventRecord {std::move(ev), static_cast<int>(targets->size())});
            for (std::size_t i = 0; i < targets->size(); ++i) {
                Delivery d {record, i, targets, 0, now, now, 0, {}};
                notify(d, DeliveryState::Pending);
                ready[(*targets)[i].key].push_back(std::move(d));
            }
        }
        startReady();
    }

    void settle(Delivery &d)
    {
        if (--d.record->unsettled > 0)
            return;
        std::vector<std::function<void()>> wake;
        {
            std::lock_guard lock(mutex);
            --pendingEvents;
            pendingBytes -= d.record->event->body.size();
            if (pendingEvents < options.maxPendingEvents && pendingBytes < options.maxPendingBytes)
                wake.swap(spaceWaiters);
        }
        settled.notify_all();
        for (auto &f : wake)
            f();
    }

    void startReady()
    {
        for (auto &[key, queue] : ready) {
            int &n = inFlight[key];
            if (!queue.empty() && queue.front().where().isNats()) {
                // A batch per publisher: it publishes them all and confirms them with one flush.
                std::vector<NatsPublisher::Job> jobs;
                NatsPublisher *publisher = nullptr;
                while (!queue.empty() && n < options.maxInFlightPerNatsTarget) {
                    Delivery d = std::move(queue.front());
                    queue.pop_front();
                    NatsPublisher *p = d.where().nats.get();
                    if (p != publisher && !jobs.empty())
                        publisher->publish(std::exchange(jobs, {}));
                    publisher = p;
                    ++n;
                    ++d.attempts;
                    const std::uint64_t token = nextToken++;
                    jobs.push_back({token, d.record->event->subject, d.record->event});
                    natsInFlight.emplace(token, std::move(d));
                }
                if (publisher && !jobs.empty())
                    publisher->publish(std::move(jobs));
                continue;
            }
            while (!queue.empty() && n < options.maxInFlightPerTarget) {
                Delivery d = std::move(queue.front());
                queue.pop_front();
                ++n;
                send(std::move(d));
            }
        }
    }

    void send(Delivery d)
    {
        ++d.attempts;
        const ParsedTarget &t = d.where();
        if (!t.url)
            return onResult(std::move(d), Attempt {0, "not an http:// or https:// URL", {}});
        const Outgoing &ev = *d.record->event;
        auto keep = d.record->event;
        client->post(*t.url, ev.headers, ev.body, keep, [this, d = std::move(d)](http::PostResult r) mutable {
            Attempt a {r.status, r.error, {}};
            if (a.error.empty() && (r.status < 200 || r.status >= 300))
                a.error = "HTTP " + std::to_string(r.status) + (r.bodyHead.empty() ? "" : ": " + r.bodyHead);
            onResult(std::move(d), a);
        });
    }

    void onNatsOutcomes(const std::vector<NatsPublisher::Outcome> &outcomes)
    {
        for (const auto &o : outcomes) {
            auto it = natsInFlight.find(o.token);
            if (it == natsInFlight.end())
                continue;
            Delivery d = std::move(it->second);
            natsInFlight.erase(it);
            onResult(std::move(d), Attempt {0, o.error, {}});
        }
    }

    std::chrono::milliseconds backoffFor(int attempts)
    {
        // 1 s doubling to 60 s, with +-20 % jitter so many failed events do not retry in lock step.
        const double base = std::min<double>(static_cast<double>(options.maxBackoff.count()),
            static_cast<double>(options.initialBackoff.count()) * std::exp2(std::max(0, attempts - 1)));
        std::uniform_real_distribution<double> jitter(0.8, 1.2);
        return std::chrono::milliseconds(static_cast<long long>(base * jitter(rng)));
    }

    void onResult(Delivery d, const Attempt &r)
    {
        --inFlight[d.where().key];
        d.lastStatus = r.status;
        if (r.error.empty()) {
            d.lastError.clear();
            {
                std::lock_guard lock(mutex);
                ++counters.delivered;
                latency.add(std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - d.record->event->received));
            }
            notify(d, DeliveryState::Delivered);
            settle(d);
            return startReady();
        }
        d.lastError = r.error;
        const auto now = Clock::now();
        const QString name = QString::fromStdString(d.where().target.label());
        if (now - d.firstAttempt >= options.maxAge || (!d.where().isNats() && !d.where().url)) {
            {
                std::lock_guard lock(mutex);
                ++counters.failed;
            }
            qCWarning(lcDispatch).noquote() << "giving up on event" << QString::fromStdString(d.record->event->eventId) << "for" << name
                                            << "after" << d.attempts << "attempts, last error:" << QString::fromStdString(d.lastError);
            notify(d, DeliveryState::Failed);
            settle(d);
            return startReady();
        }
        const auto wait = backoffFor(d.attempts);
        {
            std::lock_guard lock(mutex);
            ++counters.retries;
        }
        if (d.attempts == 1)
            qCWarning(lcDispatch).noquote() << "delivery to" << name + QStringLiteral(" failed: ") + QString::fromStdString(d.lastError)
                                            << "- retrying with backoff";
        notify(d, DeliveryState::Retrying, wait);
        d.nextAttempt = now + wait;
        waiting.push_back(std::move(d));
        std::push_heap(waiting.begin(), waiting.end(), laterFirst);
        armTimer();
        startReady();
    }

    /** One timer for the earliest retry. */
    void armTimer()
    {
        if (waiting.empty() || waiting.front().nextAttempt >= timerAt)
            return;
        timerAt = waiting.front().nextAttempt;
        retryTimer->schedule(timerAt, [this] {
            timerAt = Clock::time_point::max();
            promoteDue();
        });
    }

    void promoteDue()
    {
        const auto now = Clock::now();
        while (!waiting.empty() && waiting.front().nextAttempt <= now) {
            std::pop_heap(waiting.begin(), waiting.end(), laterFirst);
            Delivery d = std::move(waiting.back());
            waiting.pop_back();
            ready[d.where().key].push_back(std::move(d));
        }
        armTimer();
        startReady();
    }

    /** A NATS connection is (re-)established: what waits for it goes now rather than after its backoff. */
    void retryNow(const std::string &key)
    {
        std::vector<Delivery> keep;
        std::size_t moved = 0;
        for (auto &d : waiting) {
            if (d.where().key == key) {
                ready[key].push_back(std::move(d));
                ++moved;
            } else {
                keep.push_back(std::move(d));
            }
        }
        if (moved == 0)
            return;
        waiting = std::move(keep);
        std::make_heap(waiting.begin(), waiting.end(), laterFirst);
        qCDebug(lcDispatch) << "NATS connection back:" << moved << "deliveries retried now";
        startReady();
    }
};

Dispatcher::Dispatcher(DispatchOptions options)
    : m_impl(std::make_unique<Impl>(options))
{
}

Dispatcher::~Dispatcher() = default;

void Dispatcher::setTargets(std::vector<Target> targets)
{
    std::shared_ptr<const TargetList> current;
    {
        std::lock_guard lock(m_impl->mutex);
        current = m_impl->targetList;
    }
    auto list = std::make_shared<TargetList>();
    bool message = false;
    for (auto &t : targets) {
        ParsedTarget pt;
        if (t.kind == TargetKind::Http) {
            pt.url = http::Url::parse(t.url);
            pt.key = "http " + t.url;
        } else {
            message = true;
            pt.key = std::string(t.kind == TargetKind::Nats ? "nats " : "stan ") + t.url + ' ' + t.clusterId + ' ' + t.clientId;
            // The same server keeps its connection across reloads.
            for (const auto &old : *current) {
                if (old.key == pt.key && old.nats)
                    pt.nats = old.nats;
            }
            if (!pt.nats)
                pt.nats = m_impl->makePublisher(t, pt.key);
        }
        pt.target = std::move(t);
        list->push_back(std::move(pt));
    }
    m_impl->messageTargets.store(message);
    std::lock_guard lock(m_impl->mutex);
    m_impl->targetList = std::move(list);
}

bool Dispatcher::hasMessageTargets() const
{
    return m_impl->messageTargets.load();
}

std::vector<Target> Dispatcher::targets() const
{
    std::lock_guard lock(m_impl->mutex);
    std::vector<Target> out;
    for (const auto &t : *m_impl->targetList)
        out.push_back(t.target);
    return out;
}

void Dispatcher::setObserver(DeliveryObserver observer)
{
    std::lock_guard lock(m_impl->mutex);
    m_impl->observer = std::move(observer);
}

bool Dispatcher::trySubmit(std::shared_ptr<const Outgoing> event, std::function<void()> onSpace)
{
    bool schedule = false;
    {
        std::lock_guard lock(m_impl->mutex);
        if (m_impl->targetList->empty())
            return true; // nowhere to deliver: nothing to hold
        // Bounded in count and in bytes (4 MB payloads would otherwise let 100,000 events take 400 GB);
        // one event is always taken when nothing is pending, however large.
        const std::size_t bytes = event->body.size();
        if (m_impl->pendingEvents >= m_impl->options.maxPendingEvents
            || (m_impl->pendingEvents > 0 && m_impl->pendingBytes + bytes > m_impl->options.maxPendingBytes)) {
            ++m_impl->counters.refused;
            if (onSpace)
                m_impl->spaceWaiters.push_back(std::move(onSpace));
            return false;
        }
        ++m_impl->pendingEvents;
        m_impl->pendingBytes += bytes;
        ++m_impl->counters.submitted;
        m_impl->inbox.push_back(std::move(event));
        // One hand-over per batch, not per event: the dispatch thread takes the whole inbox.
        schedule = !std::exchange(m_impl->drainScheduled, true);
    }
    if (schedule)
        http::postTo(m_impl->pool, [impl = m_impl.get()] { impl->takeInbox(); });
    return true;
}

bool Dispatcher::drain(std::chrono::milliseconds timeout)
{
    std::unique_lock lock(m_impl->mutex);
    return m_impl->settled.wait_for(lock, timeout, [this] { return m_impl->pendingEvents == 0; });
}

DispatchStats Dispatcher::stats() const
{
    std::lock_guard lock(m_impl->mutex);
    DispatchStats s = m_impl->counters;
    s.pendingEvents = m_impl->pendingEvents;
    s.pendingBytes = m_impl->pendingBytes;
    s.latencyP50Ms = m_impl->latency.percentileMs(0.50);
    s.latencyP99Ms = m_impl->latency.percentileMs(0.99);
    s.latencyMaxMs = m_impl->latency.maxMs();
    return s;
}

} // namespace gs
