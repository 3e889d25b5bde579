#pragma once
// CloudEvents 1.0: one in-memory form, its JSON format both ways, and the attribute mapping of
// decisions §2.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/event.h"
#include "core/json.h"
#include "core/result.h"

namespace gs {

/** One CloudEvents 1.0 event. `data` holds raw bytes; how they are written depends on the media type. */
struct CloudEvent {
    std::string specversion = "1.0";
    std::string id;
    std::string source;
    std::string type;
    std::string subject; ///< optional
    std::string time; ///< optional, RFC 3339 as given (its precision is kept)
    std::string datacontenttype; ///< optional
    std::string dataschema; ///< optional
    std::vector<std::pair<std::string, std::string>> extensions; ///< in the order received
    bool hasData = false;
    std::string data;

    /** The value of extension `name`, or nullptr. */
    [[nodiscard]] const std::string *extension(std::string_view name) const;
    bool operator==(const CloudEvent &) const = default;
};

/** application/json or any structured-suffix type ending in +json (case-insensitive, parameters ignored). */
[[nodiscard]] bool isJsonMediaType(std::string_view contentType);
/** Any text/ media type (case-insensitive, parameters ignored). */
[[nodiscard]] bool isTextMediaType(std::string_view contentType);
/** A plausible media type (`type/subtype[;params]`, printable ASCII, at most 1 KiB): safe to send as Content-Type. */
[[nodiscard]] bool isMediaType(std::string_view contentType);
/** The media type without parameters, lower-cased and trimmed. */
[[nodiscard]] std::string mediaTypeOf(std::string_view contentType);

/** datacontenttype when the source did not say: application/json for valid JSON, else octet-stream. */
[[nodiscard]] std::string inferContentType(std::string_view payload);

/** An attribute name the spec allows: `[a-z0-9]{1,20}` (decisions §2). */
[[nodiscard]] bool isValidAttributeName(std::string_view name);
/** True for the names of the spec's own attributes (context and data), which extensions may not take. */
[[nodiscard]] bool isReservedAttributeName(std::string_view name);

/**
 * Checks what CloudEvents 1.0 requires of an event: specversion "1.0"; non-empty id, source, type;
 * an RFC 3339 time; well-formed extension names that do not shadow core attributes. The message names
 * the attribute and what was expected.
 */
[[nodiscard]] Result<void> checkCloudEvent(const CloudEvent &ce);

/** The CloudEvent for an event received by the client (mapping of decisions §2). `id` overrides the UUID. */
[[nodiscard]] CloudEvent toCloudEvent(const Event &event, std::string id = {});

/** The CloudEvents JSON format (structured mode), compact, on one line. */
[[nodiscard]] std::string toStructuredJson(const CloudEvent &ce);

/**
 * Reads the CloudEvents JSON format: `data` is kept as the bytes it stands for (a JSON value for
 * JSON media types, a string's text otherwise), `data_base64` decoded. Then checkCloudEvent.
 */
[[nodiscard]] Result<CloudEvent> fromStructuredJson(std::string_view body);

} // namespace gs
