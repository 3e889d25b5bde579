#pragma once
// Receiving events over HTTP (sinks, replay, the app's receivers): detect the envelope, decode it
// into one CloudEvent, or say precisely why not (answered with 400).

#include <string_view>

#include "cloudevent.h"
#include "core/result.h"
#include "http/message.h"

namespace gs {

/** Decodes an incoming event request (decisions §2 detection order). */
[[nodiscard]] Result<CloudEvent> decodeHttpEvent(const http::Headers &headers, std::string_view body);

} // namespace gs
