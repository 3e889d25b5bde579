#pragma once
// `recurrence`: RFC 5545 EXDATE lines (decisions §4). Whole local dates or exact instants to skip.

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "zone.h"

namespace gs::calendar {

struct Exclusions {
    std::vector<std::chrono::year_month_day> dates; ///< every firing on these local dates (schedule's zone) is skipped
    std::vector<std::chrono::sys_seconds> instants; ///< the firing at exactly these instants is skipped
    std::vector<std::string> warnings; ///< e.g. a v0.10 `EXDATE:...Z` value whose time part is ignored

    [[nodiscard]] bool empty() const { return dates.empty() && instants.empty(); }
};

/**
 * Adds one recurrence line to `into`. Floating date-times are read in `scheduleZone`. `field`
 * (e.g. "recurrence[0]") prefixes errors. RRULE, RDATE, EXRULE and unknown parameters are errors.
 */
[[nodiscard]] Result<void> addRecurrenceLine(std::string_view line, const Zone &scheduleZone, const std::string &field, Exclusions &into);

} // namespace gs::calendar
