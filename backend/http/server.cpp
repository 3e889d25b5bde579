#include "server.h"

#include <atomic>
#include <limits>
#include <future>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include <fcntl.h>
#include <pthread.h>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include "core/logging.h"
#include "deadline.h"

namespace gs::http {

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;
using error_code = boost::system::error_code;

struct IoPool::Impl {
    net::io_context ioc;
    net::executor_work_guard<net::io_context::executor_type> work {ioc.get_executor()};
    std::vector<std::thread> threads;
};

IoPool::IoPool(int threads, const char *name)
    : m_impl(std::make_unique<Impl>())
{
    for (int i = 0; i < std::max(1, threads); ++i)
        m_impl->threads.emplace_back([this, name] {
            pthread_setname_np(pthread_self(), name);
            // A handler that throws must not take the process down; the operation it belonged to is
            // gone (its connection closes as its session is released) and the pool carries on.
            for (;;) {
                try {
                    m_impl->ioc.run();
                    return;
                } catch (const std::exception &e) {
                    qCWarning(lcHttp) << "I/O handler failed:" << e.what();
                }
            }
        });
}

IoPool::~IoPool()
{
    stop();
}

void IoPool::stop()
{
    m_impl->work.reset();
    m_impl->ioc.stop();
    for (auto &t : m_impl->threads) {
        if (t.joinable())
            t.join();
    }
}

net::io_context &ioContextOf(IoPool &pool)
{
    return pool.impl().ioc;
}

std::string_view reasonPhrase(int status)
{
    return bhttp::obsolete_reason(static_cast<bhttp::status>(status));
}

namespace {

/** Asio does not set close-on-exec: without it a child process (a test, a spawned tool) would
 *  inherit the socket and keep the port bound after we close it. */
void closeOnExec(int fd)
{
    ::fcntl(fd, F_SETFD, ::fcntl(fd, F_GETFD) | FD_CLOEXEC);
}

class SessionBase
{
public:
    virtual ~SessionBase() = default;
    /** Closes the connection; safe from any thread. */
    virtual void shutdown() = 0;
};

} // namespace

struct Listener::Impl : std::enable_shared_from_this<Listener::Impl> {
    Impl(net::io_context &io, std::shared_ptr<Handler> h, Limits l)
        : ioc(io)
        , acceptor(net::make_strand(io))
        , handler(std::move(h))
        , limits(l)
    {
    }

    net::io_context &ioc;
    tcp::acceptor acceptor;
    std::shared_ptr<Handler> handler;
    std::shared_ptr<ssl::context> tls;
    Limits limits;
    std::uint16_t port = 0;
    std::atomic<bool> closed {false};
    std::atomic<std::size_t> active {0};
    std::atomic<std::uint64_t> bodyBytes {0}; ///< reserved by connections reading or holding a body
    std::mutex mutex;
    std::vector<std::weak_ptr<SessionBase>> sessions;
    std::unordered_map<std::string, std::size_t> perClient; ///< open connections by peer address

    void accept();
    void refuse(tcp::socket socket);
    /** Counts a connection from `address`; false when that peer already holds its share. */
    bool admit(const std::string &address)
    {
        std::lock_guard lock(mutex);
        auto &n = perClient[address];
        if (n >= limits.maxConnectionsPerClient)
            return false;
        ++n;
        return true;
    }
    void release(const std::string &address)
    {
        std::lock_guard lock(mutex);
        if (auto it = perClient.find(address); it != perClient.end() && --it->second == 0)
            perClient.erase(it);
    }
    void onAccept(error_code ec, tcp::socket socket);
    void track(const std::shared_ptr<SessionBase> &s)
    {
        std::lock_guard lock(mutex);
        // Drop expired entries now and then so the list stays as long as the open connections.
        if (sessions.size() > 64 && sessions.size() % 64 == 0)
            std::erase_if(sessions, [](const auto &w) { return w.expired(); });
        sessions.push_back(s);
    }
};

namespace {

template<class Stream>
class Session : public SessionBase, public std::enable_shared_from_this<Session<Stream>>
{
public:
    Session(Stream stream, std::shared_ptr<Listener::Impl> listener, std::string address, std::string remote)
        : m_stream(std::move(stream))
        , m_deadline(m_stream.get_executor())
        , m_listener(std::move(listener))
        , m_address(std::move(address))
        , m_remote(std::move(remote))
        , m_buffer(bufferLimit(m_listener->limits))
    {
        ++m_listener->active;
    }
    ~Session() override
    {
        releaseBody();
        m_listener->release(m_address);
        --m_listener->active;
    }

