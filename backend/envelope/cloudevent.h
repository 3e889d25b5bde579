#pragma once
// CloudEvents 1.0: one in-memory form, its JSON format, and the attribute mapping of decisions §2.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/event.h"
#include "core/json.h"

namespace gs {

/** One CloudEvents 1.0 event. `data` holds raw bytes; how they are written depends on the media type. */
struct CloudEvent {
    std::string specversion = "1.0";
    std::string id;
    std::string source;
    std::string type;
    std::string subject; ///< optional
    std::string time; ///< optional, RFC 3339 as given
    std::string datacontenttype; ///< optional
    std::string dataschema; ///< optional
    std::vector<std::pair<std::string, std::string>> extensions;
    bool hasData = false;
    std::string data;
};

/** application/json or any structured-suffix type ending in +json (case-insensitive, parameters ignored). */
[[nodiscard]] bool isJsonMediaType(std::string_view contentType);
/** Any text/ media type (case-insensitive, parameters ignored). */
[[nodiscard]] bool isTextMediaType(std::string_view contentType);

/** datacontenttype when the source did not say: application/json for valid JSON, else octet-stream. */
[[nodiscard]] std::string inferContentType(std::string_view payload);

/** The CloudEvent for an event received by the client (mapping of decisions §2). `id` overrides the UUID. */
[[nodiscard]] CloudEvent toCloudEvent(const Event &event, std::string id = {});

/** The CloudEvents JSON format (structured mode), compact, on one line. */
[[nodiscard]] std::string toStructuredJson(const CloudEvent &ce);

} // namespace gs
