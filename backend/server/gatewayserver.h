#pragma once
// A running gRPC server for one gateway type: in-process for `gwctl run` and the app, or
// standalone for `gwctl serve` (a drop-in for the v0.10 gateway-server images).

#include <cstdint>
#include <memory>
#include <string>

#include "core/result.h"
#include "eventingservice.h"

namespace grpc {
class Server;
}

namespace gs {

class GatewayServer
{
public:
    /** Serves `type` on `host:port` (port 0 picks a free one). A port in use is an error, not a silent share. */
    [[nodiscard]] static Result<std::unique_ptr<GatewayServer>> start(
        std::shared_ptr<SourceType> type, const std::string &host, std::uint16_t port, StreamLimits limits = {});
    ~GatewayServer();

    [[nodiscard]] std::uint16_t port() const { return m_port; }
    /** Dial target, e.g. "127.0.0.1:9330". */
    [[nodiscard]] std::string target() const;
    [[nodiscard]] const std::string &typeName() const { return m_typeName; }

    /** Cancels the open streams (stopping their sources) and stops serving. */
    void shutdown();
    /** Blocks until the server has shut down (after shutdown() from another thread or a signal). */
    void wait();

private:
    GatewayServer() = default;

    std::unique_ptr<EventingService> m_service;
    std::unique_ptr<grpc::Server> m_server;
    std::string m_host;
    std::string m_typeName;
    std::uint16_t m_port = 0;
};

} // namespace gs