    void start()
    {
        if constexpr (kTls) {
            arm(m_listener->limits.readTimeout);
            m_stream.async_handshake(ssl::stream_base::server, [self = this->shared_from_this()](error_code ec) {
                if (ec) {
                    qCDebug(lcHttp) << "TLS handshake failed:" << ec.message().c_str();
                    return self->closeNow();
                }
                self->readHead();
            });
        } else {
            net::dispatch(m_stream.get_executor(), [self = this->shared_from_this()] { self->readHead(); });
        }
    }

    void shutdown() override
    {
        net::post(m_stream.get_executor(), [self = this->shared_from_this()] { self->closeNow(); });
    }

private:
    static constexpr bool kTls = !std::is_same_v<Stream, tcp::socket>;
    using Parser = bhttp::request_parser<bhttp::string_body>;

    /** Bounds what the parser may hold unparsed: a head, a chunk header or chunked trailers. Kept
     *  below 64 KiB because Beast throws on a single field longer than that. */
    static std::size_t bufferLimit(const Limits &l) { return std::min<std::size_t>(l.maxHeaderBytes + 8192, 60 * 1024); }

    tcp::socket &socket()
    {
        if constexpr (kTls)
            return m_stream.next_layer();
        else
            return m_stream;
    }

    /** Every read and write must finish within `timeout`, else the connection is closed. */
    void arm(std::chrono::steady_clock::duration timeout)
    {
        m_deadline.arm(timeout, this->shared_from_this(), [this] { closeNow(); });
    }

    void readHead()
    {
        if (m_listener->closed)
            return closeNow();
        m_parser.emplace();
        m_parser->header_limit(m_listener->limits.maxHeaderBytes);
        // The handler sets the real limit once it has seen the head. (Not boost::none: Beast 1.74
        // compares the content length against an empty optional and reports body_limit.)
        m_parser->body_limit(std::numeric_limits<std::uint64_t>::max());
        arm(m_requests == 0 ? m_listener->limits.readTimeout : m_listener->limits.idleTimeout);
        bhttp::async_read_header(
            m_stream, m_buffer, *m_parser, [self = this->shared_from_this()](error_code ec, std::size_t) { self->onHead(ec); });
    }

    void onHead(error_code ec)
    {
        if (ec) {
            if (ec == bhttp::error::end_of_stream || ec == net::error::eof || ec == net::error::operation_aborted
                || ec == beast::error::timeout || ec == net::error::connection_reset)
                return closeNow();
            if (ec == bhttp::error::header_limit || ec == bhttp::error::buffer_overflow)
                return respond(Response::text(431, "request header fields too large\n"), true);
            return respond(Response::text(400, "malformed HTTP request: " + ec.message() + "\n"), true);
        }
        ++m_requests;
        const auto &msg = m_parser->get();
        m_isHead = msg.method() == bhttp::verb::head;
        if (auto refusal = checkFraming(msg))
            return respond(std::move(*refusal), true);
        // RFC 9112 §3.2: an HTTP/1.1 request without exactly one Host header is answered 400.
        if (msg.version() >= 11 && msg.count(bhttp::field::host) != 1)
            return respond(Response::text(400, "missing required Host header\n"), true);
        Request head;
        head.method = std::string(msg.method_string());
        head.target = std::string(msg.target());
        auto target = parseTarget(head.target);
        if (!target)
            return respond(Response::text(400, "malformed request target\n"), true);
        head.path = std::move(target->path);
        head.query = std::move(target->query);
        // Like Go's ServeMux: a path with "//", "." or ".." elements is redirected to its clean form.
        if (const auto clean = cleanPath(head.path); clean != head.path && msg.method() != bhttp::verb::connect) {
            Response r = Response::text(301, "");
            r.headers.emplace_back("Location", escapePath(clean) + (head.query.empty() ? "" : "?" + head.query));
            return respond(std::move(r), !m_parser->is_done() || !msg.keep_alive());
        }
        for (const auto &field : msg)
            head.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
        head.remote = m_remote;
        m_keepAlive = msg.keep_alive();

        try {
            m_decision = m_listener->handler->onHead(head);
        } catch (const std::exception &e) {
            qCWarning(lcHttp) << "handler failed:" << e.what();
            return respond(Response::text(500, "internal error\n"), true);
        }
        if (m_decision.respondNow) {
            // The body, if any, is left unread: the connection cannot be reused.
            const bool close = !m_parser->is_done() || m_decision.respondNow->close || !m_keepAlive;
            return respond(std::move(*m_decision.respondNow), close);
        }
        const auto cl = m_parser->content_length();
        if (cl && *cl > m_decision.bodyLimit)
            return respond(tooLarge(), true);
        if (!m_parser->is_done() && !reserveBody(cl ? *cl : m_decision.bodyLimit)) {
            auto busy = Response::text(503, "too many request bodies in progress; retry later\n");
            busy.headers.emplace_back("Retry-After", "1");
            return respond(std::move(busy), true);
        }
        m_head = std::move(head);
        if (m_parser->is_done())
            return onBody({});
        m_parser->body_limit(m_decision.bodyLimit);
        if (msg.version() >= 11 && bhttp::token_list {msg[bhttp::field::expect]}.exists("100-continue")) {
            auto cont = std::make_shared<bhttp::response<bhttp::empty_body>>(bhttp::status::continue_, 11);
            bhttp::async_write(m_stream, *cont, [self = this->shared_from_this(), cont](error_code wec, std::size_t) {
                if (wec)
                    return self->closeNow();
                self->readBody();
            });
            return;
        }
        readBody();
    }

