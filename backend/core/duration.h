#pragma once
// Go's time.ParseDuration syntax ("90s", "1h30m", "1.5h", "300ms"), which v0.10's calendar
// `interval` and our `@every` use.

#include <chrono>
#include <string>
#include <string_view>

#include "result.h"

namespace gs {

/** Parses a Go duration; errors say what was expected. Negative values are refused. */
[[nodiscard]] Result<std::chrono::nanoseconds> parseGoDuration(std::string_view text);

/** The Go form of a duration ("1h30m0s", "1.5s", "0s"), for messages. */
[[nodiscard]] std::string formatGoDuration(std::chrono::nanoseconds d);

} // namespace gs
