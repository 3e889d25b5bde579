#pragma once
// Internal to backend/http (includes Asio). A per-connection deadline: every operation moves it
// with arm(); one timer wakes only when the earliest deadline may have passed, so moving it costs a
// field write, not a timer re-arm per read or write.

#include <chrono>
#include <functional>
#include <memory>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

namespace gs::http {

class Deadline
{
public:
    using Clock = std::chrono::steady_clock;

    explicit Deadline(const boost::asio::any_io_executor &executor)
        : m_timer(executor)
    {
    }

    /**
     * From now on the connection must make progress within `timeout`, else `expired` runs (on the
     * timer's executor). `owner` is kept alive while the timer waits. Not thread-safe: call on the
     * connection's executor.
     */
    void arm(Clock::duration timeout, std::shared_ptr<void> owner, std::function<void()> expired)
    {
        m_deadline = Clock::now() + timeout;
        m_expired = std::move(expired);
        if (m_waiting && m_timer.expiry() <= m_deadline)
            return; // the pending wait wakes early enough and will see the new deadline
        wait(std::move(owner));
    }

    void cancel()
    {
        ++m_generation;
        m_waiting = false;
        m_timer.cancel();
    }

private:
    void wait(std::shared_ptr<void> owner)
    {
        const unsigned generation = ++m_generation;
        m_waiting = true;
        m_timer.expires_at(m_deadline);
        m_timer.async_wait([this, owner = std::move(owner), generation](const boost::system::error_code &ec) mutable {
            if (ec || generation != m_generation)
                return; // cancelled or superseded
            m_waiting = false;
            if (Clock::now() >= m_deadline) {
                if (m_expired)
                    m_expired();
                return;
            }
            wait(std::move(owner));
        });
    }

    boost::asio::steady_timer m_timer;
    Clock::time_point m_deadline{};
    std::function<void()> m_expired;
    unsigned m_generation = 0;
    bool m_waiting = false;
};

} // namespace gs::http
