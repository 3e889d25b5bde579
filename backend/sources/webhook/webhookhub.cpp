#include "webhookhub.h"

#include <condition_variable>
#include <map>
#include <shared_mutex>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "core/logging.h"
#include "http/server.h"
#include "spec/secretref.h"

namespace gs::webhook {

namespace {

struct Route {
    RouteSpec spec;
    std::shared_ptr<Emitter> emitter;
    std::vector<std::string> maskedHeaders; // lower-case
};

/** Routes of one port: path -> method -> route. Read on every request, written on add/remove. */
struct RouteTable {
    mutable std::shared_mutex mutex;
    std::map<std::string, std::map<std::string, std::shared_ptr<Route>>> routes;
};

std::string lower(std::string s)
{
    for (auto &c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string hmacSha256Hex(const std::string &key, const std::string &data)
{
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char *>(data.data()), data.size(), mac,
        &len);
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < len; ++i) {
        out.push_back(hex[mac[i] >> 4]);
        out.push_back(hex[mac[i] & 15]);
    }
    return out;
}

http::Response unauthorized(bool bearer)
{
    auto r = http::Response::text(401, "unauthorized\n");
    if (bearer)
        r.headers.emplace_back("WWW-Authenticate", "Bearer");
    return r;
}

/** What the app records about a request besides its body (decisions §5), secrets masked. */
MetaList requestMeta(const http::Request &req, const Route &route)
{
    MetaList meta;
    meta.reserve(req.headers.size() + 4);
    const std::string ct = req.header("Content-Type");
    if (!ct.empty())
        meta.emplace_back("content-type", ct);
    meta.emplace_back("http-method", req.method);
    meta.emplace_back("http-path", req.path);
    meta.emplace_back("http-query", req.query);
    for (const auto &[name, value] : req.headers) {
        const std::string key = lower(name);
        const bool masked = key == "authorization" || key == "proxy-authorization" || key == "cookie" || key == "set-cookie"
            || std::find(route.maskedHeaders.begin(), route.maskedHeaders.end(), key) != route.maskedHeaders.end();
        meta.emplace_back("http-header-" + key, masked ? std::string("********") : value);
    }
    return meta;
}

class PortHandler : public http::Handler
{
public:
    explicit PortHandler(std::shared_ptr<RouteTable> table)
        : m_table(std::move(table))
    {
    }

    http::HeadDecision onHead(const http::Request &head) override
    {
        std::shared_ptr<Route> route;
        {
            std::shared_lock lock(m_table->mutex);
            const auto byPath = m_table->routes.find(head.path);
            if (byPath == m_table->routes.end() || byPath->second.empty())
                return http::HeadDecision::respond(http::Response::text(404, "404 page not found\n"));
            const auto byMethod = byPath->second.find(head.method);
            if (byMethod == byPath->second.end()) {
                std::string allow;
                for (const auto &[m, _] : byPath->second)
                    allow += (allow.empty() ? "" : ", ") + m;
                auto r
                    = http::Response::text(405, "method " + head.method + " is not allowed on " + head.path + "; allowed: " + allow + "\n");
                r.headers.emplace_back("Allow", allow);
                return http::HeadDecision::respond(std::move(r));
            }
            route = byMethod->second;
        }
        const RouteSpec &spec = route->spec;
        if (!spec.bearerToken.empty()) {
            const std::string auth = head.header("Authorization");
            // The scheme is case-insensitive (RFC 9110 §11.1).
            if (auth.size() < 7 || !http::headerNameEquals(std::string_view(auth).substr(0, 7), "Bearer ")
                || !constantTimeEquals(std::string_view(auth).substr(7), spec.bearerToken))
                return http::HeadDecision::respond(unauthorized(true));
        }
        return http::HeadDecision::readBody(
            spec.config.maxBodySize, [route](http::Request &&req) { return accept(*route, std::move(req)); });
    }

private:
    static http::Response accept(const Route &route, http::Request &&req)
    {
        const RouteSpec &spec = route.spec;
        if (spec.config.hmac) {
            const std::string expected = spec.config.hmac->prefix + hmacSha256Hex(spec.hmacKey, req.body);
            if (!constantTimeEquals(req.header(spec.config.hmac->header), expected))
                return unauthorized(false);
        }
        SourceEvent event;
        if (route.emitter->wantsMeta())
            event.meta = requestMeta(req, route);
        event.payload = std::move(req.body);
        switch (route.emitter->emit(std::move(event))) {
        case EmitResult::Accepted:
            return http::Response::text(200, "request successfully processed");
        case EmitResult::Full: {
            auto r = http::Response::text(503, "the gateway is busy delivering earlier events; retry later\n");
            r.headers.emplace_back("Retry-After", "1");
            return r;
        }
        case EmitResult::Closed:
            break;
        }
        return http::Response::text(404, "404 page not found\n");
    }

    std::shared_ptr<RouteTable> m_table;
};

struct Port {
    std::shared_ptr<RouteTable> table;
    std::shared_ptr<http::Listener> listener;
    std::string certPath;
    std::string keyPath;
    std::size_t routeCount = 0;
};

} // namespace

struct Hub::Impl {
    SourceEnvironment env;
    http::IoPool pool; // declared before the ports: listeners close before the threads stop
    mutable std::mutex mutex;
    std::condition_variable removed; // a route went away
    std::map<std::uint16_t, Port> ports;

