#pragma once
// An HTTP receiver for tests that records every request and answers with programmed statuses.

#include <deque>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "http/server.h"

namespace gs::test {

class RecordingSink
{
public:
    /** Listens on 127.0.0.1 (`port` 0 picks one). */
    explicit RecordingSink(std::uint16_t port = 0);
    ~RecordingSink();

    /** The next answers, in order; afterwards every request gets `fallback` (default 200). */
    void script(std::vector<int> statuses, int fallback = 200);
    /** Answer with Connection: close (so every request needs a new connection). */
    void setCloseAfterEach(bool close);
    /** Stops listening (requests then fail to connect); restart() listens again on the same port. */
    void stop();
    bool restart();

    [[nodiscard]] std::uint16_t port() const { return m_port; }
    [[nodiscard]] std::string url(const std::string &path = "/") const;
    [[nodiscard]] std::vector<http::Request> requests() const;
    [[nodiscard]] std::size_t count() const;
    /** Requests answered 2xx. */
    [[nodiscard]] std::size_t accepted() const;
    /** Distinct client connections seen (by peer address:port). */
    [[nodiscard]] std::size_t connections() const;
    bool waitForCount(std::size_t n, std::chrono::milliseconds timeout = std::chrono::seconds(10)) const;

    struct State;

private:
    std::unique_ptr<http::IoPool> m_pool;
    std::shared_ptr<http::Listener> m_listener;
    std::shared_ptr<State> m_state;
    std::uint16_t m_port = 0;
};

} // namespace gs::test
