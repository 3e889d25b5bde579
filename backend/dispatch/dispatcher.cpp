#include "dispatcher.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <queue>
#include <random>
#include <thread>

#include <curl/curl.h>
#include <fcntl.h>
#include <pthread.h>

#include "core/logging.h"

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
    std::array<std::uint64_t, kBuckets> m_counts{};
    std::uint64_t m_total = 0;
    double m_max = 0;
};

/** An event with the number of its deliveries still unsettled. Touched on the dispatch thread only. */
struct EventRecord {
    std::shared_ptr<const Outgoing> event;
    int unsettled = 0;
};

struct Delivery {
    std::shared_ptr<EventRecord> record;
    std::size_t target = 0; // index into the target list captured at submit time
    std::shared_ptr<const std::vector<Target>> targets;
    int attempts = 0;
    Clock::time_point firstAttempt{};
    Clock::time_point nextAttempt{};
    int lastStatus = 0;
    std::string lastError;
};

struct Transfer {
    CURL *easy = nullptr;
    curl_slist *headers = nullptr;
    Delivery delivery;
    std::string responseHead; // first bytes of the answer, for error messages
};

/** libcurl's sockets are not close-on-exec; a spawned process must not inherit them. */
int closeOnExec(void *, curl_socket_t fd, curlsocktype)
{
    ::fcntl(fd, F_SETFD, ::fcntl(fd, F_GETFD) | FD_CLOEXEC);
    return CURL_SOCKOPT_OK;
}

size_t discardBody(char *data, size_t size, size_t n, void *user)
{
    auto *t = static_cast<Transfer *>(user);
    const size_t len = size * n;
    if (t->responseHead.size() < 200)
        t->responseHead.append(data, std::min<size_t>(len, 200 - t->responseHead.size()));
    return len;
}

} // namespace

