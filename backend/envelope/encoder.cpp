#include "encoder.h"

#include "argo.h"
#include "httpbinding.h"

namespace gs {

Result<EncodedEvent> encodeEvent(const Event &event, EnvelopeKind kind)
{
    EncodedEvent out;
    if (kind == EnvelopeKind::Argo) {
        out.cloudEvent = toCloudEvent(event, argo::eventId(event));
        out.headers.emplace_back("Content-Type", "application/json");
        out.body = argo::encode(event);
        return out;
    }
    out.cloudEvent = toCloudEvent(event);
    auto message = kind == EnvelopeKind::CloudEventsBinary ? cehttp::toBinary(out.cloudEvent) : cehttp::toStructured(out.cloudEvent);
    if (!message)
        return tl::unexpected(message.error());
    out.headers = std::move(message->headers);
    out.body = std::move(message->body);
    return out;
}

} // namespace gs
