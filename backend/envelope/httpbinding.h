#pragma once
// The CloudEvents 1.0 HTTP protocol binding: binary mode (ce-* headers, body = data) and structured
// mode (the JSON format as the body), both ways, with the header-value percent-encoding of the
// binding (1.0.2 §3.1.3.2) and the lenient decoding of decisions §2.

#include <string>
#include <string_view>

#include "cloudevent.h"
#include "core/result.h"
#include "http/message.h"

namespace gs::cehttp {

// Lower-case charset: the JavaScript SDK (10.x) accepts only this exact spelling.
inline constexpr char kStructuredContentType[] = "application/cloudevents+json; charset=utf-8";

/** Headers and body of one HTTP request carrying an event. */
struct Message {
    http::Headers headers; ///< Content-Type first when there is one
    std::string body;
};

/** Percent-encodes space, '"', '%' and every byte outside printable ASCII (upper-case hex). */
[[nodiscard]] std::string encodeHeaderValue(std::string_view value);

/**
 * Decodes a received ce-* header value: a value in double quotes is unquoted, `%XX` becomes its byte,
 * a `%` without two hex digits stays literal, raw UTF-8 is kept. Fails when the result is not UTF-8.
 */
[[nodiscard]] Result<std::string> decodeHeaderValue(std::string_view value);

/** Binary mode. Fails if the event breaks checkCloudEvent. */
[[nodiscard]] Result<Message> toBinary(const CloudEvent &ce);
/** Structured mode (JSON format). Fails if the event breaks checkCloudEvent. */
[[nodiscard]] Result<Message> toStructured(const CloudEvent &ce);

/** True if the headers carry a binary-mode event (a ce-specversion header). */
[[nodiscard]] bool isBinary(const http::Headers &headers);
/** True if Content-Type is application/cloudevents+json (case-insensitive, parameters ignored). */
[[nodiscard]] bool isStructured(const http::Headers &headers);

/** Reads a binary-mode event; messages name the offending header. */
[[nodiscard]] Result<CloudEvent> fromBinary(const http::Headers &headers, std::string_view body);

} // namespace gs::cehttp
