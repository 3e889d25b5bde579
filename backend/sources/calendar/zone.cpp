#include "zone.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>

#include <date/tz.h>

#include "core/printable.h"

namespace gs::calendar {

using namespace std::chrono;

namespace {

constexpr char kZoneInfoDir[] = "/usr/share/zoneinfo";

/** The footer of a TZif (version 2+) file: the POSIX rule between its last two newlines. */
std::optional<PosixRule> tzifFooter(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return std::nullopt;
    const std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (data.size() < 44 || data.compare(0, 4, "TZif") != 0 || data[4] < '2' || data.back() != '\n')
        return std::nullopt;
    const auto start = data.rfind('\n', data.size() - 2);
    if (start == std::string::npos)
        return std::nullopt;
    return PosixRule::parse(std::string_view(data).substr(start + 1, data.size() - start - 2));
}

/** The name /etc/localtime points to, if it is a link into the zoneinfo tree. */
std::string linkedZoneName()
{
    std::error_code ec;
    const auto target = std::filesystem::read_symlink("/etc/localtime", ec);
    if (ec)
        return {};
    const std::string s = target.string();
    const auto pos = s.find("zoneinfo/");
    return pos == std::string::npos ? std::string() : s.substr(pos + 9);
}

} // namespace

bool isZoneNameShaped(std::string_view name)
{
    if (name.empty() || name.size() > 255 || name.front() == '/' || name.front() == '.' || name.find("..") != std::string_view::npos)
        return false;
    for (const char c : name) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' || c == '_' || c == '-'
            || c == '+' || c == '.';
        if (!ok)
            return false;
    }
    return true;
}

Result<Zone> Zone::load(std::string_view name)
{
    const std::string why = "expected a time zone name of the tz database, such as Europe/Berlin, America/New_York or UTC";
    if (!isZoneNameShaped(name))
        return fail("unknown time zone " + quoted(name) + " (" + why + ")");
    Zone z;
    try {
        z.m_tz = date::locate_zone(name);
    } catch (const std::exception &) {
        const bool offsetLike = name.find_first_of("+-") != std::string_view::npos
            && (name.substr(0, 3) == "UTC" || name.substr(0, 3) == "GMT") && name.find('/') == std::string_view::npos;
        return fail("unknown time zone " + quoted(name) + " ("
            + (offsetLike ? "offsets are not zones; use a tz database name such as Etc/GMT-9 for UTC+9" : why) + ")");
    }
    z.m_name = std::string(name);
    // date/tz answers from the transitions the file lists; beyond the last one, the footer rule decides.
    const auto last = z.m_tz->get_info(sys_days {year {2200} / January / 1}).begin;
    if (auto rule = tzifFooter(std::string(kZoneInfoDir) + "/" + z.m_name); rule && rule->hasDst()) {
        z.m_tail = std::move(rule);
        z.m_tailFrom = last;
    }
    return z;
}

Zone Zone::utc()
{
    Zone z;
    z.m_name = "UTC";
    z.m_tail = PosixRule::parse("UTC0");
    z.m_tailFrom = SysSeconds::min();
    return z;
}

Zone Zone::local()
{
    if (const char *tz = std::getenv("TZ"); tz) {
        std::string_view v(tz);
        if (!v.empty() && v.front() == ':')
            v.remove_prefix(1);
        if (const auto pos = v.find("zoneinfo/"); v.substr(0, 1) == "/" && pos != std::string_view::npos)
            v = v.substr(pos + 9);
        if (v.empty())
            return utc();
        if (auto z = load(v))
            return *z;
        if (auto rule = PosixRule::parse(v)) {
            Zone z;
            z.m_name = std::string(v);
            z.m_tail = std::move(rule);
            z.m_tailFrom = SysSeconds::min();
            return z;
        }
        return utc();
    }
    if (const std::string linked = linkedZoneName(); !linked.empty()) {
        if (auto z = load(linked))
            return *z;
    }
    std::ifstream etc("/etc/timezone");
    std::string name;
    if (etc && std::getline(etc, name)) {
        if (auto z = load(name))
            return *z;
    }
    return utc();
}

seconds Zone::offsetAt(SysSeconds t) const
{
    if (m_tail && t >= m_tailFrom)
        return m_tail->offsetAt(t);
    return m_tz ? m_tz->get_info(t).offset : seconds {0};
}

std::optional<SysSeconds> Zone::nextTransitionAfter(SysSeconds t) const
{
    if (m_tail && t >= m_tailFrom)
        return m_tail->nextTransitionAfter(t);
    if (!m_tz)
        return std::nullopt;
    const auto end = m_tz->get_info(t).end;
    if (end >= sys_days {year {9999} / January / 1})
        return std::nullopt;
    return end;
}

Resolution Zone::resolve(LocalSeconds local) const
{
    // Assumes at most one offset change within a day of `local`, true of every real zone today.
    const SysSeconds pseudo {local.time_since_epoch()};
    const seconds a = offsetAt(pseudo - days {1});
    const seconds b = offsetAt(pseudo + days {1});
    const SysSeconds ia = pseudo - a;
    const SysSeconds ib = pseudo - b;
    const bool va = offsetAt(ia) == a;
    const bool vb = offsetAt(ib) == b;
    if (va && vb && ia != ib)
        return {Resolution::Ambiguous, std::min(ia, ib), std::max(ia, ib)};
    if (va)
        return {Resolution::Unique, ia, {}};
    if (vb)
        return {Resolution::Unique, ib, {}};
    // A gap: the transition lies between the two candidates.
    const auto t = nextTransitionAfter(std::min(ia, ib) - seconds {1});
    return {Resolution::Gap, t ? *t : std::max(ia, ib), {}};
}

} // namespace gs::calendar
