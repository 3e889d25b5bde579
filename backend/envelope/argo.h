#pragma once
// The argo-v0.10 envelope: Argo's own "CloudEvents 0.1" JSON (spec §4.5), byte-compatible with
// what the v0.10 Go gateway-client posts (key order, Go's HTML-safe escaping, base64 payload).

#include <string>
#include <string_view>

#include "cloudevent.h"
#include "core/event.h"
#include "core/result.h"

namespace gs::argo {

/** The envelope's eventID for an event id: hex of the UUID's 36-character text (72 hex digits). */
[[nodiscard]] std::string eventId(const Event &event);

/** Serialises `event` exactly as v0.10 does. */
[[nodiscard]] std::string encode(const Event &event);

/** True if `body` looks like an argo-v0.10 envelope (a JSON object with context and payload). */
[[nodiscard]] bool looksLikeEnvelope(const json::Value &body);

/** Decodes an argo-v0.10 envelope into a CloudEvent per decisions §2; 400-worthy errors say why. */
[[nodiscard]] Result<CloudEvent> decode(const json::Value &body);

} // namespace gs::argo
