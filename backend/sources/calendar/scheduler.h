#pragma once
// One timer thread for every calendar source of a server: a min-heap of due instants, waited on
// against the wall clock (CLOCK_REALTIME deadlines follow clock changes and system sleep), each
// next firing computed from the scheduled instant, never from the wake-up time (PC-08).

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <queue>
#include <string>
#include <thread>
#include <vector>

#include "core/timefmt.h"

namespace gs::calendar {

/** The scheduler's view of time; tests substitute a manual clock. */
class Clock
{
public:
    virtual ~Clock() = default;
    [[nodiscard]] virtual SysNanos now() const = 0;
    /** Blocks until `deadline` (wall clock) or a notification; spurious returns are fine. */
    virtual void waitUntil(std::unique_lock<std::mutex> &lock, std::condition_variable &cv, SysNanos deadline) = 0;
};

/** The real wall clock. */
[[nodiscard]] Clock &systemClock();

class Scheduler
{
public:
    struct Task {
        /** The firing after a scheduled instant, or nullopt when there is none. */
        std::function<std::optional<SysNanos>(SysNanos)> next;
        /** Called on the scheduler thread with the scheduled instant. Must not block. */
        std::function<void(SysNanos)> fire;
        /** Low-rate notices: skipped firings, the end of a schedule. */
        std::function<void(const std::string &)> notice;
    };

    /** Firings later than this after their instant (clock jump, sleep) are skipped, not caught up. */
    static constexpr std::chrono::hours kCatchUpWindow {3};
    /** At most this many missed firings of one task are caught up after a wake-up. */
    static constexpr int kMaxCatchUp = 100;

    explicit Scheduler(Clock &clock = systemClock());
    ~Scheduler();
    Scheduler(const Scheduler &) = delete;
    Scheduler &operator=(const Scheduler &) = delete;

    /** Schedules `task` with its first firing at `first`; returns its id. */
    std::uint64_t add(Task task, SysNanos first);
    /** After this returns, the task's callbacks are never called again. */
    void remove(std::uint64_t id);
    [[nodiscard]] std::size_t size() const;

private:
    void loop();

    struct Due {
        SysNanos at;
        std::uint64_t id;
        bool operator>(const Due &o) const { return at > o.at || (at == o.at && id > o.id); }
    };
    struct Entry {
        Task task;
        int caughtUp = 0; // consecutive late firings
    };

    Clock &m_clock;
    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    std::priority_queue<Due, std::vector<Due>, std::greater<>> m_heap;
    std::map<std::uint64_t, Entry> m_entries;
    std::uint64_t m_nextId = 1;
    bool m_stop = false;
    std::thread m_thread;
};

} // namespace gs::calendar
