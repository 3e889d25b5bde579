#pragma once
// A small HTTP/1.1 client (Boost.Beast underneath) for delivering events: keep-alive connection
// reuse per origin, TLS with certificate and host-name verification, connect and request timeouts.

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "message.h"
#include "server.h"

namespace gs::http {

/** An http:// or https:// URL split for requests. */
struct Url {
    std::string scheme; ///< "http" or "https"
    std::string host; ///< without brackets for IPv6
    std::string port;
    std::string target; ///< path and query, at least "/"

    /** nullopt unless `text` is an absolute http(s) URL with a host and a port in 1..65535. User
     *  info ("user:pass@") is dropped: it is never sent. */
    [[nodiscard]] static std::optional<Url> parse(std::string_view text);
    [[nodiscard]] std::string origin() const { return scheme + "://" + host + ":" + port; }
    /** The Host header value. */
    [[nodiscard]] std::string hostHeader() const;
};

/** `text` fit for logs and screens: user info and query values replaced by "***". */
[[nodiscard]] std::string redactUrl(std::string_view text);

struct ClientOptions {
    std::chrono::milliseconds connectTimeout {5000};
    std::chrono::milliseconds requestTimeout {20000};
    std::string userAgent = "gateway-studio";
    std::size_t maxResponseBytes = 8 * 1024 * 1024;
};

struct PostResult {
    int status = 0; ///< 0 when no answer arrived
    std::string error; ///< transport error, empty when an answer arrived
    std::string bodyHead; ///< the first bytes of the answer, for messages
};

/**
 * Runs on an IoPool with exactly one thread: post() must be called on that thread (or before it
 * runs anything else) and every callback runs there too, so the client needs no locks.
 */
class Client
{
public:
    Client(IoPool &pool, ClientOptions options = {});
    ~Client();
    Client(const Client &) = delete;
    Client &operator=(const Client &) = delete;

    /** POSTs `body` to `url`. `keepAlive` owns the body's bytes until `done` has run. */
    void post(const Url &url, const Headers &headers, std::string_view body, std::shared_ptr<const void> keepAlive,
        std::function<void(PostResult)> done);

    /** Idle keep-alive connections currently held (for tests). */
    [[nodiscard]] std::size_t idleConnections() const;

    struct Impl;

private:
    std::shared_ptr<Impl> m_impl;
};

/** Runs `fn` on one of the pool's threads. Thread-safe. */
void postTo(IoPool &pool, std::function<void()> fn);

/** A one-shot timer on an IoPool: schedule() replaces what was scheduled. Use on the pool's thread. */
class Timer
{
public:
    explicit Timer(IoPool &pool);
    ~Timer();
    void schedule(std::chrono::steady_clock::time_point when, std::function<void()> fn);
    void cancel();

    struct Impl;

private:
    std::unique_ptr<Impl> m_impl;
};

} // namespace gs::http
