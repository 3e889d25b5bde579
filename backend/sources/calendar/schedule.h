#pragma once
// When a calendar source fires: a cron expression or an interval, in a zone, minus exclusions,
// with the ISC-cron daylight-saving rules of decisions §4.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/timefmt.h"
#include "cronspec.h"
#include "exclusions.h"
#include "zone.h"

namespace gs::calendar {

/** What the user wrote: the v0.10 keys `schedule`, `interval`, `timezone`, `recurrence`. */
struct ScheduleInput {
    std::string schedule;
    std::string interval;
    std::string timezone;
    std::vector<std::string> recurrence;
};

class Schedule
{
public:
    /** Parses and checks everything; errors name the field and what was expected. */
    [[nodiscard]] static Result<Schedule> build(const ScheduleInput &input);

    /**
     * The first firing strictly after `after`. Cron firings depend only on `after`; interval
     * firings are `anchor + k * interval` (k >= 1). nullopt if it never fires again.
     */
    [[nodiscard]] std::optional<SysNanos> next(SysNanos after, SysNanos anchor) const;

    [[nodiscard]] const Zone &zone() const { return m_zone; }
    [[nodiscard]] bool isInterval() const { return !m_cron.has_value(); }
    /** Things worth telling the user that are not errors (ignored EXDATE times, schedule beating interval). */
    [[nodiscard]] const std::vector<std::string> &warnings() const { return m_warnings; }

private:
    [[nodiscard]] std::optional<SysNanos> nextCron(SysNanos after) const;
    [[nodiscard]] bool excludedDate(SysNanos t) const;
    [[nodiscard]] bool excludedInstant(SysNanos t) const;

    std::optional<CronSpec> m_cron;
    std::chrono::nanoseconds m_interval {0};
    Zone m_zone = Zone::utc();
    Exclusions m_exclusions;
    std::vector<std::string> m_warnings;
};

/** The last year any schedule is evaluated in (nanosecond instants end in April 2262). */
inline constexpr int kLastYear = 2261;

} // namespace gs::calendar
