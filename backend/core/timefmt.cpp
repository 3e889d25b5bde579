#include "timefmt.h"

#include <cstdio>

namespace gs {

using namespace std::chrono;

SysMicros nowMicros()
{
    return time_point_cast<microseconds>(system_clock::now());
}

SysNanos nowNanos()
{
    return time_point_cast<nanoseconds>(system_clock::now());
}

std::string formatMicroTime(SysMicros t)
{
    const auto dp = floor<days>(t);
    const year_month_day ymd {dp};
    const hh_mm_ss hms {t - dp};
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%06dZ", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
        static_cast<unsigned>(ymd.day()), static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
        static_cast<int>(hms.seconds().count()), static_cast<int>(hms.subseconds().count()));
    return buf;
}

std::string formatRfc3339(SysNanos t, seconds offset, bool utc)
{
    const auto local = t + (utc ? seconds {0} : offset);
    const auto dp = floor<days>(local);
    const year_month_day ymd {dp};
    const hh_mm_ss hms {local - dp};
    char buf[64];
    int n = std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
        static_cast<unsigned>(ymd.day()), static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
        static_cast<int>(hms.seconds().count()));
    std::string out(buf, static_cast<std::size_t>(n));
    if (const auto ns = hms.subseconds().count()) {
        std::snprintf(buf, sizeof buf, ".%09lld", static_cast<long long>(ns));
        std::string frac(buf);
        while (frac.back() == '0')
            frac.pop_back();
        out += frac;
    }
    if (utc)
        return out + "Z";
    const auto off = offset.count();
    const long long a = off < 0 ? -off : off;
    n = std::snprintf(buf, sizeof buf, "%c%02lld:%02lld", off < 0 ? '-' : '+', a / 3600, a / 60 % 60);
    return out + std::string(buf, static_cast<std::size_t>(n));
}

namespace {
bool digitsAt(std::string_view s, std::size_t pos, std::size_t n, int &value)
{
    if (pos + n > s.size())
        return false;
    value = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const char c = s[pos + i];
        if (c < '0' || c > '9')
            return false;
        value = value * 10 + (c - '0');
    }
    return true;
}
} // namespace

std::optional<sys_time<nanoseconds>> parseRfc3339(std::string_view s)
{
    int Y, M, D, h, m, sec;
    if (!digitsAt(s, 0, 4, Y) || s.size() < 20 || s[4] != '-' || !digitsAt(s, 5, 2, M) || s[7] != '-' || !digitsAt(s, 8, 2, D)
        || (s[10] != 'T' && s[10] != 't') || !digitsAt(s, 11, 2, h) || s[13] != ':' || !digitsAt(s, 14, 2, m) || s[16] != ':'
        || !digitsAt(s, 17, 2, sec))
        return std::nullopt;
    const year_month_day ymd {year {Y}, month {static_cast<unsigned>(M)}, day {static_cast<unsigned>(D)}};
    if (!ymd.ok() || h > 23 || m > 59 || sec > 60) // 60: a leap second, as RFC 3339 allows
        return std::nullopt;
    // Nanoseconds since 1970 in 64 bits reach from 1677-09-21 to 2262-04-11; stay safely inside.
    if (Y < kMinRfc3339Year || Y > kMaxRfc3339Year)
        return std::nullopt;
    std::size_t pos = 19;
    long long frac = 0;
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        std::size_t n = 0;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
            if (n < 9)
                frac = frac * 10 + (s[pos] - '0');
            ++n, ++pos;
        }
        if (n == 0)
            return std::nullopt;
        for (std::size_t k = n; k < 9; ++k)
            frac *= 10;
    }
    if (pos >= s.size())
        return std::nullopt;
    int offsetMinutes = 0;
    if (s[pos] == 'Z' || s[pos] == 'z') {
        ++pos;
    } else if (s[pos] == '+' || s[pos] == '-') {
        int oh, om;
        if (!digitsAt(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' || !digitsAt(s, pos + 4, 2, om) || oh > 23 || om > 59)
            return std::nullopt;
        offsetMinutes = (oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
        pos += 6;
    } else {
        return std::nullopt;
    }
    if (pos != s.size())
        return std::nullopt;
    sys_time<nanoseconds> t = sys_days {ymd} + hours {h} + minutes {m} + seconds {sec} + nanoseconds {frac};
    return t - minutes {offsetMinutes};
}

} // namespace gs
