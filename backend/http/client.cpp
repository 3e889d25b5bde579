#include "client.h"

#include "deadline.h"

#include <map>
#include <vector>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <fcntl.h>

namespace gs::http {

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;
using error_code = boost::system::error_code;

// Defined in server.cpp: the io_context behind an IoPool.
net::io_context &ioContextOf(IoPool &pool);

std::optional<Url> Url::parse(std::string_view text)
{
    Url u;
    const auto sep = text.find("://");
    if (sep == std::string_view::npos)
        return std::nullopt;
    u.scheme = std::string(text.substr(0, sep));
    if (u.scheme != "http" && u.scheme != "https")
        return std::nullopt;
    std::string_view rest = text.substr(sep + 3);
    const auto pathStart = rest.find_first_of("/?");
    std::string_view authority = rest.substr(0, pathStart);
    u.target = pathStart == std::string_view::npos ? std::string("/") : std::string(rest.substr(pathStart));
    if (!u.target.empty() && u.target.front() == '?')
        u.target.insert(0, 1, '/');
    if (const auto at = authority.rfind('@'); at != std::string_view::npos)
        authority = authority.substr(at + 1); // credentials in URLs are not sent
    if (!authority.empty() && authority.front() == '[') {
        const auto close = authority.find(']');
        if (close == std::string_view::npos)
            return std::nullopt;
        u.host = std::string(authority.substr(1, close - 1));
        authority = authority.substr(close + 1);
        if (!authority.empty() && authority.front() == ':')
            u.port = std::string(authority.substr(1));
    } else {
        const auto colon = authority.rfind(':');
        u.host = std::string(authority.substr(0, colon));
        if (colon != std::string_view::npos)
            u.port = std::string(authority.substr(colon + 1));
    }
    if (u.host.empty())
        return std::nullopt;
    if (u.port.empty())
        u.port = u.scheme == "https" ? "443" : "80";
    if (u.port.empty() || u.port.find_first_not_of("0123456789") != std::string::npos || u.port.size() > 5)
        return std::nullopt;
    if (const auto n = std::stoi(u.port); n < 1 || n > 65535)
        return std::nullopt;
    if (u.host.find_first_of(" \t\r\n/\\") != std::string::npos || u.target.find_first_of(" \t\r\n") != std::string::npos)
        return std::nullopt;
    return u;
}

std::string redactUrl(std::string_view text)
{
    std::string out(text);
    const auto sep = out.find("://");
    const auto authorityStart = sep == std::string::npos ? 0 : sep + 3;
    const auto authorityEnd = out.find_first_of("/?#", authorityStart);
    if (const auto at = out.rfind('@', authorityEnd == std::string::npos ? out.size() : authorityEnd);
        at != std::string::npos && at >= authorityStart)
        out.replace(authorityStart, at - authorityStart, "***");
    const auto q = out.find('?');
    if (q == std::string::npos)
        return out;
    std::string query = out.substr(q + 1);
    std::string masked;
    std::size_t i = 0;
    while (i <= query.size()) {
        auto amp = query.find('&', i);
        if (amp == std::string::npos)
            amp = query.size();
        const auto pair = query.substr(i, amp - i);
        const auto eq = pair.find('=');
        masked += eq == std::string::npos ? pair : pair.substr(0, eq + 1) + "***";
        if (amp < query.size())
            masked += '&';
        i = amp + 1;
    }
    return out.substr(0, q + 1) + masked;
}

std::string Url::hostHeader() const
{
    const bool defaultPort = (scheme == "http" && port == "80") || (scheme == "https" && port == "443");
    const std::string h = host.find(':') != std::string::npos ? "[" + host + "]" : host;
    return defaultPort ? h : h + ":" + port;
}

namespace {

/** One outstanding request. */
struct Job {
    Url url;
    std::string head; // request line and headers, serialised once
    std::string_view body;
    std::shared_ptr<const void> keepAlive;
    std::function<void(PostResult)> done;
    bool retried = false;
};

class Connection;

} // namespace

struct Client::Impl : std::enable_shared_from_this<Client::Impl> {
    Impl(net::io_context &io, ClientOptions o)
        : ioc(io)
        , options(std::move(o))
    {
    }
    net::io_context &ioc;
    ClientOptions options;
    std::unique_ptr<ssl::context> tls;
    std::map<std::string, std::vector<std::shared_ptr<Connection>>> idle; // by origin
    bool closing = false;