    /** Transfer codings we can read are exactly "chunked" on HTTP/1.1 (RFC 9112 §6.1); anything else
     *  would be read as an unframed body or stall until the peer closes. */
    std::optional<Response> checkFraming(const bhttp::request<bhttp::string_body> &msg) const
    {
        const auto te = msg.find(bhttp::field::transfer_encoding);
        if (te == msg.end())
            return std::nullopt;
        if (msg.version() < 11)
            return Response::text(400, "Transfer-Encoding is not allowed in an HTTP/1.0 request\n");
        std::size_t codings = 0;
        bool chunkedOnly = true;
        for (const auto &field : msg) {
            if (field.name() != bhttp::field::transfer_encoding)
                continue;
            for (const auto &token : bhttp::token_list {field.value()}) {
                ++codings;
                chunkedOnly = chunkedOnly && beast::iequals(token, "chunked");
            }
        }
        if (codings != 1 || !chunkedOnly)
            return Response::text(501, "unsupported Transfer-Encoding; only \"chunked\" is accepted\n");
        return std::nullopt;
    }

    void readBody()
    {
        arm(m_listener->limits.readTimeout);
        bhttp::async_read(
            m_stream, m_buffer, *m_parser, [self = this->shared_from_this()](error_code ec, std::size_t) { self->onBody(ec); });
    }

    Response tooLarge() const
    {
        return Response::text(413, "request body larger than " + std::to_string(m_decision.bodyLimit) + " bytes\n");
    }

    void onBody(error_code ec)
    {
        if (ec) {
            if (ec == bhttp::error::body_limit)
                return respond(tooLarge(), true);
            if (ec == beast::error::timeout || ec == net::error::eof || ec == bhttp::error::end_of_stream
                || ec == net::error::operation_aborted || ec == net::error::connection_reset || ec == bhttp::error::partial_message)
                return closeNow();
            return respond(Response::text(400, "malformed HTTP request body: " + ec.message() + "\n"), true);
        }
        m_head.body = std::move(m_parser->get().body());
        Response r;
        try {
            r = m_decision.onBody(std::move(m_head));
        } catch (const std::exception &e) {
            qCWarning(lcHttp) << "handler failed:" << e.what();
            r = Response::text(500, "internal error\n");
        }
        releaseBody(); // the handler has taken (or dropped) the body
        const bool close = r.close || !m_keepAlive;
        respond(std::move(r), close);
    }

    /** Reserves `n` bytes of the listener's body budget; one body always fits when none is held. */
    bool reserveBody(std::uint64_t n)
    {
        std::uint64_t held = m_listener->bodyBytes.load();
        do {
            if (held > 0 && held + n > m_listener->limits.maxBodyBytesInFlight)
                return false;
        } while (!m_listener->bodyBytes.compare_exchange_weak(held, held + n));
        m_reserved = n;
        return true;
    }
    void releaseBody()
    {
        m_listener->bodyBytes -= std::exchange(m_reserved, 0);
    }