struct Dispatcher::Impl {
    explicit Impl(DispatchOptions o)
        : options(o)
    {
        multi = curl_multi_init();
        curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, 256L);
        thread = std::thread([this] {
            pthread_setname_np(pthread_self(), "gs-dispatch");
            run();
        });
    }

    ~Impl()
    {
        stopping = true;
        curl_multi_wakeup(multi);
        thread.join();
        for (auto *t : active) {
            curl_multi_remove_handle(multi, t->easy);
            releaseTransfer(t);
        }
        for (CURL *e : idleHandles)
            curl_easy_cleanup(e);
        curl_multi_cleanup(multi);
    }

    DispatchOptions options;
    CURLM *multi = nullptr;
    std::thread thread;
    std::atomic<bool> stopping{false};
    std::atomic<bool> polling{false}; // the dispatch thread sleeps in curl_multi_poll: submitters must wake it

    // Shared with submitters.
    mutable std::mutex mutex;
    std::condition_variable settled;
    std::shared_ptr<const std::vector<Target>> targetList = std::make_shared<std::vector<Target>>();
    std::vector<std::shared_ptr<const Outgoing>> inbox;
    std::vector<std::function<void()>> spaceWaiters;
    std::atomic<std::size_t> pendingEvents{0};
    DeliveryObserver observer;
    DispatchStats counters;
    LatencyHistogram latency;

    // Dispatch thread only.
    std::map<std::string, std::deque<Delivery>> ready; // per target URL, so one slow target cannot block another
    std::map<std::string, int> inFlight;
    std::vector<Delivery> waiting; // min-heap on nextAttempt
    std::vector<Transfer *> active;
    std::vector<CURL *> idleHandles;
    std::mt19937 rng{std::random_device{}()};

    static bool laterFirst(const Delivery &a, const Delivery &b) { return a.nextAttempt > b.nextAttempt; }

    void notify(const Delivery &d, DeliveryState state, std::chrono::milliseconds retryIn = {})
    {
        if (!observer)
            return;
        DeliveryUpdate u;
        u.event = d.record->event;
        u.target = (*d.targets)[d.target];
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
        std::shared_ptr<const std::vector<Target>> targets;
        {
            std::lock_guard lock(mutex);
            batch.swap(inbox);
            targets = targetList;
        }
        const auto now = Clock::now();
        for (auto &ev : batch) {
            auto record = std::make_shared<EventRecord>(EventRecord{std::move(ev), static_cast<int>(targets->size())});
            for (std::size_t i = 0; i < targets->size(); ++i) {
                Delivery d{record, i, targets, 0, now, now, 0, {}};
                notify(d, DeliveryState::Pending);
                ready[(*targets)[i].url].push_back(std::move(d));
            }
        }
    }

    void settle(Delivery &d)
    {
        if (--d.record->unsettled > 0)
            return;
        std::vector<std::function<void()>> wake;
        {
            std::lock_guard lock(mutex);
            --pendingEvents;
            counters.pendingEvents = pendingEvents;
            if (pendingEvents < options.maxPendingEvents)
                wake.swap(spaceWaiters);
        }
        settled.notify_all();
        for (auto &f : wake)
            f();
    }

    CURL *takeHandle()
    {
        if (!idleHandles.empty()) {
            CURL *e = idleHandles.back();
            idleHandles.pop_back();
            curl_easy_reset(e);
            return e;
        }
        return curl_easy_init();
    }

    void releaseTransfer(Transfer *t)
    {
        curl_slist_free_all(t->headers);
        idleHandles.push_back(t->easy);
        delete t;
    }

    void startTransfer(Delivery d)
    {
        const Target &target = (*d.targets)[d.target];
        auto *t = new Transfer;
        t->easy = takeHandle();
        const Outgoing &ev = *d.record->event;
        t->delivery = std::move(d);
        for (const auto &[k, v] : ev.headers)
            t->headers = curl_slist_append(t->headers, (k + ": " + v).c_str());
        t->headers = curl_slist_append(t->headers, "Expect:"); // no 100-continue round trip
        CURL *e = t->easy;
        curl_easy_setopt(e, CURLOPT_URL, target.url.c_str());
        curl_easy_setopt(e, CURLOPT_POST, 1L);
        curl_easy_setopt(e, CURLOPT_POSTFIELDS, ev.body.data()); // not copied: the Outgoing outlives the transfer
        curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(ev.body.size()));
        curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->headers);
        curl_easy_setopt(e, CURLOPT_USERAGENT, "gateway-studio/" GS_VERSION);
        curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &discardBody);
        curl_easy_setopt(e, CURLOPT_WRITEDATA, t);
        curl_easy_setopt(e, CURLOPT_PRIVATE, t);
        curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(options.requestTimeout.count()));
        curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connectTimeout.count()));
        curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
        curl_easy_setopt(e, CURLOPT_SOCKOPTFUNCTION, &closeOnExec);
        curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
        ++t->delivery.attempts;
        ++inFlight[target.url];
        active.push_back(t);
        curl_multi_add_handle(multi, e);
    }

    void startReady()
    {
        for (auto &[url, queue] : ready) {
            int &n = inFlight[url];
            while (!queue.empty() && n < options.maxInFlightPerTarget) {
                Delivery d = std::move(queue.front());
                queue.pop_front();
                startTransfer(std::move(d));
            }
        }
    }

    void promoteDue()
    {
        const auto now = Clock::now();
        while (!waiting.empty() && waiting.front().nextAttempt <= now) {
            std::pop_heap(waiting.begin(), waiting.end(), laterFirst);
            Delivery d = std::move(waiting.back());
            waiting.pop_back();
            ready[(*d.targets)[d.target].url].push_back(std::move(d));
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

    void finishTransfer(Transfer *t, CURLcode result)
    {
        Delivery d = std::move(t->delivery);
        const std::string url = (*d.targets)[d.target].url;
        --inFlight[url];
        long status = 0;
        curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
        d.lastStatus = static_cast<int>(status);
        const std::string head = t->responseHead;
        curl_multi_remove_handle(multi, t->easy);
        std::erase(active, t);
        releaseTransfer(t);

        if (result == CURLE_OK && status >= 200 && status < 300) {
            d.lastError.clear();
            {
                std::lock_guard lock(mutex);
                ++counters.delivered;
                latency.add(std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - d.record->event->received));
            }
            notify(d, DeliveryState::Delivered);
            settle(d);
            return;
        }
        d.lastError = result != CURLE_OK ? std::string(curl_easy_strerror(result)) : "HTTP " + std::to_string(status) + (head.empty() ? "" : ": " + head);
        const auto now = Clock::now();
        if (now - d.firstAttempt >= options.maxAge) {
            {
                std::lock_guard lock(mutex);
                ++counters.failed;
            }
            qCWarning(lcDispatch).noquote() << "giving up on event" << QString::fromStdString(d.record->event->eventId) << "for"
                                            << QString::fromStdString((*d.targets)[d.target].name) << "after" << d.attempts
                                            << "attempts:" << QString::fromStdString(d.lastError);
            notify(d, DeliveryState::Failed);
            settle(d);
            return;
        }
        const auto wait = backoffFor(d.attempts);
        {
            std::lock_guard lock(mutex);
            ++counters.retries;
        }
        if (d.attempts == 1)
            qCWarning(lcDispatch).noquote() << "delivery to" << QString::fromStdString((*d.targets)[d.target].name)
                                            << QString::fromStdString(url) << "failed:" << QString::fromStdString(d.lastError)
                                            << "- retrying with backoff";
        notify(d, DeliveryState::Retrying, wait);
        d.nextAttempt = now + wait;
        waiting.push_back(std::move(d));
        std::push_heap(waiting.begin(), waiting.end(), laterFirst);
    }

    void run()
    {
        while (!stopping) {
            takeInbox();
            promoteDue();
            startReady();
            int running = 0;
            curl_multi_perform(multi, &running);
            int left = 0;
            while (CURLMsg *msg = curl_multi_info_read(multi, &left)) {
                if (msg->msg != CURLMSG_DONE)
                    continue;
                Transfer *t = nullptr;
                curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &t);
                finishTransfer(t, msg->data.result);
            }
            // Announce the sleep before the last look at the inbox: a submitter that pushes after
            // that look sees `polling` and wakes us (a wake-up per event would cost a syscall each).
            polling = true;
            if (!idleReady()) {
                polling = false;
                continue; // more to start right away
            }
            int timeoutMs = 1000;
            if (!waiting.empty()) {
                const auto until = std::chrono::duration_cast<std::chrono::milliseconds>(waiting.front().nextAttempt - Clock::now()).count();
                timeoutMs = static_cast<int>(std::clamp<long long>(until, 0, 1000));
            }
            long curlTimeout = -1;
            curl_multi_timeout(multi, &curlTimeout);
            if (curlTimeout >= 0)
                timeoutMs = std::min<int>(timeoutMs, static_cast<int>(curlTimeout));
            curl_multi_poll(multi, nullptr, 0, timeoutMs, nullptr);
            polling = false;
        }
    }

    /** True when nothing can be started now (so the loop may sleep). */
    bool idleReady()
    {
        {
            std::lock_guard lock(mutex);
            if (!inbox.empty())
                return false;
        }
        for (auto &[url, queue] : ready) {
            if (!queue.empty() && inFlight[url] < options.maxInFlightPerTarget)
                return false;
        }
        return true;
    }
};

