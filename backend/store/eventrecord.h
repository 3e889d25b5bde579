#pragma once
// The values the app's live view is fed with: one accepted event as the client delivered it, and
// one change of one of its deliveries. Plain data, safe to copy across threads.

#include <cstdint>
#include <memory>
#include <string>

#include "core/envelopekind.h"
#include "core/event.h"
#include "core/timefmt.h"
#include "dispatch/delivery.h"

namespace gs {

/** One event the gateway client accepted, with the envelope it was delivered in. Immutable once made. */
struct EventRecord {
    std::string id; ///< the id on the wire (argo-v0.10 eventID or CloudEvent id): delivery updates name it
    SysMicros time; ///< when the client received it
    std::string gateway; ///< Gateway metadata.name
    std::string type; ///< gateway type (webhook, calendar, ...)
    std::string source; ///< event-source key
    std::string contentType; ///< datacontenttype as sent (decisions §2)
    std::string payload; ///< raw bytes
    MetaList meta; ///< extension metadata (http-*, content-type, ...)
    EnvelopeKind envelope = EnvelopeKind::Argo;
    /** Headers and body exactly as POSTed to watchers and sinks (shared with the dispatcher). */
    std::shared_ptr<const Outgoing> sent;

    [[nodiscard]] std::size_t size() const { return payload.size(); }
    /** Memory the record holds: payload, the envelope as sent, metadata, and bookkeeping. */
    [[nodiscard]] std::size_t footprint() const
    {
        std::size_t n = 256 + id.size() + gateway.size() + source.size() + payload.size() + (sent ? sent->body.size() : 0);
        for (const auto &[k, v] : meta)
            n += k.size() + v.size() + 64;
        return n;
    }
};

/** One state change of the delivery of one event to one watcher or sink. */
struct DeliveryChange {
    std::string eventId; ///< EventRecord::id
    std::string target; ///< Target::label()
    DeliveryState state = DeliveryState::Pending;
    int attempts = 0;
    int httpStatus = 0; ///< last answer, 0 if none
    std::string error; ///< last failure, if any
    SysMicros at; ///< when the change happened
};

/** The change a Dispatcher observer reports, as a plain value. */
[[nodiscard]] DeliveryChange toDeliveryChange(const DeliveryUpdate &update);

} // namespace gs
