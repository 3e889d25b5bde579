#include "duration.h"

#include <array>
#include <cstdint>
#include <utility>

#include "printable.h"

namespace gs {

namespace {
struct Unit {
    std::string_view name;
    std::int64_t ns;
};
// Longest names first so "ms" is not read as "m" followed by garbage. µ is U+00B5, μ is U+03BC, as Go.
constexpr std::array<Unit, 8> kUnits {{{"ns", 1}, {"us", 1000}, {"\xC2\xB5s", 1000}, {"\xCE\xBCs", 1000}, {"ms", 1000000},
    {"s", 1000000000}, {"m", 60LL * 1000000000}, {"h", 3600LL * 1000000000}}};

Result<std::chrono::nanoseconds> bad(std::string_view text, const std::string &why)
{
    return fail("invalid duration " + quoted(text) + ": " + why + " (expected a Go duration such as 90s, 5m or 1h30m)");
}
} // namespace

Result<std::chrono::nanoseconds> parseGoDuration(std::string_view text)
{
    std::string_view s = text;
    if (s.empty())
        return bad(text, "it is empty");
    if (s.front() == '-' && s != "-0")
        return bad(text, "it is negative");
    if (s.front() == '+' || s.front() == '-')
        s.remove_prefix(1);
    if (s == "0")
        return std::chrono::nanoseconds {0};
    if (s.empty())
        return bad(text, "no number");
    constexpr std::int64_t kMax = INT64_MAX;
    std::int64_t total = 0;
    while (!s.empty()) {
        // Number: digits, optional '.', digits (at least one digit overall).
        std::int64_t whole = 0;
        bool overflow = false, any = false;
        std::size_t i = 0;
        for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
            any = true;
            if (whole > (kMax - (s[i] - '0')) / 10)
                overflow = true;
            else
                whole = whole * 10 + (s[i] - '0');
        }
        std::int64_t fracDigits = 0, frac = 0;
        if (i < s.size() && s[i] == '.') {
            ++i;
            for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
                any = true;
                if (fracDigits < 18) {
                    frac = frac * 10 + (s[i] - '0');
                    ++fracDigits;
                }
            }
        }
        if (!any)
            return bad(text, "expected a number at " + quoted(s));
        if (overflow)
            return bad(text, "it is too large");
        s.remove_prefix(i);
        const Unit *unit = nullptr;
        for (const auto &u : kUnits) {
            if (s.substr(0, u.name.size()) == u.name && (!unit || u.name.size() > unit->name.size()))
                unit = &u;
        }
        if (!unit)
            return bad(text, s.empty() ? "a unit is missing (ns, us, ms, s, m or h)" : "unknown unit at " + quoted(s));
        s.remove_prefix(unit->name.size());
        if (whole > kMax / unit->ns)
            return bad(text, "it is too large");
        std::int64_t v = whole * unit->ns;
        if (fracDigits > 0) {
            // frac / 10^fracDigits of a unit, rounded down like Go.
            long double part = static_cast<long double>(frac) * static_cast<long double>(unit->ns);
            for (std::int64_t k = 0; k < fracDigits; ++k)
                part /= 10;
            v += static_cast<std::int64_t>(part);
        }
        if (v > kMax - total)
            return bad(text, "it is too large");
        total += v;
    }
    return std::chrono::nanoseconds {total};
}

std::string formatGoDuration(std::chrono::nanoseconds d)
{
    std::int64_t ns = d.count();
    if (ns == 0)
        return "0s";
    std::string out;
    if (ns < 0) {
        out = "-";
        ns = -ns;
    }
    if (ns < 1000000000) {
        // Sub-second: the largest unit that keeps an integer part, as Go does.
        const std::pair<std::int64_t, const char *> units[] = {{1000000, "ms"}, {1000, "\xC2\xB5s"}, {1, "ns"}};
        for (const auto &[size, name] : units) {
            if (ns >= size) {
                std::string v = std::to_string(ns / size);
                std::int64_t rest = ns % size;
                if (rest) {
                    std::string f = std::to_string(rest + size).substr(1);
                    while (!f.empty() && f.back() == '0')
                        f.pop_back();
                    v += "." + f;
                }
                return out + v + name;
            }
        }
    }
    const std::int64_t h = ns / 3600000000000LL;
    ns %= 3600000000000LL;
    const std::int64_t m = ns / 60000000000LL;
    ns %= 60000000000LL;
    std::string sec = std::to_string(ns / 1000000000);
    if (std::int64_t rest = ns % 1000000000) {
        std::string f = std::to_string(rest + 1000000000).substr(1);
        while (!f.empty() && f.back() == '0')
            f.pop_back();
        sec += "." + f;
    }
    if (h)
        out += std::to_string(h) + "h";
    if (h || m)
        out += std::to_string(m) + "m";
    return out + sec + "s";
}

} // namespace gs