    void respond(Response r, bool close)
    {
        m_closeAfterWrite = close;
        m_response = {};
        m_response.version(11);
        m_response.result(static_cast<unsigned>(r.status));
        for (auto &[k, v] : r.headers)
            m_response.insert(k, v);
        m_response.body() = std::move(r.body);
        m_response.keep_alive(!close);
        m_response.prepare_payload();
        if (m_isHead) // a HEAD answer announces the length of the body it leaves out
            m_response.body().clear();
        arm(m_listener->limits.readTimeout);
        bhttp::async_write(m_stream, m_response, [self = this->shared_from_this()](error_code ec, std::size_t) {
            if (ec)
                return self->closeNow();
            if (self->m_closeAfterWrite)
                return self->lingeringClose();
            self->readHead();
        });
    }

    /** Half-close, then discard what the client still sends for a moment, so it reads our answer
     *  (a 413) instead of a connection reset. Bounded in time and bytes. */
    void lingeringClose()
    {
        error_code ignored;
        socket().shutdown(tcp::socket::shutdown_send, ignored);
        m_lingerBudget = 4 * 1024 * 1024;
        arm(std::chrono::seconds(2));
        drain();
    }

    void drain()
    {
        socket().async_read_some(net::buffer(m_drainBuffer),
            net::bind_executor(m_stream.get_executor(), [self = this->shared_from_this()](error_code ec, std::size_t n) {
                if (ec || n >= self->m_lingerBudget)
                    return self->closeNow();
                self->m_lingerBudget -= n;
                self->drain();
            }));
    }

    void closeNow()
    {
        error_code ignored;
        auto &sock = socket();
        sock.shutdown(tcp::socket::shutdown_both, ignored);
        sock.close(ignored);
        m_deadline.cancel(); // releases the session now rather than at the deadline
    }

