// 10,000 random cron schedules checked against a brute-force evaluator that walks every local wall
// minute and maps it to instants with only Zone::offsetAt, applying decisions §4's DST rules
// directly. Schedule::next (the search the product uses) must agree on every firing.

#include <algorithm>
#include <random>
#include <set>

#include <QTest>

#include "core/timefmt.h"
#include "sources/calendar/schedule.h"

using namespace gs;
using namespace gs::calendar;
using namespace std::chrono;

namespace {

const char *const kZones[] = {"America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "Australia/Sydney", "America/Santiago",
    "Pacific/Chatham", "Asia/Kolkata", "UTC", "America/St_Johns", "Europe/London"};

/** A random field of the cron dialect, biased towards the hours around DST changes. */
std::string field(std::mt19937 &rng, int lo, int hi, bool dense, bool dayField)
{
    auto pick = [&](int a, int b) { return std::uniform_int_distribution<int>(a, b)(rng); };
    const int kind = pick(0, dense ? 9 : 7);
    auto value = [&] { return hi == 23 && pick(0, 2) == 0 ? pick(0, 4) : pick(lo, hi); };
    switch (kind) {
    case 0:
    case 1: return std::to_string(value());
    case 2: {
        std::set<int> vs;
        for (int i = pick(2, 4); i > 0; --i)
            vs.insert(value());
        std::string s;
        for (int v : vs)
            s += (s.empty() ? "" : ",") + std::to_string(v);
        return s;
    }
    case 3: {
        const int a = value(), b = std::min(hi, a + pick(0, 4));
        return std::to_string(a) + "-" + std::to_string(b);
    }
    case 4: return "*/" + std::to_string(pick(2, std::max(2, (hi - lo) / 2)));
    case 5: return std::to_string(value()) + "/" + std::to_string(pick(2, 9));
    case 6: {
        const int a = pick(lo, hi), b = std::min(hi, a + pick(1, 6));
        return std::to_string(a) + "-" + std::to_string(b) + "/" + std::to_string(pick(2, 3));
    }
    case 7: return dayField && pick(0, 1) ? "?" : "*";
    default: return "*";
    }
}

/** The reference: every local minute in [from, to), matched by hand, mapped to instants by offsets. */
std::vector<SysSeconds> bruteForce(const CronSpec &c, const Zone &zone, SysSeconds from, SysSeconds to)
{
    std::set<seconds> offsets;
    for (SysSeconds t = from - days {2}; t <= to + days {2}; t += hours {6})
        offsets.insert(zone.offsetAt(t));
    const seconds maxOff = *offsets.rbegin(), minOff = *offsets.begin();
    std::vector<SysSeconds> out;
    const auto firstDay = floor<days>(LocalSeconds {(from + minOff).time_since_epoch()}) - days {1};
    const auto lastDay = floor<days>(LocalSeconds {(to + maxOff).time_since_epoch()}) + days {1};
    for (auto d = firstDay; d <= lastDay; d += days {1}) {
        const year_month_day ymd {d};
        const bool dom = c.daysOfMonth.test(static_cast<unsigned>(ymd.day()));
        const bool dow = c.daysOfWeek.test(weekday {d}.c_encoding());
        const bool dayOk = (c.domRestricted && c.dowRestricted) ? (dom || dow) : (dom && dow);
        if (!dayOk || !c.months.test(static_cast<unsigned>(ymd.month())))
            continue;
        for (int minute = 0; minute < 24 * 60; ++minute) {
            if (!c.hours.test(static_cast<std::size_t>(minute / 60)) || !c.minutes.test(static_cast<std::size_t>(minute % 60)))
                continue;
            const LocalSeconds local = d + minutes {minute};
            std::vector<SysSeconds> instants;
            for (const seconds o : offsets) {
                const SysSeconds i {local.time_since_epoch() - o};
                if (zone.offsetAt(i) == o && std::find(instants.begin(), instants.end(), i) == instants.end())
                    instants.push_back(i);
            }
            std::sort(instants.begin(), instants.end());
            if (instants.empty()) {
                if (c.hourRestricted) {
                    // Skipped by a forward jump: fire at the first instant whose local time is past it.
                    SysSeconds t {local.time_since_epoch() - maxOff};
                    while (zone.toLocal(t) <= local)
                        t += minutes {1};
                    out.push_back(t);
                }
            } else if (c.hourRestricted) {
                out.push_back(instants.front());
            } else {
                out.insert(out.end(), instants.begin(), instants.end());
            }
        }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    std::vector<SysSeconds> window;
    for (const auto t : out) {
        if (t > from && t <= to)
            window.push_back(t);
    }
    return window;
}

/** Firings per day, roughly, to size the window. */
double density(const CronSpec &c)
{
    return static_cast<double>(c.hours.count() * c.minutes.count()) * static_cast<double>(c.months.count()) / 12.0;
}

} // namespace

class TstCalendarBrute : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tenThousandSchedules()
    {
        std::mt19937 rng(20261204);
        int compared = 0;
        long firings = 0;
        for (int n = 0; n < 10000; ++n) {
            const bool dense = n % 10 == 0;
            const std::string expr = field(rng, 0, 59, dense, false) + " " + field(rng, 0, 23, dense, false) + " "
                + field(rng, 1, 31, dense, true) + " " + field(rng, 1, 12, true, false) + " " + field(rng, 0, 6, dense, true);
            const char *zoneName = kZones[static_cast<std::size_t>(n) % std::size(kZones)];
            ScheduleInput in;
            in.schedule = expr;
            in.timezone = zoneName;
            auto s = Schedule::build(in);
            if (!s)
                continue; // e.g. "0 0 31 2 *": refused as never firing, which the parser tests cover
            auto cron = parseCron(expr);
            QVERIFY(cron.has_value());
            const Zone &zone = s->zone();
            // Sparse schedules: several years (crossing 2037, past the files' transitions);
            // dense ones: six weeks around a DST change.
            const int startYear = std::uniform_int_distribution<int>(2024, 2040)(rng);
            SysSeconds from = sys_days {year {startYear} / January / 1} + hours {std::uniform_int_distribution<int>(0, 24 * 300)(rng)};
            SysSeconds to;
            if (density(*cron) > 30) {
                if (auto t = zone.nextTransitionAfter(from))
                    from = *t - days {21};
                to = from + days {42};
            } else {
                to = from + days {3 * 365};
            }
            const auto expected = bruteForce(*cron, zone, from, to);
            std::vector<SysSeconds> actual;
            SysNanos t {from};
            while (true) {
                const auto next = s->next(t, SysNanos {from});
                if (!next || *next > SysNanos {to})
                    break;
                QVERIFY2(*next > t, expr.c_str());
                actual.push_back(floor<seconds>(*next));
                t = *next;
            }
            if (actual != expected) {
                std::size_t i = 0;
                while (i < actual.size() && i < expected.size() && actual[i] == expected[i])
                    ++i;
                const std::string a = i < actual.size() ? formatRfc3339(SysNanos {actual[i]}) : "none";
                const std::string e = i < expected.size() ? formatRfc3339(SysNanos {expected[i]}) : "none";
                QFAIL(qPrintable(QStringLiteral("'%1' in %2 from %3: firing %4 is %5, brute force says %6")
                                     .arg(QString::fromStdString(expr), QString::fromUtf8(zoneName),
                                         QString::fromStdString(formatRfc3339(SysNanos {from})))
                                     .arg(i)
                                     .arg(QString::fromStdString(a), QString::fromStdString(e))));
            }
            ++compared;
            firings += static_cast<long>(actual.size());
        }
        qInfo("compared %d schedules, %ld firings", compared, firings);
        QVERIFY(compared > 9000);
        QVERIFY(firings > 1000000);
    }
};

QTEST_GUILESS_MAIN(TstCalendarBrute)
#include "tst_calendarbrute.moc"
