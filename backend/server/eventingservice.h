#pragma once
// The gateways.Eventing gRPC service for one source type, on grpc++'s callback API.

#include <memory>

#include "eventing.grpc.pb.h"
#include "sources/sourcetype.h"

namespace gs {

/** Limits of one StartEventSource stream (decisions §1: bounded queue, one write in flight). */
struct StreamLimits {
    std::size_t maxQueuedEvents = 10000;
    std::size_t maxQueuedBytes = 64 * 1024 * 1024;
};

/** Metadata a client sends to negotiate the extension fields (decisions §1). */
inline constexpr char kExtensionMetadataKey[] = "gateway-studio-ext";

class EventingService final : public gateways::Eventing::CallbackService
{
public:
    explicit EventingService(std::shared_ptr<SourceType> type, StreamLimits limits = {});

    grpc::ServerUnaryReactor *ValidateEventSource(
        grpc::CallbackServerContext *ctx, const gateways::EventSource *request, gateways::ValidEventSource *response) override;
    grpc::ServerWriteReactor<gateways::Event> *StartEventSource(
        grpc::CallbackServerContext *ctx, const gateways::EventSource *request) override;

private:
    std::shared_ptr<SourceType> m_type;
    StreamLimits m_limits;
};

} // namespace gs
