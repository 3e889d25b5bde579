#include "schedule.h"

#include <algorithm>
#include <cctype>

#include "core/duration.h"
#include "core/printable.h"

namespace gs::calendar {

using namespace std::chrono;

namespace {

std::string_view trim(std::string_view s)
{
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    return s;
}

/** Go duration of at least one second (decisions §4). */
Result<nanoseconds> parseInterval(std::string_view text, const std::string &what)
{
    auto d = parseGoDuration(text);
    if (!d)
        return fail("failed to parse " + what + " from calendar event. Cause: " + d.error().message);
    if (*d < seconds {1})
        return fail("failed to parse " + what + " from calendar event. Cause: " + quoted(text) + " is shorter than the minimum of 1s");
    return *d;
}

int yearOf(SysNanos t)
{
    return static_cast<int>(year_month_day {floor<days>(t)}.year());
}

} // namespace

Result<Schedule> Schedule::build(const ScheduleInput &in)
{
    Schedule s;
    std::string_view expr = trim(in.schedule);
    std::string prefixZone;
    // CRON_TZ=<zone> / TZ=<zone> prefixes win over `timezone`.
    for (std::string_view p : {std::string_view("CRON_TZ="), std::string_view("TZ=")}) {
        if (expr.substr(0, p.size()) == p) {
            const auto space = expr.find_first_of(" \t");
            if (space == std::string_view::npos)
                return fail("failed to parse schedule " + quoted(in.schedule) + " from calendar event. Cause: " + std::string(p)
                    + "<zone> must be followed by the schedule");
            prefixZone = std::string(expr.substr(p.size(), space - p.size()));
            expr = trim(expr.substr(space));
            break;
        }
    }
    if (!in.timezone.empty()) {
        auto z = Zone::load(in.timezone);
        if (!z)
            return fail(z.error().message, "timezone");
        s.m_zone = *z;
    } else {
        s.m_zone = Zone::local();
    }
    if (!prefixZone.empty()) {
        auto z = Zone::load(prefixZone);
        if (!z)
            return fail("failed to parse schedule " + quoted(in.schedule) + " from calendar event. Cause: " + z.error().message);
        s.m_zone = *z;
    }

    if (!expr.empty()) {
        if (!in.interval.empty())
            s.m_warnings.push_back("both schedule and interval are set: schedule wins, as in v0.10");
        const std::string lowered = [&] {
            std::string l(expr.substr(0, 7));
            for (char &c : l)
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            return l;
        }();
        if (lowered == "@every " || lowered == "@every\t") {
            auto d = parseInterval(trim(expr.substr(7)), "schedule " + quoted(in.schedule));
            if (!d)
                return tl::unexpected(d.error());
            s.m_interval = *d;
        } else if (lowered == "@every") {
            return fail("failed to parse schedule " + quoted(in.schedule) + " from calendar event. Cause: @every needs a duration, e.g. @every 90s");
        } else {
            auto c = parseCron(expr);
            if (!c)
                return fail("failed to parse schedule " + quoted(in.schedule) + " from calendar event. Cause: " + c.error().message);
            s.m_cron = *c;
        }
    } else if (!trim(in.interval).empty()) {
        auto d = parseInterval(trim(in.interval), "interval " + quoted(in.interval));
        if (!d)
            return tl::unexpected(d.error());
        s.m_interval = *d;
    } else {
        return fail("must have either schedule or interval");
    }

    for (std::size_t i = 0; i < in.recurrence.size(); ++i) {
        if (auto ok = addRecurrenceLine(in.recurrence[i], s.m_zone, "recurrence[" + std::to_string(i) + "]", s.m_exclusions); !ok)
            return tl::unexpected(ok.error());
    }
    s.m_warnings.insert(s.m_warnings.end(), s.m_exclusions.warnings.begin(), s.m_exclusions.warnings.end());

    if (s.m_cron) {
        // A schedule such as "0 0 30 2 *" is valid syntax that never fires: say so now, not never.
        const SysNanos from = sys_days {year {2000} / January / 1};
        if (!s.nextCron(from))
            return fail("failed to parse schedule " + quoted(in.schedule)
                + " from calendar event. Cause: it never fires (no date matches its day-of-month, month and day-of-week fields)");
    }
    return s;
}

bool Schedule::excludedDate(SysNanos t) const
{
    if (m_exclusions.dates.empty())
        return false;
    const auto local = m_zone.toLocal(floor<seconds>(t));
    const year_month_day d {floor<days>(local)};
    return std::find(m_exclusions.dates.begin(), m_exclusions.dates.end(), d) != m_exclusions.dates.end();
}

bool Schedule::excludedInstant(SysNanos t) const
{
    return std::find(m_exclusions.instants.begin(), m_exclusions.instants.end(), t) != m_exclusions.instants.end();
}

std::optional<SysNanos> Schedule::next(SysNanos after, SysNanos anchor) const
{
    SysNanos cursor = after;
    // Each excluded firing moves the cursor forward; a date skip jumps to the end of that local day.
    for (int guard = 0; guard < 100000; ++guard) {
        std::optional<SysNanos> c;
        if (m_cron) {
            c = nextCron(cursor);
        } else {
            const auto k = cursor < anchor ? 1 : (cursor - anchor) / m_interval + 1;
            if (anchor > SysNanos::max() - m_interval * k)
                return std::nullopt;
            c = anchor + m_interval * k;
        }
        if (!c)
            return std::nullopt;
        if (excludedDate(*c)) {
            const auto local = m_zone.toLocal(floor<seconds>(*c));
            const auto nextDay = floor<days>(local) + days {1};
            const SysNanos start = m_zone.resolve(LocalSeconds {nextDay}).first;
            cursor = std::max(*c, start - nanoseconds {1});
            continue;
        }
        if (excludedInstant(*c)) {
            cursor = *c;
            continue;
        }
        return c;
    }
    return std::nullopt;
}

std::optional<SysNanos> Schedule::nextCron(SysNanos after) const
{
    const SysSeconds afterS = floor<seconds>(after);
    // The offsets that can apply to the answer: the one now, and those after changes in the next two days.
    auto offsetsAround = [&](SysSeconds from, SysSeconds to, seconds first) {
        std::pair<seconds, seconds> mm {first, first};
        auto t = m_zone.nextTransitionAfter(from);
        for (int i = 0; t && *t <= to && i < 8; ++i) {
            const seconds o = m_zone.offsetAt(*t);
            mm.first = std::min(mm.first, o);
            mm.second = std::max(mm.second, o);
            t = m_zone.nextTransitionAfter(*t);
        }
        return mm;
    };
    const seconds minOff = offsetsAround(afterS, afterS + days {2}, m_zone.offsetAt(afterS)).first;
    const int lastYear = std::min(kLastYear, yearOf(after) + 400);
    const bool fixedHour = m_cron->hourRestricted;
    std::optional<SysSeconds> best;
    seconds bestMaxOff {0};
    LocalMinutes cursor = floor<minutes>(LocalSeconds {(afterS + minOff).time_since_epoch()});
    for (;;) {
        const auto m = m_cron->nextMatch(cursor, lastYear);
        if (!m)
            break;
        const Resolution r = m_zone.resolve(LocalSeconds {*m});
        SysSeconds cand[2];
        int n = 0;
        switch (r.kind) {
        case Resolution::Unique:
            cand[n++] = r.first;
            break;
        case Resolution::Ambiguous: // fixed hour: the first occurrence only; unrestricted: both
            cand[n++] = r.first;
            if (!fixedHour)
                cand[n++] = r.second;
            break;
        case Resolution::Gap: // fixed hour: once, when the gap ends; unrestricted: not at all
            if (fixedHour)
                cand[n++] = r.first;
            break;
        }
        for (int i = 0; i < n; ++i) {
            if (SysNanos {cand[i]} > after && (!best || cand[i] < *best)) {
                best = cand[i];
                const seconds o = m_zone.offsetAt(*best - days {2});
                bestMaxOff = offsetsAround(*best - days {2}, *best + days {2}, std::max(o, m_zone.offsetAt(*best))).second;
            }
        }
        const LocalMinutes following = *m + minutes {1};
        // No later local time can map to an instant before `best`.
        if (best && SysSeconds {following.time_since_epoch()} - bestMaxOff >= *best)
            break;
        cursor = following;
    }
    if (!best)
        return std::nullopt;
    return SysNanos {*best};
}

} // namespace gs::calendar
