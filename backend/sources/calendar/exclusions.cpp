#include "exclusions.h"

#include <cctype>

#include "core/printable.h"

namespace gs::calendar {

using namespace std::chrono;

namespace {

std::string upper(std::string_view s)
{
    std::string out(s);
    for (char &c : out)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

bool digits(std::string_view s)
{
    for (char c : s) {
        if (c < '0' || c > '9')
            return false;
    }
    return !s.empty();
}

int num(std::string_view s)
{
    int v = 0;
    for (char c : s)
        v = v * 10 + (c - '0');
    return v;
}

/** YYYYMMDD -> a valid date. */
Result<year_month_day> parseDate(std::string_view s, const std::string &where)
{
    if (s.size() != 8 || !digits(s))
        return fail("date " + quoted(s) + " is not YYYYMMDD", where);
    const year_month_day d {year {num(s.substr(0, 4))}, month {static_cast<unsigned>(num(s.substr(4, 2)))},
        day {static_cast<unsigned>(num(s.substr(6, 2)))}};
    if (!d.ok())
        return fail(quoted(s) + " is not a calendar date", where);
    return d;
}

struct DateTime {
    year_month_day date;
    seconds timeOfDay;
    bool utc = false;
};

/** YYYYMMDDThhmmss[Z]. */
Result<DateTime> parseDateTime(std::string_view s, const std::string &where)
{
    const bool utc = !s.empty() && (s.back() == 'Z' || s.back() == 'z');
    const std::string_view body = utc ? s.substr(0, s.size() - 1) : s;
    if (body.size() != 15 || (body[8] != 'T' && body[8] != 't') || !digits(body.substr(9)))
        return fail("date-time " + quoted(s) + " is not YYYYMMDDThhmmss (UTC with a trailing Z)", where);
    auto d = parseDate(body.substr(0, 8), where);
    if (!d)
        return tl::unexpected(d.error());
    const int h = num(body.substr(9, 2)), m = num(body.substr(11, 2)), sec = num(body.substr(13, 2));
    if (h > 23 || m > 59 || sec > 60)
        return fail("time in " + quoted(s) + " is not a time of day", where);
    return DateTime {*d, seconds {h * 3600 + m * 60 + sec}, utc};
}

void addLocalInstant(const Zone &zone, const DateTime &dt, Exclusions &into)
{
    // An ambiguous local time names both occurrences; a skipped one names the instant the gap ends.
    const Resolution r = zone.resolve(local_days {dt.date} + dt.timeOfDay);
    into.instants.push_back(r.first);
    if (r.kind == Resolution::Ambiguous)
        into.instants.push_back(r.second);
}

} // namespace

Result<void> addRecurrenceLine(std::string_view line, const Zone &scheduleZone, const std::string &field, Exclusions &into)
{
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back())))
        line.remove_suffix(1);
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.front())))
        line.remove_prefix(1);
    const auto colon = line.find(':');
    const auto semi = line.find(';');
    const std::string_view name = line.substr(0, std::min(colon, semi));
    const std::string uname = upper(name);
    if (uname != "EXDATE") {
        const bool known = uname == "RRULE" || uname == "RDATE" || uname == "EXRULE";
        return fail((known ? uname + " is not supported" : "unknown recurrence line " + quoted(line))
                + " (expected EXDATE lines: EXDATE:20261224T000000Z, EXDATE;VALUE=DATE:20261224 or EXDATE;TZID=Europe/Berlin:20261224T090000)",
            field);
    }
    if (colon == std::string_view::npos)
        return fail("EXDATE line " + quoted(line) + " has no ':' before its values", field);
    // Parameters between the name and the colon (a quoted TZID may not contain ':' in practice).
    bool dateOnly = false;
    std::optional<Zone> tzid;
    std::string_view params = semi < colon ? line.substr(semi + 1, colon - semi - 1) : std::string_view();
    while (!params.empty()) {
        const auto next = params.find(';');
        const std::string_view p = params.substr(0, next);
        params = next == std::string_view::npos ? std::string_view() : params.substr(next + 1);
        const auto eq = p.find('=');
        const std::string key = upper(p.substr(0, eq));
        std::string_view value = eq == std::string_view::npos ? std::string_view() : p.substr(eq + 1);
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
            value = value.substr(1, value.size() - 2);
        if (key == "VALUE" && upper(value) == "DATE") {
            dateOnly = true;
        } else if (key == "VALUE" && upper(value) == "DATE-TIME") {
        } else if (key == "TZID") {
            auto z = Zone::load(value);
            if (!z)
                return fail("TZID: " + z.error().message, field);
            tzid = *z;
        } else {
            return fail("unsupported EXDATE parameter " + quoted(p) + " (expected VALUE=DATE, VALUE=DATE-TIME or TZID=<zone>)", field);
        }
    }
    if (dateOnly && tzid)
        return fail("VALUE=DATE and TZID cannot be combined: a date has no time zone", field);
    std::string_view values = line.substr(colon + 1);
    if (values.empty())
        return fail("EXDATE line " + quoted(line) + " has no values", field);
    while (true) {
        const auto comma = values.find(',');
        const std::string_view v = values.substr(0, comma);
        if (v.empty())
            return fail("empty value in EXDATE line " + quoted(line), field);
        if (dateOnly) {
            auto d = parseDate(v, field);
            if (!d)
                return tl::unexpected(d.error());
            into.dates.push_back(*d);
        } else {
            auto dt = parseDateTime(v, field);
            if (!dt)
                return tl::unexpected(dt.error());
            if (dt->utc && tzid)
                return fail("value " + quoted(v) + " is UTC (ends in Z) but the line has a TZID", field);
            if (dt->utc) {
                // v0.10's only form: the date digits name a local date; the time part is ignored.
                into.dates.push_back(dt->date);
                if (dt->timeOfDay != seconds {0})
                    into.warnings.push_back(field + ": the time part of " + std::string(v)
                        + " is ignored, as in v0.10: every firing on that date is skipped (use TZID=<zone>:... to skip one firing)");
            } else {
                addLocalInstant(tzid ? *tzid : scheduleZone, *dt, into);
            }
        }
        if (comma == std::string_view::npos)
            break;
        values = values.substr(comma + 1);
    }
    return {};
}

} // namespace gs::calendar
