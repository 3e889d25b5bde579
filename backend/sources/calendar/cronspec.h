#pragma once
// A five-field cron expression (minute hour day-of-month month day-of-week), robfig/cron v1.1's
// dialect as v0.10 used it, plus the descriptors we add (decisions §4).

#include <bitset>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace gs::calendar {

using LocalMinutes = std::chrono::local_time<std::chrono::minutes>;

struct CronSpec {
    std::bitset<60> minutes;
    std::bitset<24> hours;
    std::bitset<32> daysOfMonth; ///< bits 1..31
    std::bitset<13> months; ///< bits 1..12
    std::bitset<7> daysOfWeek; ///< 0 = Sunday
    /** A field is restricted unless its text starts with `*` or `?` (POSIX/vixie, and v0.10). */
    bool domRestricted = false;
    bool dowRestricted = false;
    bool hourRestricted = false;

    /** Both day fields restricted: either matches (OR); otherwise both must (AND). */
    [[nodiscard]] bool matchesDay(std::chrono::year_month_day ymd) const;
    /** The first local minute at or after `from` that matches, searching up to year `lastYear`. */
    [[nodiscard]] std::optional<LocalMinutes> nextMatch(LocalMinutes from, int lastYear) const;
};

/** Parses five fields ("45 23 ? * MON-FRI") or a descriptor (`@daily`, ...; not `@every`). */
[[nodiscard]] Result<CronSpec> parseCron(std::string_view expression);

} // namespace gs::calendar
