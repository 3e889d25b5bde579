#pragma once
// An HTTP endpoint that receives events the way a sensor does (POST, any path) and hands each
// one on as a CloudEvent. Used by `gwctl sink`, the demo and the tests.

#include <functional>
#include <memory>
#include <string>

#include "core/result.h"
#include "envelope/cloudevent.h"
#include "http/server.h"

namespace gs {

class SinkServer
{
public:
    /** Called on an I/O thread for each accepted event. Must be thread-safe. */
    using OnEvent = std::function<void(const CloudEvent &)>;

    [[nodiscard]] static Result<std::unique_ptr<SinkServer>> start(
        const std::string &address, std::uint16_t port, OnEvent onEvent, std::uint64_t maxBodyBytes = 16 * 1024 * 1024);
    ~SinkServer();

    [[nodiscard]] std::uint16_t port() const;
    [[nodiscard]] std::string url() const;

private:
    SinkServer() = default;
    std::unique_ptr<http::IoPool> m_pool;
    std::shared_ptr<http::Listener> m_listener;
    std::string m_address;
};

} // namespace gs