    explicit Impl(SourceEnvironment e)
        : env(std::move(e))
        , pool(env.ioThreads)
    {
    }
};

Hub::Hub(SourceEnvironment env)
    : m_impl(std::make_unique<Impl>(std::move(env)))
{
}

Hub::~Hub()
{
    std::map<std::uint16_t, Port> ports;
    {
        std::lock_guard lock(m_impl->mutex);
        ports.swap(m_impl->ports);
    }
    for (auto &[_, p] : ports)
        p.listener->close();
}

Result<void> Hub::add(RouteSpec spec, std::shared_ptr<Emitter> emitter)
{
    const Config &cfg = spec.config;
    const std::uint16_t portNo = cfg.portNumber;
    std::unique_lock lock(m_impl->mutex);
    // A client that replaces a source cancels the old stream and starts the new one at once; the
    // old route may still be on its way out. Give it a moment before calling it a conflict.
    auto conflicting = [&] {
        auto p = m_impl->ports.find(portNo);
        if (p == m_impl->ports.end())
            return false;
        if (p->second.certPath != cfg.serverCertPath || p->second.keyPath != cfg.serverKeyPath)
            return true;
        std::shared_lock tlock(p->second.table->mutex);
        auto byPath = p->second.table->routes.find(cfg.endpoint);
        return byPath != p->second.table->routes.end() && byPath->second.contains(cfg.method);
    };
    m_impl->removed.wait_for(lock, std::chrono::seconds(1), [&] { return !conflicting(); });
    auto it = m_impl->ports.find(portNo);
    if (it == m_impl->ports.end()) {
        Port port;
        port.table = std::make_shared<RouteTable>();
        auto listener = http::Listener::open(m_impl->pool, m_impl->env.bindAddress, portNo, std::make_shared<PortHandler>(port.table),
            http::TlsFiles {cfg.serverCertPath, cfg.serverKeyPath});
        if (!listener)
            return tl::unexpected(listener.error());
        port.listener = std::move(*listener);
        port.certPath = cfg.serverCertPath;
        port.keyPath = cfg.serverKeyPath;
        it = m_impl->ports.emplace(portNo, std::move(port)).first;
        qCInfo(lcWebhook) << "serving" << (it->second.listener->tls() ? "https" : "http") << "on"
                          << (m_impl->env.bindAddress + ":" + std::to_string(portNo)).c_str();
    } else if (it->second.certPath != cfg.serverCertPath || it->second.keyPath != cfg.serverKeyPath) {
        return fail("port " + cfg.port
            + " is already served with different TLS settings (serverCertPath/serverKeyPath must agree for all sources on one port)");
    }
    Port &port = it->second;
    auto route = std::make_shared<Route>();
    for (const auto &h : cfg.maskHeaders)
        route->maskedHeaders.push_back(lower(h));
    if (cfg.hmac)
        route->maskedHeaders.push_back(lower(cfg.hmac->header));
    route->emitter = std::move(emitter);
    route->spec = std::move(spec);
    {
        std::unique_lock tlock(port.table->mutex);
        auto &methods = port.table->routes[route->spec.config.endpoint];
        const auto existing = methods.find(route->spec.config.method);
        if (existing != methods.end())
            return fail(route->spec.config.method + " " + route->spec.config.endpoint + " on port " + route->spec.config.port
                + " is already served by event source '" + existing->second->spec.sourceName + "'");
        methods.emplace(route->spec.config.method, route);
    }
    ++port.routeCount;
    return {};
}

void Hub::remove(std::uint16_t portNo, const std::string &path, const std::string &method)
{
    {
        std::lock_guard lock(m_impl->mutex);
        auto it = m_impl->ports.find(portNo);
        if (it == m_impl->ports.end())
            return;
        Port &port = it->second;
        {
            std::unique_lock tlock(port.table->mutex);
            auto byPath = port.table->routes.find(path);
            if (byPath == port.table->routes.end() || byPath->second.erase(method) == 0)
                return;
            if (byPath->second.empty())
                port.table->routes.erase(byPath);
        }
        if (--port.routeCount == 0) {
            // Closed under the lock, so a route added right after finds the port free to bind.
            port.listener->close();
            m_impl->ports.erase(it);
            qCInfo(lcWebhook) << "closed port" << portNo << "(no routes left)";
        }
    }
    m_impl->removed.notify_all();
}

std::string Hub::baseUrl(std::uint16_t portNo) const
{
    std::lock_guard lock(m_impl->mutex);
    const auto it = m_impl->ports.find(portNo);
    const bool tls = it != m_impl->ports.end() && it->second.listener->tls();
    std::string host = m_impl->env.bindAddress;
    if (host == "0.0.0.0" || host == "::")
        host = "127.0.0.1";
    if (host.find(':') != std::string::npos)
        host = "[" + host + "]";
    return std::string(tls ? "https" : "http") + "://" + host + ":" + std::to_string(portNo);
}

} // namespace gs::webhook
