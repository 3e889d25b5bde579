#pragma once
// A small HTTP/1.1 server (Boost.Beast underneath): keep-alive, pipelining, TLS, strict limits.
// Bodies are read only after the handler has seen the head and set a size limit, so an oversize
// body is refused with 413 without being buffered, and malformed HTTP gets 400.

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "core/result.h"
#include "message.h"

namespace gs::http {

/** A pool of I/O threads shared by listeners. Stops and joins on destruction. */
class IoPool
{
public:
    /** `name` names the threads (at most 15 characters), as tools like top show them. */
    explicit IoPool(int threads = 2, const char *name = "gs-http");
    ~IoPool();
    IoPool(const IoPool &) = delete;
    /** Stops the threads (pending handlers are dropped); the context stays alive until destruction. */
    void stop();
    IoPool &operator=(const IoPool &) = delete;

    struct Impl;
    [[nodiscard]] Impl &impl() { return *m_impl; }

private:
    std::unique_ptr<Impl> m_impl;
};

struct TlsFiles {
    std::string certPath;
    std::string keyPath;
    [[nodiscard]] bool enabled() const { return !certPath.empty() && !keyPath.empty(); }
};

struct Limits {
    std::uint32_t maxHeaderBytes = 16 * 1024;
    std::chrono::seconds readTimeout {30}; ///< per read of a head or a body, and TLS handshakes
    std::chrono::seconds idleTimeout {60}; ///< between keep-alive requests
    std::size_t maxConnections = 4096;
    std::size_t maxConnectionsPerClient = 1024; ///< per peer IP address, so one client cannot take them all
    /**
     * Request bodies held at once, over all connections (each counted at its Content-Length, or at
     * its body limit when chunked). Past it a request gets 503 with Retry-After: per-request limits
     * alone would let a thousand connections each hold 16 MiB.
     */
    std::uint64_t maxBodyBytesInFlight = std::uint64_t(256) << 20;
};

/** Listens on one address and port until closed. */
class Listener
{
public:
    /**
     * Binds and starts accepting. `port` 0 picks a free port. Errors read like
     * "listen tcp 127.0.0.1:12000: address already in use".
     */
    [[nodiscard]] static Result<std::shared_ptr<Listener>> open(IoPool &pool, const std::string &address, std::uint16_t port,
        std::shared_ptr<Handler> handler, const TlsFiles &tls = {}, const Limits &limits = {});
    ~Listener();

    [[nodiscard]] std::uint16_t port() const;
    [[nodiscard]] bool tls() const;
    /** Stops accepting and closes open connections; the port is free when this returns. */
    void close();

    struct Impl;

private:
    explicit Listener(std::shared_ptr<Impl> impl);
    std::shared_ptr<Impl> m_impl;
};

/** Finds a free TCP port on `address` (bind to 0, read, release). Racy by nature; for demos and tests. */
[[nodiscard]] Result<std::uint16_t> freePort(const std::string &address = "127.0.0.1");

/** Standard reason phrase for a status code. */
[[nodiscard]] std::string_view reasonPhrase(int status);

} // namespace gs::http
