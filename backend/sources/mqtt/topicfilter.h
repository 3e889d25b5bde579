#pragma once
// MQTT 3.1.1 topic filters (§4.7): which filters are valid and which topics they match (PC-20).

#include <optional>
#include <string>
#include <string_view>

namespace gs::mqtt {

/** Why `filter` is not a valid subscription filter, or nullopt when it is. */
[[nodiscard]] std::optional<std::string> filterProblem(std::string_view filter);

/**
 * True if `topic` matches `filter` (a valid filter): `+` matches one level, `#` the parent and every
 * level below, and filters starting with a wildcard do not match topics starting with `$`.
 */
[[nodiscard]] bool topicMatches(std::string_view filter, std::string_view topic);

} // namespace gs::mqtt