Dispatcher::Dispatcher(DispatchOptions options)
{
    static std::once_flag curlInit;
    std::call_once(curlInit, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    m_impl = std::make_unique<Impl>(options);
}

Dispatcher::~Dispatcher() = default;

void Dispatcher::setTargets(std::vector<Target> targets)
{
    auto list = std::make_shared<const std::vector<Target>>(std::move(targets));
    std::lock_guard lock(m_impl->mutex);
    m_impl->targetList = std::move(list);
}

std::vector<Target> Dispatcher::targets() const
{
    std::lock_guard lock(m_impl->mutex);
    return *m_impl->targetList;
}

void Dispatcher::setObserver(DeliveryObserver observer)
{
    std::lock_guard lock(m_impl->mutex);
    m_impl->observer = std::move(observer);
}

bool Dispatcher::trySubmit(std::shared_ptr<const Outgoing> event, std::function<void()> onSpace)
{
    {
        std::lock_guard lock(m_impl->mutex);
        if (m_impl->targetList->empty())
            return true; // nowhere to deliver: nothing to hold
        if (m_impl->pendingEvents >= m_impl->options.maxPendingEvents) {
            ++m_impl->counters.refused;
            if (onSpace)
                m_impl->spaceWaiters.push_back(std::move(onSpace));
            return false;
        }
        ++m_impl->pendingEvents;
        ++m_impl->counters.submitted;
        m_impl->counters.pendingEvents = m_impl->pendingEvents;
        m_impl->inbox.push_back(std::move(event));
    }
    if (m_impl->polling)
        curl_multi_wakeup(m_impl->multi);
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
    s.latencyP50Ms = m_impl->latency.percentileMs(0.50);
    s.latencyP99Ms = m_impl->latency.percentileMs(0.99);
    s.latencyMaxMs = m_impl->latency.maxMs();
    return s;
}

} // namespace gs
