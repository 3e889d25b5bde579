#pragma once
// A POSIX TZ rule string ("EST5EDT,M3.2.0,M11.1.0"; RFC 8536 §3.3 extensions included). TZif files
// end with one, the rule for every instant after their last listed transition: Debian's files list
// transitions only up to 2037, so times beyond come from this rule (decisions §4).

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace gs::calendar {

using SysSeconds = std::chrono::sys_seconds;

class PosixRule
{
public:
    /** Parses a rule; nullopt when it is not valid POSIX TZ syntax. */
    [[nodiscard]] static std::optional<PosixRule> parse(std::string_view text);

    /** UTC offset (east positive) in effect at `t`. */
    [[nodiscard]] std::chrono::seconds offsetAt(SysSeconds t) const;
    /** The first change of offset strictly after `t`, if the rule has daylight saving time. */
    [[nodiscard]] std::optional<SysSeconds> nextTransitionAfter(SysSeconds t) const;
    [[nodiscard]] bool hasDst() const { return m_hasDst; }

private:
    struct DateRule {
        enum Kind { Julian1, Julian0, MonthWeekDay } kind = MonthWeekDay;
        int a = 0, b = 0, c = 0; // Jn: a=n; n: a=n; Mm.w.d: a=m, b=w, c=d
        std::chrono::seconds time {7200}; // local time of day, may be negative or past 24 h
    };
    /** The instant in year `y` at which `rule` takes effect, with `before` the offset in effect until then. */
    [[nodiscard]] static SysSeconds instantIn(int y, const DateRule &rule, std::chrono::seconds before);

    std::chrono::seconds m_std {0};
    std::chrono::seconds m_dst {0};
    bool m_hasDst = false;
    DateRule m_start, m_end;
};

} // namespace gs::calendar