    ssl::context &tlsContext()
    {
        if (!tls) {
            tls = std::make_unique<ssl::context>(ssl::context::tls_client);
            tls->set_default_verify_paths();
            tls->set_verify_mode(ssl::verify_peer);
        }
        return *tls;
    }
    void run(std::shared_ptr<Job> job);
    void release(const std::shared_ptr<Connection> &c);
};

namespace {

/** A keep-alive connection to one origin, plain or TLS. Serves one request at a time. */
class Connection : public std::enable_shared_from_this<Connection>
{
public:
    Connection(std::weak_ptr<Client::Impl> owner, net::io_context &ioc, const Url &url, ssl::context *tls)
        : m_owner(std::move(owner))
        , m_resolver(net::make_strand(ioc))
        , m_origin(url.origin())
    {
        if (tls)
            m_tls.emplace(tcp::socket(m_resolver.get_executor()), *tls);
        else
            m_plain.emplace(m_resolver.get_executor());
    }

    [[nodiscard]] const std::string &origin() const { return m_origin; }
    [[nodiscard]] bool used() const { return m_used; }

    void send(std::shared_ptr<Job> job)
    {
        m_job = std::move(job);
        if (m_connected)
            return write();
        connect();
    }

    void close()
    {
        error_code ignored;
        socket().shutdown(tcp::socket::shutdown_both, ignored);
        socket().close(ignored);
        m_deadline.cancel();
        m_connected = false;
    }

private:
    tcp::socket &socket() { return m_tls ? m_tls->next_layer() : *m_plain; }

    void arm(std::chrono::milliseconds timeout)
    {
        m_deadline.arm(timeout, shared_from_this(), [this] {
            m_timedOut = true;
            error_code ignored;
            socket().close(ignored); // the pending operation fails with operation_aborted
        });
    }

    std::chrono::milliseconds option(std::chrono::milliseconds ClientOptions::*member)
    {
        if (auto o = m_owner.lock())
            return o->options.*member;
        return std::chrono::milliseconds(1000);
    }

    void connect()
    {
        auto self = shared_from_this();
        m_resolver.async_resolve(m_job->url.host, m_job->url.port, [self](error_code ec, tcp::resolver::results_type results) {
            if (ec)
                return self->fail("cannot resolve " + self->m_job->url.host + ": " + ec.message());
            self->arm(self->option(&ClientOptions::connectTimeout));
            net::async_connect(self->socket(), results, [self](error_code cec, const tcp::endpoint &) {
                if (cec)
                    return self->fail("cannot connect to " + self->m_origin + ": " + cec.message());
                auto &sock = self->socket();
                ::fcntl(sock.native_handle(), F_SETFD, ::fcntl(sock.native_handle(), F_GETFD) | FD_CLOEXEC);
                error_code ignored;
                sock.set_option(tcp::no_delay(true), ignored);
                if (!self->m_tls) {
                    self->m_connected = true;
                    return self->write();
                }
                const std::string &host = self->m_job->url.host;
                // SNI (SSL_set_tlsext_host_name is a macro with a C cast).
                SSL_ctrl(self->m_tls->native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                    const_cast<char *>(host.c_str()));
                self->m_tls->set_verify_callback(ssl::host_name_verification(host));
                self->m_tls->async_handshake(ssl::stream_base::client, [self](error_code hec) {
                    if (hec)
                        return self->fail("TLS handshake with " + self->m_origin + " failed: " + hec.message());
                    self->m_connected = true;
                    self->write();
                });
            });
        });
    }

    void write()
    {
        m_used = true;
        m_gotBytes = false;
        arm(option(&ClientOptions::requestTimeout));
        const std::array<net::const_buffer, 2> buffers {net::buffer(m_job->head), net::buffer(m_job->body.data(), m_job->body.size())};
        auto self = shared_from_this();
        auto onWritten = [self](error_code ec, std::size_t) {
            if (ec)
                return self->fail("sending to " + self->m_origin + " failed: " + ec.message());
            self->read();
        };
        if (m_tls)
            net::async_write(*m_tls, buffers, onWritten);
        else
            net::async_write(*m_plain, buffers, onWritten);
    }

    void read()
    {
        m_parser.emplace();
        if (auto o = m_owner.lock())
            m_parser->body_limit(o->options.maxResponseBytes);
        auto self = shared_from_this();
        auto onRead = [self](error_code ec, std::size_t n) {
            if (n > 0)
                self->m_gotBytes = true;
            if (ec)
                return self->fail("reading the answer from " + self->m_origin + " failed: " + ec.message());
            self->finish();
        };
        if (m_tls)
            bhttp::async_read(*m_tls, m_buffer, *m_parser, onRead);
        else
            bhttp::async_read(*m_plain, m_buffer, *m_parser, onRead);
    }