    Stream m_stream;
    Deadline m_deadline;
    std::shared_ptr<Listener::Impl> m_listener;
    std::string m_address;
    std::string m_remote;
    beast::flat_buffer m_buffer;
    std::optional<Parser> m_parser;
    HeadDecision m_decision;
    Request m_head;
    bhttp::response<bhttp::string_body> m_response;
    bool m_keepAlive = true;
    bool m_isHead = false;
    bool m_closeAfterWrite = false;
    std::size_t m_requests = 0;
    std::size_t m_lingerBudget = 0;
    std::uint64_t m_reserved = 0; ///< of the listener's body budget
    std::array<char, 16384> m_drainBuffer {};
};

} // namespace

void Listener::Impl::accept()
{
    acceptor.async_accept(
        net::make_strand(ioc), [self = shared_from_this()](error_code ec, tcp::socket socket) { self->onAccept(ec, std::move(socket)); });
}

void Listener::Impl::onAccept(error_code ec, tcp::socket socket)
{
    if (closed || ec == net::error::operation_aborted)
        return;
    if (ec) {
        qCWarning(lcHttp) << "accept on port" << port << "failed:" << ec.message().c_str();
        // Out of file descriptors and the like: back off briefly instead of spinning.
        auto timer = std::make_shared<net::steady_timer>(acceptor.get_executor(), std::chrono::milliseconds(100));
        timer->async_wait([self = shared_from_this(), timer](error_code) { self->accept(); });
        return;
    }
    closeOnExec(socket.native_handle());
    error_code rec;
    const auto ep = socket.remote_endpoint(rec);
    const std::string address = rec ? std::string() : ep.address().to_string();
    const std::string remote = rec ? std::string() : address + ":" + std::to_string(ep.port());
    if (active >= limits.maxConnections || !admit(address)) {
        refuse(std::move(socket));
        return accept();
    }
    socket.set_option(tcp::no_delay(true), rec);
    if (tls) {
        auto s = std::make_shared<Session<beast::ssl_stream<tcp::socket>>>(beast::ssl_stream<tcp::socket>(std::move(socket), *tls),
                                                                           shared_from_this(), address, remote);
        track(s);
        s->start();
    } else {
        auto s = std::make_shared<Session<tcp::socket>>(std::move(socket), shared_from_this(), address, remote);
        track(s);
        s->start();
    }
    accept();
}

/** Over the connection limits: a plain-text 503 for an HTTP client rather than a silent reset (a TLS
 *  client sees the connection close), then close. */
void Listener::Impl::refuse(tcp::socket socket)
{
    static const std::string kBusy = "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nConnection: close\r\n"
                                     "Content-Type: text/plain; charset=utf-8\r\nContent-Length: 25\r\n\r\ntoo many open connections";
    auto sock = std::make_shared<tcp::socket>(std::move(socket));
    if (tls) {
        error_code ignored;
        sock->close(ignored);
        return;
    }
    net::async_write(*sock, net::buffer(kBusy), [sock](error_code, std::size_t) {
        error_code ignored;
        sock->shutdown(tcp::socket::shutdown_both, ignored);
        sock->close(ignored);
    });
}

Listener::Listener(std::shared_ptr<Impl> impl)
    : m_impl(std::move(impl))
{
}

Listener::~Listener()
{
    close();
}

Result<std::shared_ptr<Listener>> Listener::open(IoPool &pool, const std::string &address, std::uint16_t port,
    std::shared_ptr<Handler> handler, const TlsFiles &tlsFiles, const Limits &limits)
{
    const std::string where = "listen tcp " + address + ":" + std::to_string(port);
    error_code ec;
    const auto addr = net::ip::make_address(address, ec);
    if (ec)
        return fail("'" + address + "' is not an IP address", where);
    auto impl = std::make_shared<Impl>(pool.impl().ioc, std::move(handler), limits);
    if (tlsFiles.enabled()) {
        auto ctx = std::make_shared<ssl::context>(ssl::context::tls_server);
        ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 | ssl::context::no_tlsv1
            | ssl::context::no_tlsv1_1);
        ctx->use_certificate_chain_file(tlsFiles.certPath, ec);
        if (ec)
            return fail("cannot load TLS certificate " + tlsFiles.certPath + ": " + ec.message(), where);
        ctx->use_private_key_file(tlsFiles.keyPath, ssl::context::pem, ec);
        if (ec)
            return fail("cannot load TLS key " + tlsFiles.keyPath + ": " + ec.message(), where);
        impl->tls = std::move(ctx);
    }
    const tcp::endpoint ep(addr, port);
    auto &acc = impl->acceptor;
    acc.open(ep.protocol(), ec);
    if (!ec) {
        closeOnExec(acc.native_handle());
        acc.set_option(net::socket_base::reuse_address(true), ec);
    }
    if (!ec)
        acc.bind(ep, ec);
    if (!ec)
        acc.listen(net::socket_base::max_listen_connections, ec);
    if (ec)
        return fail(ec == net::error::address_in_use ? std::string("address already in use") : ec.message(), where);
    impl->port = acc.local_endpoint().port();
    impl->accept();
    return std::shared_ptr<Listener>(new Listener(std::move(impl)));
}

std::uint16_t Listener::port() const
{
    return m_impl->port;
}

bool Listener::tls() const
{
    return m_impl->tls != nullptr;
}

void Listener::close()
{
    if (!m_impl || m_impl->closed.exchange(true))
        return;
    // The acceptor lives on its strand: close it there and wait, so the port is free on return.
    auto done = std::make_shared<std::promise<void>>();
    auto finished = done->get_future();
    net::post(m_impl->acceptor.get_executor(), [impl = m_impl, done] {
        error_code ignored;
        impl->acceptor.close(ignored);
        done->set_value();
    });
    if (finished.wait_for(std::chrono::seconds(5)) != std::future_status::ready)
        qCWarning(lcHttp) << "closing the listener on port" << m_impl->port << "timed out";
    std::vector<std::weak_ptr<SessionBase>> sessions;
    {
        std::lock_guard lock(m_impl->mutex);
        sessions.swap(m_impl->sessions);
    }
    for (auto &w : sessions) {
        if (auto s = w.lock())
            s->shutdown();
    }
}

Result<std::uint16_t> freePort(const std::string &address)
{
    net::io_context ioc;
    error_code ec;
    tcp::acceptor acc(ioc);
    const tcp::endpoint ep(net::ip::make_address(address, ec), 0);
    if (ec)
        return fail("'" + address + "' is not an IP address");
    acc.open(ep.protocol(), ec);
    if (!ec)
        acc.bind(ep, ec);
    if (ec)
        return fail("cannot find a free port on " + address + ": " + ec.message());
    return acc.local_endpoint().port();
}

} // namespace gs::http
