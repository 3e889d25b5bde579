#include "posixrule.h"

#include <array>
#include <cctype>

namespace gs::calendar {

using namespace std::chrono;

namespace {

/** A reader over the rule text; every `read*` returns false without consuming on a mismatch. */
struct Cursor {
    std::string_view s;
    std::size_t i = 0;

    [[nodiscard]] bool done() const { return i >= s.size(); }
    [[nodiscard]] char peek() const { return done() ? '\0' : s[i]; }
    bool eat(char c)
    {
        if (peek() != c)
            return false;
        ++i;
        return true;
    }
    bool readInt(int &v, int maxDigits)
    {
        std::size_t start = i;
        v = 0;
        while (!done() && std::isdigit(static_cast<unsigned char>(s[i])) && i - start < static_cast<std::size_t>(maxDigits))
            v = v * 10 + (s[i++] - '0');
        return i > start;
    }
    /** A zone abbreviation: at least 3 letters, or <...> with letters, digits, + and -. */
    bool readName()
    {
        if (eat('<')) {
            std::size_t start = i;
            while (!done() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '+' || s[i] == '-'))
                ++i;
            return i - start >= 3 && eat('>');
        }
        std::size_t start = i;
        while (!done() && std::isalpha(static_cast<unsigned char>(s[i])))
            ++i;
        return i - start >= 3;
    }
    /** [+-]hh[:mm[:ss]] with hours up to `maxHours`. */
    bool readHms(seconds &out, int maxHours)
    {
        int sign = 1;
        if (eat('-'))
            sign = -1;
        else
            eat('+');
        int h = 0, m = 0, sec = 0;
        if (!readInt(h, 3) || h > maxHours)
            return false;
        if (eat(':')) {
            if (!readInt(m, 2) || m > 59)
                return false;
            if (eat(':') && (!readInt(sec, 2) || sec > 59))
                return false;
        }
        out = seconds {sign * (h * 3600 + m * 60 + sec)};
        return true;
    }
};

} // namespace

std::optional<PosixRule> PosixRule::parse(std::string_view text)
{
    Cursor c {text};
    PosixRule r;
    seconds off;
    if (!c.readName() || !c.readHms(off, 24))
        return std::nullopt;
    r.m_std = -off; // POSIX offsets count hours west of Greenwich
    if (c.done())
        return r;
    if (!c.readName())
        return std::nullopt;
    r.m_hasDst = true;
    r.m_dst = r.m_std + hours {1};
    if (!c.done() && c.peek() != ',') {
        if (!c.readHms(off, 24))
            return std::nullopt;
        r.m_dst = -off;
    }
    auto readDate = [&](DateRule &d) {
        if (!c.eat(','))
            return false;
        if (c.eat('J')) {
            d.kind = DateRule::Julian1;
            if (!c.readInt(d.a, 3) || d.a < 1 || d.a > 365)
                return false;
        } else if (c.eat('M')) {
            d.kind = DateRule::MonthWeekDay;
            if (!c.readInt(d.a, 2) || d.a < 1 || d.a > 12 || !c.eat('.') || !c.readInt(d.b, 1) || d.b < 1 || d.b > 5 || !c.eat('.')
                || !c.readInt(d.c, 1) || d.c > 6)
                return false;
        } else {
            d.kind = DateRule::Julian0;
            if (!c.readInt(d.a, 3) || d.a > 365)
                return false;
        }
        if (c.eat('/'))
            return c.readHms(d.time, 167); // RFC 8536: -167..167 hours
        return true;
    };
    if (c.done()) {
        // No rule given: the US rules POSIX implementations default to.
        r.m_start = {DateRule::MonthWeekDay, 3, 2, 0};
        r.m_end = {DateRule::MonthWeekDay, 11, 1, 0};
        return r;
    }
    if (!readDate(r.m_start) || !readDate(r.m_end) || !c.done())
        return std::nullopt;
    return r;
}

SysSeconds PosixRule::instantIn(int y, const DateRule &rule, seconds before)
{
    const year yr {y};
    sys_days day;
    switch (rule.kind) {
    case DateRule::Julian1: // 1..365, February 29 never counted
        day = sys_days {yr / January / 1} + days {rule.a - 1 + (yr.is_leap() && rule.a >= 60 ? 1 : 0)};
        break;
    case DateRule::Julian0:
        day = sys_days {yr / January / 1} + days {rule.a};
        break;
    case DateRule::MonthWeekDay: {
        const auto m = month {static_cast<unsigned>(rule.a)};
        const weekday wd {static_cast<unsigned>(rule.c)};
        day = rule.b == 5 ? sys_days {yr / m / wd[last]} : sys_days {yr / m / wd[static_cast<unsigned>(rule.b)]};
        break;
    }
    }
    return day + rule.time - before;
}

seconds PosixRule::offsetAt(SysSeconds t) const
{
    if (!m_hasDst)
        return m_std;
    const int y = static_cast<int>(year_month_day {floor<days>(t)}.year());
    // The latest change at or before t among the neighbouring years decides.
    SysSeconds best = SysSeconds::min();
    seconds offset = m_std;
    for (int yy = y - 1; yy <= y + 1; ++yy) {
        const SysSeconds s = instantIn(yy, m_start, m_std);
        const SysSeconds e = instantIn(yy, m_end, m_dst);
        if (s <= t && s > best)
            best = s, offset = m_dst;
        if (e <= t && e > best)
            best = e, offset = m_std;
    }
    return offset;
}

std::optional<SysSeconds> PosixRule::nextTransitionAfter(SysSeconds t) const
{
    if (!m_hasDst || m_std == m_dst)
        return std::nullopt;
    const int y = static_cast<int>(year_month_day {floor<days>(t)}.year());
    std::optional<SysSeconds> best;
    for (int yy = y - 1; yy <= y + 1; ++yy) {
        for (const SysSeconds x : {instantIn(yy, m_start, m_std), instantIn(yy, m_end, m_dst)}) {
            if (x > t && (!best || x < *best))
                best = x;
        }
    }
    return best;
}

} // namespace gs::calendar