    void finish()
    {
        auto &res = m_parser->get();
        PostResult r;
        r.status = static_cast<int>(res.result_int());
        r.bodyHead = res.body().substr(0, 200);
        const bool keepAlive = res.keep_alive();
        auto job = std::move(m_job);
        auto owner = m_owner.lock();
        if (!keepAlive)
            close();
        if (owner && keepAlive)
            owner->release(shared_from_this());
        job->done(std::move(r));
    }

    void fail(std::string error)
    {
        if (m_timedOut)
            error = m_origin + " did not answer in time (" + (m_connected ? "request" : "connect") + " timeout)";
        m_timedOut = false;
        close();
        auto job = std::move(m_job);
        auto owner = m_owner.lock();
        // A reused keep-alive connection that the server had already closed: try once more on a
        // fresh one, as browsers do, unless part of an answer had arrived.
        if (owner && m_used && !m_gotBytes && !job->retried && m_reused) {
            job->retried = true;
            return owner->run(std::move(job));
        }
        PostResult r;
        r.error = error;
        job->done(std::move(r));
    }

public:
    bool m_reused = false;

private:
    std::weak_ptr<Client::Impl> m_owner;
    tcp::resolver m_resolver;
    std::string m_origin;
    std::optional<tcp::socket> m_plain;
    std::optional<beast::ssl_stream<tcp::socket>> m_tls;
    Deadline m_deadline{m_resolver.get_executor()};
    bool m_timedOut = false;
    beast::flat_buffer m_buffer;
    std::optional<bhttp::response_parser<bhttp::string_body>> m_parser;
    std::shared_ptr<Job> m_job;
    bool m_connected = false;
    bool m_used = false;
    bool m_gotBytes = false;
};

} // namespace

void Client::Impl::run(std::shared_ptr<Job> job)
{
    if (closing) {
        PostResult r;
        r.error = "the client is shutting down";
        return job->done(std::move(r));
    }
    const std::string origin = job->url.origin();
    auto &pool = idle[origin];
    std::shared_ptr<Connection> c;
    if (!pool.empty()) {
        c = std::move(pool.back());
        pool.pop_back();
        c->m_reused = true;
    } else {
        c = std::make_shared<Connection>(weak_from_this(), ioc, job->url, job->url.scheme == "https" ? &tlsContext() : nullptr);
    }
    c->send(std::move(job));
}

void Client::Impl::release(const std::shared_ptr<Connection> &c)
{
    if (closing) {
        c->close();
        return;
    }
    idle[c->origin()].push_back(c);
}

Client::Client(IoPool &pool, ClientOptions options)
    : m_impl(std::make_shared<Impl>(ioContextOf(pool), std::move(options)))
{
}

Client::~Client()
{
    m_impl->closing = true;
    for (auto &[_, conns] : m_impl->idle) {
        for (auto &c : conns)
            c->close();
    }
    m_impl->idle.clear();
}

void Client::post(const Url &url, const Headers &headers, std::string_view body, std::shared_ptr<const void> keepAlive,
    std::function<void(PostResult)> done)
{
    auto job = std::make_shared<Job>();
    job->url = url;
    std::string &h = job->head;
    h.reserve(256);
    h += "POST ";
    h += url.target;
    h += " HTTP/1.1\r\nHost: ";
    h += url.hostHeader();
    h += "\r\nUser-Agent: ";
    h += m_impl->options.userAgent;
    for (const auto &[k, v] : headers) {
        h += "\r\n";
        h += k;
        h += ": ";
        h += v;
    }
    h += "\r\nContent-Length: ";
    h += std::to_string(body.size());
    h += "\r\n\r\n";
    job->body = body;
    job->keepAlive = std::move(keepAlive);
    job->done = std::move(done);
    m_impl->run(std::move(job));
}

std::size_t Client::idleConnections() const
{
    std::size_t n = 0;
    for (const auto &[_, conns] : m_impl->idle)
        n += conns.size();
    return n;
}

void postTo(IoPool &pool, std::function<void()> fn)
{
    net::post(ioContextOf(pool), std::move(fn));
}

struct Timer::Impl {
    explicit Impl(net::io_context &ioc)
        : timer(ioc)
    {
    }
    net::steady_timer timer;
};

Timer::Timer(IoPool &pool)
    : m_impl(std::make_unique<Impl>(ioContextOf(pool)))
{
}

Timer::~Timer() = default;

void Timer::schedule(std::chrono::steady_clock::time_point when, std::function<void()> fn)
{
    m_impl->timer.expires_at(when);
    m_impl->timer.async_wait([fn = std::move(fn)](error_code ec) {
        if (!ec)
            fn();
    });
}

void Timer::cancel()
{
    m_impl->timer.cancel();
}

} // namespace gs::http
