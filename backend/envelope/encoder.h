#pragma once
// Puts an event received by the gateway client into the envelope its gateway delivers (decisions §2).

#include <string>

#include "cloudevent.h"
#include "core/envelopekind.h"
#include "core/event.h"
#include "core/result.h"
#include "http/message.h"

namespace gs {

/** One event ready to send, and the CloudEvent it stands for (what `--output jsonl` prints). */
struct EncodedEvent {
    CloudEvent cloudEvent; ///< its id is the id on the wire
    http::Headers headers; ///< Content-Type first
    std::string body;
};

/**
 * Encodes `event` in `kind`. argo-v0.10 keeps v0.10's eventID (72 hex digits); the CloudEvents modes
 * use the event's UUID. Fails only for an event that cannot be a valid CloudEvent (a message says why).
 */
[[nodiscard]] Result<EncodedEvent> encodeEvent(const Event &event, EnvelopeKind kind);

} // namespace gs
