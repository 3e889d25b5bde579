#include "gatewayserver.h"

#include <cerrno>
#include <chrono>
#include <cstring>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <grpcpp/grpcpp.h>

#include "grpclogging.h"
#include "core/logging.h"

namespace gs {

namespace {
/** Why `host:port` cannot be bound, found by trying with a plain socket (gRPC does not say). */
std::string bindFailure(const std::string &host, std::uint16_t port)
{
    sockaddr_storage addr {};
    socklen_t len = 0;
    auto *v4 = reinterpret_cast<sockaddr_in *>(&addr);
    auto *v6 = reinterpret_cast<sockaddr_in6 *>(&addr);
    if (::inet_pton(AF_INET, host.c_str(), &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons(port);
        len = sizeof(sockaddr_in);
    } else if (::inet_pton(AF_INET6, host.c_str(), &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons(port);
        len = sizeof(sockaddr_in6);
    } else {
        return "'" + host + "' is not an IP address";
    }
    const int fd = ::socket(addr.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return std::strerror(errno);
    std::string why = "the gRPC server did not start";
    if (::bind(fd, reinterpret_cast<sockaddr *>(&addr), len) != 0)
        why = std::strerror(errno);
    ::close(fd);
    return why;
}
} // namespace

Result<std::unique_ptr<GatewayServer>> GatewayServer::start(
    std::shared_ptr<SourceType> type, const std::string &host, std::uint16_t port, StreamLimits limits)
{
    keepGrpcInitialized();
    std::unique_ptr<GatewayServer> s(new GatewayServer);
    s->m_typeName = type->name();
    s->m_host = host;
    s->m_service = std::make_unique<EventingService>(std::move(type), limits);
    const std::string bindHost = host.find(':') != std::string::npos ? "[" + host + "]" : host;
    const std::string address = bindHost + ":" + std::to_string(port);
    grpc::ServerBuilder builder;
    int selected = 0;
    builder.AddListeningPort(address, grpc::InsecureServerCredentials(), &selected);
    builder.RegisterService(s->m_service.get());
    // gRPC sets SO_REUSEPORT by default, which lets a second server bind a port in use without error.
    builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
    builder.SetMaxSendMessageSize(16 * 1024 * 1024);
    s->m_server = builder.BuildAndStart();
    if (!s->m_server || selected == 0)
        return fail("cannot listen for gRPC on " + address + ": " + bindFailure(host, port));
    s->m_port = static_cast<std::uint16_t>(selected);
    qCInfo(lcServer).noquote() << QString::fromStdString(s->m_typeName) << "gateway server listening on"
                               << QString::fromStdString(bindHost + ":" + std::to_string(s->m_port));
    return s;
}

GatewayServer::~GatewayServer()
{
    shutdown();
}

std::string GatewayServer::target() const
{
    std::string host = m_host;
    if (host == "0.0.0.0" || host.empty())
        host = "127.0.0.1";
    else if (host == "::")
        host = "[::1]";
    else if (host.find(':') != std::string::npos)
        host = "[" + host + "]";
    return host + ":" + std::to_string(m_port);
}

void GatewayServer::shutdown()
{
    if (!m_server)
        return;
    // Streams never end on their own: give them a moment, then cancel (which stops their sources).
    m_server->Shutdown(std::chrono::system_clock::now() + std::chrono::milliseconds(200));
    m_server->Wait();
    m_server.reset();
}

void GatewayServer::wait()
{
    if (m_server)
        m_server->Wait();
}

} // namespace gs
