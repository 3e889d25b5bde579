#pragma once
// Standard base64 (RFC 4648 §4, with padding), as Go's encoding/json writes []byte.

#include <optional>
#include <string>
#include <string_view>

namespace gs {

void appendBase64(std::string &out, std::string_view bytes);
[[nodiscard]] std::string toBase64(std::string_view bytes);
/** Strict decoding: padding required, no whitespace. nullopt if malformed. */
[[nodiscard]] std::optional<std::string> fromBase64(std::string_view text);

} // namespace gs
