#include "cronspec.h"

#include <array>
#include <cctype>
#include <charconv>
#include <vector>

#include "core/printable.h"

namespace gs::calendar {

using namespace std::chrono;

namespace {

struct FieldDef {
    const char *name;
    int min, max;
    const std::array<std::string_view, 12> *names; // index 0 names value `min`
};

constexpr std::array<std::string_view, 12> kMonthNames {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr std::array<std::string_view, 12> kDayNames {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

constexpr FieldDef kFields[5] = {
    {"minute", 0, 59, nullptr},
    {"hour", 0, 23, nullptr},
    {"day-of-month", 1, 31, nullptr},
    {"month", 1, 12, &kMonthNames},
    {"day-of-week", 0, 6, &kDayNames},
};

std::string lower(std::string_view s)
{
    std::string out(s);
    for (char &c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

/** One value of a field: a number or (month, day-of-week) a three-letter name. */
Result<int> parseValue(std::string_view text, const FieldDef &f)
{
    if (text.empty())
        return fail(std::string(f.name) + " field: a value is missing");
    if (f.names) {
        const std::string l = lower(text);
        for (std::size_t i = 0; i < f.names->size(); ++i) {
            if (!(*f.names)[i].empty() && l == (*f.names)[i])
                return f.min + static_cast<int>(i);
        }
    }
    int v = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || p != text.data() + text.size()) {
        std::string expected = "a number from " + std::to_string(f.min) + " to " + std::to_string(f.max);
        if (f.names)
            expected += std::string(" or a name (") + (f.names == &kMonthNames ? "jan-dec" : "sun-sat") + ")";
        return fail(std::string(f.name) + " field: " + quoted(text) + " is not " + expected);
    }
    if (v < f.min || v > f.max)
        return fail(std::string(f.name) + " field: " + std::to_string(v) + " is out of range (" + std::to_string(f.min) + "-"
            + std::to_string(f.max) + ")");
    return v;
}

/** A comma list of `*`, `?`, N, N-M, each with an optional /step; sets bits min..max. */
template<std::size_t N>
Result<void> parseField(std::string_view text, const FieldDef &f, std::bitset<N> &bits)
{
    if (text.empty())
        return fail(std::string(f.name) + " field is empty");
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto comma = text.find(',', start);
        const std::string_view item = text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
        if (item.empty())
            return fail(std::string(f.name) + " field: empty item in list " + quoted(text));
        std::string_view range = item;
        int step = 1;
        bool stepped = false;
        if (const auto slash = item.find('/'); slash != std::string_view::npos) {
            const std::string_view s = item.substr(slash + 1);
            auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), step);
            if (s.empty() || ec != std::errc() || p != s.data() + s.size() || step < 1)
                return fail(std::string(f.name) + " field: step " + quoted(s) + " in " + quoted(item) + " is not a positive number");
            range = item.substr(0, slash);
            stepped = true;
        }
        int lo, hi;
        if (range == "*" || range == "?") {
            lo = f.min, hi = f.max;
        } else if (const auto dash = range.find('-'); dash != std::string_view::npos) {
            auto a = parseValue(range.substr(0, dash), f);
            if (!a)
                return tl::unexpected(a.error());
            auto b = parseValue(range.substr(dash + 1), f);
            if (!b)
                return tl::unexpected(b.error());
            lo = *a, hi = *b;
            if (lo > hi)
                return fail(std::string(f.name) + " field: range " + quoted(range) + " runs backwards (" + std::to_string(lo) + " > "
                    + std::to_string(hi) + ")");
        } else {
            auto a = parseValue(range, f);
            if (!a)
                return tl::unexpected(a.error());
            lo = *a;
            hi = stepped ? f.max : *a; // "N/step" runs from N to the end, as robfig/cron
        }
        for (int v = lo; v <= hi; v += step)
            bits.set(static_cast<std::size_t>(v));
        if (comma == std::string_view::npos)
            break;
        start = comma + 1;
    }
    return {};
}

bool unrestricted(std::string_view field)
{
    return !field.empty() && (field.front() == '*' || field.front() == '?');
}

/** The lowest set bit at or above `from`, or -1. */
template<std::size_t N>
int nextBit(const std::bitset<N> &bits, int from)
{
    for (auto i = static_cast<std::size_t>(from); i < N; ++i) {
        if (bits.test(i))
            return static_cast<int>(i);
    }
    return -1;
}

} // namespace

bool CronSpec::matchesDay(year_month_day ymd) const
{
    const bool dom = daysOfMonth.test(static_cast<unsigned>(ymd.day()));
    const bool dow = daysOfWeek.test(weekday {sys_days {ymd}}.c_encoding());
    return domRestricted && dowRestricted ? (dom || dow) : (dom && dow);
}

std::optional<LocalMinutes> CronSpec::nextMatch(LocalMinutes t, int lastYear) const
{
    for (;;) {
        const auto dp = floor<days>(t);
        const year_month_day ymd {dp};
        if (static_cast<int>(ymd.year()) > lastYear)
            return std::nullopt;
        if (!months.test(static_cast<unsigned>(ymd.month()))) {
            t = LocalMinutes {local_days {year_month_day {ymd.year() / ymd.month() / 1} + std::chrono::months {1}}};
            continue;
        }
        if (!matchesDay(ymd)) {
            t = dp + days {1};
            continue;
        }
        const auto tod = t - dp;
        const int h = static_cast<int>(tod.count() / 60);
        const int m = static_cast<int>(tod.count() % 60);
        const int nh = nextBit(hours, h);
        if (nh < 0) {
            t = dp + days {1};
            continue;
        }
        if (nh > h) {
            t = dp + std::chrono::hours {nh};
            continue;
        }
        const int nm = nextBit(minutes, m);
        if (nm < 0) {
            t = dp + std::chrono::hours {h + 1};
            continue;
        }
        return dp + std::chrono::hours {h} + std::chrono::minutes {nm};
    }
}

Result<CronSpec> parseCron(std::string_view expression)
{
    std::string_view e = expression;
    while (!e.empty() && std::isspace(static_cast<unsigned char>(e.front())))
        e.remove_prefix(1);
    while (!e.empty() && std::isspace(static_cast<unsigned char>(e.back())))
        e.remove_suffix(1);
    std::string text(e);
    if (!text.empty() && text.front() == '@') {
        static constexpr std::pair<std::string_view, std::string_view> kDescriptors[] = {{"@yearly", "0 0 1 1 *"},
            {"@annually", "0 0 1 1 *"}, {"@monthly", "0 0 1 * *"}, {"@weekly", "0 0 * * 0"}, {"@daily", "0 0 * * *"},
            {"@midnight", "0 0 * * *"}, {"@hourly", "0 * * * *"}};
        const std::string l = lower(text);
        bool found = false;
        for (const auto &[name, fields] : kDescriptors) {
            if (l == name) {
                text = fields;
                found = true;
            }
        }
        if (!found)
            return fail("unknown descriptor " + quoted(e)
                + " (expected @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly or @every <duration>)");
    }
    std::vector<std::string_view> fields;
    std::string_view rest = text;
    while (!rest.empty()) {
        const auto b = rest.find_first_not_of(" \t");
        if (b == std::string_view::npos)
            break;
        rest.remove_prefix(b);
        const auto end = rest.find_first_of(" \t");
        fields.push_back(rest.substr(0, end));
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end);
    }
    if (fields.size() != 5)
        return fail("expected exactly 5 fields (minute hour day-of-month month day-of-week), found " + std::to_string(fields.size())
            + (fields.size() == 6 ? "; a seconds field is not supported" : ""));
    CronSpec c;
    if (auto ok = parseField(fields[0], kFields[0], c.minutes); !ok)
        return tl::unexpected(ok.error());
    if (auto ok = parseField(fields[1], kFields[1], c.hours); !ok)
        return tl::unexpected(ok.error());
    if (auto ok = parseField(fields[2], kFields[2], c.daysOfMonth); !ok)
        return tl::unexpected(ok.error());
    if (auto ok = parseField(fields[3], kFields[3], c.months); !ok)
        return tl::unexpected(ok.error());
    if (auto ok = parseField(fields[4], kFields[4], c.daysOfWeek); !ok)
        return tl::unexpected(ok.error());
    c.hourRestricted = !unrestricted(fields[1]);
    c.domRestricted = !unrestricted(fields[2]);
    c.dowRestricted = !unrestricted(fields[4]);
    return c;
}

} // namespace gs::calendar
