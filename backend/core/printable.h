#pragma once
// Makes untrusted text (HTTP answers, file contents, peer-chosen names) safe to put on one log line.

#include <string>
#include <string_view>

namespace gs {

/**
 * `text` with control characters written as escapes (\n, \r, \t, \x1b...) so it cannot forge log
 * lines or drive a terminal, and cut to about `maxBytes` with a "...(N more bytes)" marker.
 */
[[nodiscard]] std::string printable(std::string_view text, std::size_t maxBytes = 4096);

/** A value for an error message: in single quotes, escaped, and cut to about `maxBytes`. */
[[nodiscard]] std::string quoted(std::string_view value, std::size_t maxBytes = 64);

} // namespace gs
