#pragma once
// RFC 3339 time stamps as the wire formats need them.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace gs {

using SysMicros = std::chrono::time_point<std::chrono::system_clock, std::chrono::microseconds>;

/** `YYYY-MM-DDThh:mm:ss.ffffffZ`: UTC, always 6 fractional digits (k8s MicroTime, v0.10 eventTime). */
[[nodiscard]] std::string formatMicroTime(SysMicros t);

/** Nanosecond instants: the calendar's scheduled times and `gwctl calendar next`. */
using SysNanos = std::chrono::sys_time<std::chrono::nanoseconds>;

/**
 * RFC 3339 with fractional seconds only when non-zero (trailing zeros trimmed, at most 9 digits):
 * `2026-12-03T10:00:00Z`, or with `offset` applied and written as `+01:00` when `utc` is false.
 */
[[nodiscard]] std::string formatRfc3339(SysNanos t, std::chrono::seconds offset = {}, bool utc = true);

/** Now, in nanoseconds. */
[[nodiscard]] SysNanos nowNanos();

/** Now, truncated to microseconds. */
[[nodiscard]] SysMicros nowMicros();

/** The years parseRfc3339 accepts (the range of 64-bit nanosecond instants, with a margin). */
inline constexpr int kMinRfc3339Year = 1678;
inline constexpr int kMaxRfc3339Year = 2261;

/**
 * Checks an RFC 3339 date-time (`T` or `t` separator, `Z` or a numeric offset, any number of
 * fractional digits, years 1678-2261) and returns the instant it names in nanoseconds since the epoch.
 */
[[nodiscard]] std::optional<std::chrono::sys_time<std::chrono::nanoseconds>> parseRfc3339(std::string_view text);

} // namespace gs
