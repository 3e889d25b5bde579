#pragma once
// A time zone of the IANA database as installed (tzdata), via Howard Hinnant's date/tz, extended
// past the TZif files' last transition with their footer rule. Qt 6.4's QTimeZone is not used: it
// accepts offsets such as "UTC+9" and mishandles gaps and overlaps (notes).

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "posixrule.h"

namespace date {
class time_zone;
}

namespace gs::calendar {

using LocalSeconds = std::chrono::local_seconds;

/** How a local wall time maps to instants. */
struct Resolution {
    enum Kind { Unique, Ambiguous, Gap } kind = Unique;
    SysSeconds first {}; ///< Unique/Ambiguous: the (earlier) instant; Gap: the instant the gap ends (the transition)
    SysSeconds second {}; ///< Ambiguous: the later instant
};

/** Cheap to copy; safe to use from any thread. */
class Zone
{
public:
    /** A zone by its tz-database name ("Europe/Berlin", "UTC", "US/Pacific"); offsets and POSIX strings are refused. */
    [[nodiscard]] static Result<Zone> load(std::string_view name);
    /** The process's zone: `TZ`, else /etc/localtime, else UTC (as v0.10). */
    [[nodiscard]] static Zone local();
    [[nodiscard]] static Zone utc();

    [[nodiscard]] const std::string &name() const { return m_name; }
    /** UTC offset (east positive) at `t`. */
    [[nodiscard]] std::chrono::seconds offsetAt(SysSeconds t) const;
    /** The next instant after `t` at which the offset may change. */
    [[nodiscard]] std::optional<SysSeconds> nextTransitionAfter(SysSeconds t) const;
    /** Maps a local wall time to its instant(s). */
    [[nodiscard]] Resolution resolve(LocalSeconds local) const;
    /** The local wall time of `t`. */
    [[nodiscard]] LocalSeconds toLocal(SysSeconds t) const { return LocalSeconds {(t + offsetAt(t)).time_since_epoch()}; }

private:
    const date::time_zone *m_tz = nullptr; // owned by date's database, which lives as long as the process
    std::optional<PosixRule> m_tail; // the rule after the last listed transition
    SysSeconds m_tailFrom = SysSeconds::max();
    std::string m_name;
};

/** True if `name` has the shape of a tz-database name (no path tricks); says nothing about existence. */
[[nodiscard]] bool isZoneNameShaped(std::string_view name);

} // namespace gs::calendar
