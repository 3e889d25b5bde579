#include "recordingsink.h"

#include <thread>

namespace gs::test {

struct RecordingSink::State {
    mutable std::mutex mutex;
    std::vector<http::Request> requests;
    std::set<std::string> peers;
    std::deque<int> script;
    int fallback = 200;
    bool closeAfterEach = false;
    std::size_t accepted = 0;
};

namespace {
class Handler : public http::Handler
{
public:
    explicit Handler(std::shared_ptr<RecordingSink::State> s)
        : m_state(std::move(s))
    {
    }
    http::HeadDecision onHead(const http::Request &) override
    {
        return http::HeadDecision::readBody(64 * 1024 * 1024, [s = m_state](http::Request &&req) {
            std::lock_guard lock(s->mutex);
            int status = s->fallback;
            if (!s->script.empty()) {
                status = s->script.front();
                s->script.pop_front();
            }
            s->peers.insert(req.remote);
            s->requests.push_back(std::move(req));
            if (status >= 200 && status < 300)
                ++s->accepted;
            auto r = http::Response::text(status, status == 200 ? "ok" : "scripted answer " + std::to_string(status));
            r.close = s->closeAfterEach;
            return r;
        });
    }

private:
    std::shared_ptr<RecordingSink::State> m_state;
};
} // namespace

RecordingSink::RecordingSink(std::uint16_t port)
    : m_pool(std::make_unique<http::IoPool>(1))
    , m_state(std::make_shared<State>())
{
    auto l = http::Listener::open(*m_pool, "127.0.0.1", port, std::make_shared<Handler>(m_state));
    if (l) {
        m_listener = *l;
        m_port = m_listener->port();
    }
}

RecordingSink::~RecordingSink()
{
    stop();
    m_pool.reset();
}

void RecordingSink::script(std::vector<int> statuses, int fallback)
{
    std::lock_guard lock(m_state->mutex);
    m_state->script.assign(statuses.begin(), statuses.end());
    m_state->fallback = fallback;
}

void RecordingSink::setCloseAfterEach(bool close)
{
    std::lock_guard lock(m_state->mutex);
    m_state->closeAfterEach = close;
}

void RecordingSink::stop()
{
    if (m_listener)
        m_listener->close();
    m_listener.reset();
}

bool RecordingSink::restart()
{
    auto l = http::Listener::open(*m_pool, "127.0.0.1", m_port, std::make_shared<Handler>(m_state));
    if (!l)
        return false;
    m_listener = *l;
    return true;
}

std::string RecordingSink::url(const std::string &path) const
{
    return "http://127.0.0.1:" + std::to_string(m_port) + path;
}

std::vector<http::Request> RecordingSink::requests() const
{
    std::lock_guard lock(m_state->mutex);
    return m_state->requests;
}

std::size_t RecordingSink::count() const
{
    std::lock_guard lock(m_state->mutex);
    return m_state->requests.size();
}

std::size_t RecordingSink::accepted() const
{
    std::lock_guard lock(m_state->mutex);
    return m_state->accepted;
}

std::size_t RecordingSink::connections() const
{
    std::lock_guard lock(m_state->mutex);
    return m_state->peers.size();
}

bool RecordingSink::waitForCount(std::size_t n, std::chrono::milliseconds timeout) const
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (count() < n) {
        if (std::chrono::steady_clock::now() > deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
}

} // namespace gs::test
