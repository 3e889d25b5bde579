#include "scheduler.h"

namespace gs::calendar {

using namespace std::chrono;

namespace {
class SystemClock final : public Clock
{
public:
    SysNanos now() const override { return time_point_cast<nanoseconds>(system_clock::now()); }
    void waitUntil(std::unique_lock<std::mutex> &lock, std::condition_variable &cv, SysNanos deadline) override
    {
        // A system_clock deadline is an absolute CLOCK_REALTIME wait: it follows settimeofday and
        // suspend. The one-minute cap is a second line of defence, costing one wake-up a minute.
        const auto cap = system_clock::now() + minutes {1};
        cv.wait_until(lock, std::min(time_point_cast<system_clock::duration>(deadline), cap));
    }
};
} // namespace

Clock &systemClock()
{
    static SystemClock clock;
    return clock;
}

Scheduler::Scheduler(Clock &clock)
    : m_clock(clock)
{
    m_thread = std::thread([this] { loop(); });
}

Scheduler::~Scheduler()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_cv.notify_all();
    m_thread.join();
}

std::uint64_t Scheduler::add(Task task, SysNanos first)
{
    std::uint64_t id;
    {
        std::lock_guard lock(m_mutex);
        id = m_nextId++;
        m_entries.emplace(id, Entry {std::move(task), 0});
        const bool earliest = m_heap.empty() || first < m_heap.top().at;
        m_heap.push({first, id});
        if (!earliest)
            return id;
    }
    m_cv.notify_all();
    return id;
}

void Scheduler::remove(std::uint64_t id)
{
    // Callbacks run under m_mutex, so once we hold it none is running; the heap entry is dropped lazily.
    std::lock_guard lock(m_mutex);
    m_entries.erase(id);
}

std::size_t Scheduler::size() const
{
    std::lock_guard lock(m_mutex);
    return m_entries.size();
}

void Scheduler::loop()
{
    std::unique_lock lock(m_mutex);
    while (!m_stop) {
        if (m_heap.empty()) {
            m_cv.wait(lock);
            continue;
        }
        const Due due = m_heap.top();
        const SysNanos now = m_clock.now();
        if (now < due.at) {
            m_clock.waitUntil(lock, m_cv, due.at); // an early wake-up just waits again
            continue;
        }
        m_heap.pop();
        auto it = m_entries.find(due.id);
        if (it == m_entries.end())
            continue; // removed
        Entry &e = it->second;
        SysNanos at = due.at;
        if (now - at > kCatchUpWindow || e.caughtUp >= kMaxCatchUp) {
            // Asleep or the clock jumped: skip what is too old to be useful, say so, fire from the window on.
            std::size_t skipped = 0;
            const SysNanos firstSkipped = at;
            std::optional<SysNanos> n = at;
            while (n && (now - *n > kCatchUpWindow || (e.caughtUp >= kMaxCatchUp && *n < now)) && skipped < 10000000) {
                n = e.task.next(*n);
                ++skipped;
            }
            e.caughtUp = 0;
            if (e.task.notice)
                e.task.notice("skipped " + std::to_string(skipped) + " firing" + (skipped == 1 ? "" : "s") + " from " + formatRfc3339(firstSkipped)
                    + " missed while the system slept or its clock jumped");
            if (n)
                m_heap.push({*n, due.id});
            continue;
        }
        e.caughtUp = now - at > seconds {1} ? e.caughtUp + 1 : 0;
        e.task.fire(at);
        if (const auto n = e.task.next(at)) {
            m_heap.push({*n, due.id});
        } else {
            if (e.task.notice)
                e.task.notice("the schedule has no more firings");
            m_entries.erase(it);
        }
    }
}

} // namespace gs::calendar
