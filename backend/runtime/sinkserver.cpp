#include "sinkserver.h"

#include "core/logging.h"
#include "envelope/incoming.h"

namespace gs {

namespace {
class SinkHandler : public http::Handler
{
public:
    SinkHandler(SinkServer::OnEvent onEvent, std::uint64_t limit)
        : m_onEvent(std::move(onEvent))
        , m_limit(limit)
    {
    }
    http::HeadDecision onHead(const http::Request &head) override
    {
        if (head.method != "POST") {
            auto r = http::Response::text(405, "events are POSTed\n");
            r.headers.emplace_back("Allow", "POST");
            return http::HeadDecision::respond(std::move(r));
        }
        return http::HeadDecision::readBody(m_limit, [this](http::Request &&req) {
            auto ce = decodeHttpEvent(req.headers, req.body);
            if (!ce) {
                qCWarning(lcCli).noquote() << QString::fromStdString("rejected an event from " + req.remote + ": " + ce.error().text());
                return http::Response::text(400, ce.error().text() + "\n");
            }
            m_onEvent(*ce);
            return http::Response::text(200, "message successfully received\n");
        });
    }

private:
    SinkServer::OnEvent m_onEvent;
    std::uint64_t m_limit;
};
} // namespace

Result<std::unique_ptr<SinkServer>> SinkServer::start(
    const std::string &address, std::uint16_t port, OnEvent onEvent, std::uint64_t maxBodyBytes)
{
    std::unique_ptr<SinkServer> s(new SinkServer);
    s->m_address = address;
    s->m_pool = std::make_unique<http::IoPool>(1);
    auto listener = http::Listener::open(*s->m_pool, address, port, std::make_shared<SinkHandler>(std::move(onEvent), maxBodyBytes));
    if (!listener)
        return tl::unexpected(listener.error());
    s->m_listener = std::move(*listener);
    return s;
}

SinkServer::~SinkServer()
{
    if (m_listener)
        m_listener->close();
    m_listener.reset();
    m_pool.reset();
}

std::uint16_t SinkServer::port() const
{
    return m_listener->port();
}

std::string SinkServer::url() const
{
    std::string host = m_address == "0.0.0.0" ? std::string("127.0.0.1") : m_address;
    return "http://" + host + ":" + std::to_string(port()) + "/";
}

} // namespace gs
