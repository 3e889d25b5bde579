// Calendar schedules: next firings across zones, DST, exclusion dates and leap days (decisions §4,
// handed PC-01..PC-08), and every invalid input refused with a reason naming the field.

#include <QFile>
#include <QTest>

#include "core/duration.h"
#include "core/timefmt.h"
#include "sources/calendar/calendarconfig.h"
#include "sources/calendar/schedule.h"

using namespace gs;
using namespace gs::calendar;

namespace {

SysNanos at(const char *text)
{
    const auto t = parseRfc3339(text);
    if (!t)
        qFatal("bad time in test: %s", text);
    return *t;
}

QStringList nextN(const Schedule &s, SysNanos from, int n)
{
    QStringList out;
    SysNanos t = from;
    for (int i = 0; i < n; ++i) {
        const auto next = s.next(t, from);
        if (!next)
            break;
        out << QString::fromStdString(formatRfc3339(*next));
        t = *next;
    }
    return out;
}

QStringList list(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *i : items)
        out << QString::fromUtf8(i);
    return out;
}

ScheduleInput input(const QString &schedule, const QString &interval, const QString &zone, const QStringList &recurrence = {})
{
    ScheduleInput in;
    in.schedule = schedule.toStdString();
    in.interval = interval.toStdString();
    in.timezone = zone.toStdString();
    for (const auto &r : recurrence)
        in.recurrence.push_back(r.toStdString());
    return in;
}

} // namespace

class TstCalendarSchedule : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void next_data()
    {
        QTest::addColumn<QString>("schedule");
        QTest::addColumn<QString>("interval");
        QTest::addColumn<QString>("zone");
        QTest::addColumn<QStringList>("recurrence");
        QTest::addColumn<QString>("from");
        QTest::addColumn<QStringList>("expected");
        using L = std::initializer_list<const char *>;
        const L noRec {};
        auto row = [&](const char *name, const char *schedule, const char *interval, const char *zone, L rec, const char *from, L expected) {
            QTest::newRow(name) << QString::fromUtf8(schedule) << QString::fromUtf8(interval) << QString::fromUtf8(zone) << list(rec)
                                << QString::fromUtf8(from) << list(expected);
        };

        // Handed cases.
        row("PC-01 zone kept after the first firing", "45 23 ? * MON-FRI", "", "America/Los_Angeles", noRec, "2019-07-26T19:00:00Z",
            {"2019-07-27T06:45:00Z", "2019-07-30T06:45:00Z", "2019-07-31T06:45:00Z"});
        row("PC-02 Europe/Amsterdam", "0 6 * * MON-FRI", "", "Europe/Amsterdam", noRec, "2020-08-01T07:18:00Z",
            {"2020-08-03T04:00:00Z", "2020-08-04T04:00:00Z"});
        row("PC-03 Etc/GMT-1 is UTC+1", "35 5 * * *", "", "Etc/GMT-1", noRec, "2020-02-27T12:00:00Z",
            {"2020-02-28T04:35:00Z", "2020-02-29T04:35:00Z"});
        row("PC-05 fall-back fixed hour fires once", "0 1 * * *", "", "America/Los_Angeles", noRec, "2014-11-02T08:00:00Z",
            {"2014-11-03T09:00:00Z"});
        row("PC-06 day fields OR-ed", "0 9 1-7,15-21 * 1", "", "UTC", noRec, "2023-12-31T23:59:00Z",
            {"2024-01-01T09:00:00Z", "2024-01-02T09:00:00Z", "2024-01-03T09:00:00Z", "2024-01-04T09:00:00Z", "2024-01-05T09:00:00Z",
                "2024-01-06T09:00:00Z", "2024-01-07T09:00:00Z", "2024-01-08T09:00:00Z", "2024-01-15T09:00:00Z", "2024-01-16T09:00:00Z",
                "2024-01-17T09:00:00Z", "2024-01-18T09:00:00Z", "2024-01-19T09:00:00Z", "2024-01-20T09:00:00Z", "2024-01-21T09:00:00Z",
                "2024-01-22T09:00:00Z", "2024-01-29T09:00:00Z", "2024-02-01T09:00:00Z"});
        row("PC-08 next after a scheduled minute", "* * * * *", "", "UTC", noRec, "2019-03-05T18:08:00Z", {"2019-03-05T18:09:00Z"});
        row("PC-08 early wake-up does not repeat", "* * * * *", "", "UTC", noRec, "2019-03-05T18:07:59.999Z",
            {"2019-03-05T18:08:00Z", "2019-03-05T18:09:00Z"});
        row("day-of-month */2 is unrestricted: AND", "0 0 */2 * 1", "", "UTC", noRec, "2024-01-01T00:00:00Z",
            {"2024-01-15T00:00:00Z", "2024-01-29T00:00:00Z", "2024-02-05T00:00:00Z"});

        // America/New_York: 2026-03-08 02:00 EST -> 03:00 EDT (07:00Z); 2026-11-01 02:00 EDT -> 01:00 EST (06:00Z).
        row("New York spring, fixed hour: skipped time fires at the jump", "30 2 * * *", "", "America/New_York", noRec,
            "2026-03-07T00:00:00Z", {"2026-03-07T07:30:00Z", "2026-03-08T07:00:00Z", "2026-03-09T06:30:00Z"});
        row("New York spring, several skipped times fire once", "0,15,30,45 2 * * *", "", "America/New_York", noRec,
            "2026-03-08T06:00:00Z", {"2026-03-08T07:00:00Z", "2026-03-09T06:00:00Z"});
        row("New York spring, skipped time and the jump's own minute fire once", "0,30 2,3 * * *", "", "America/New_York", noRec,
            "2026-03-08T06:45:00Z", {"2026-03-08T07:00:00Z", "2026-03-08T07:30:00Z", "2026-03-09T06:00:00Z"});
        row("New York spring, unrestricted hour: skipped time does not fire", "30 * * * *", "", "America/New_York", noRec,
            "2026-03-08T05:00:00Z", {"2026-03-08T05:30:00Z", "2026-03-08T06:30:00Z", "2026-03-08T07:30:00Z"});
        row("New York spring, */2 hours is unrestricted", "30 */2 * * *", "", "America/New_York", noRec, "2026-03-08T05:00:00Z",
            {"2026-03-08T05:30:00Z", "2026-03-08T08:30:00Z", "2026-03-08T10:30:00Z"});
        row("New York fall, fixed hour: first occurrence only", "30 1 * * *", "", "America/New_York", noRec, "2026-10-31T12:00:00Z",
            {"2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z"});
        row("New York fall, unrestricted hour: both occurrences", "30 * * * *", "", "America/New_York", noRec, "2026-11-01T04:00:00Z",
            {"2026-11-01T04:30:00Z", "2026-11-01T05:30:00Z", "2026-11-01T06:30:00Z", "2026-11-01T07:30:00Z"});
        row("New York fall, every minute of the repeated hour twice", "59 * * * *", "", "America/New_York", noRec, "2026-11-01T05:00:00Z",
            {"2026-11-01T05:59:00Z", "2026-11-01T06:59:00Z", "2026-11-01T07:59:00Z"});

        // Europe/Berlin: 2026-03-29 02:00 CET -> 03:00 CEST (01:00Z); 2026-10-25 03:00 CEST -> 02:00 CET (01:00Z).
        row("Berlin spring, fixed", "30 2 * * *", "", "Europe/Berlin", noRec, "2026-03-28T00:00:00Z",
            {"2026-03-28T01:30:00Z", "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z"});
        row("Berlin spring, unrestricted", "30 * * * *", "", "Europe/Berlin", noRec, "2026-03-29T00:00:00Z",
            {"2026-03-29T00:30:00Z", "2026-03-29T01:30:00Z", "2026-03-29T02:30:00Z"});
        row("Berlin fall, fixed", "30 2 * * *", "", "Europe/Berlin", noRec, "2026-10-24T12:00:00Z",
            {"2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"});
        row("Berlin fall, unrestricted", "30 * * * *", "", "Europe/Berlin", noRec, "2026-10-24T23:45:00Z",
            {"2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z", "2026-10-25T02:30:00Z"});

        // Australia/Lord_Howe, a 30-minute shift: 2026-04-05 02:00 +11 -> 01:30 +10:30 (15:00Z on the 4th);
        // 2026-10-04 02:00 +10:30 -> 02:30 +11 (15:30Z on the 3rd).
        row("Lord Howe spring, fixed", "15 2 * * *", "", "Australia/Lord_Howe", noRec, "2026-10-02T00:00:00Z",
            {"2026-10-02T15:45:00Z", "2026-10-03T15:30:00Z", "2026-10-04T15:15:00Z"});
        row("Lord Howe spring, unrestricted", "15 * * * *", "", "Australia/Lord_Howe", noRec, "2026-10-03T14:00:00Z",
            {"2026-10-03T14:45:00Z", "2026-10-03T16:15:00Z", "2026-10-03T17:15:00Z"});
        row("Lord Howe fall, fixed", "45 1 * * *", "", "Australia/Lord_Howe", noRec, "2026-04-04T00:00:00Z",
            {"2026-04-04T14:45:00Z", "2026-04-05T15:15:00Z"});
        row("Lord Howe fall, unrestricted", "45 * * * *", "", "Australia/Lord_Howe", noRec, "2026-04-04T14:00:00Z",
            {"2026-04-04T14:45:00Z", "2026-04-04T15:15:00Z", "2026-04-04T16:15:00Z"});

        // Australia/Sydney (southern hemisphere): 2026-04-05 03:00 AEDT -> 02:00 AEST (16:00Z on the 4th);
        // 2026-10-04 02:00 AEST -> 03:00 AEDT (16:00Z on the 3rd).
        row("Sydney spring (October), fixed", "30 2 * * *", "", "Australia/Sydney", noRec, "2026-10-02T00:00:00Z",
            {"2026-10-02T16:30:00Z", "2026-10-03T16:00:00Z", "2026-10-04T15:30:00Z"});
        row("Sydney fall (April), fixed", "30 2 * * *", "", "Australia/Sydney", noRec, "2026-04-03T12:00:00Z",
            {"2026-04-03T15:30:00Z", "2026-04-04T15:30:00Z", "2026-04-05T16:30:00Z"});
        row("Sydney fall (April), unrestricted", "30 * * * *", "", "Australia/Sydney", noRec, "2026-04-04T15:00:00Z",
            {"2026-04-04T15:30:00Z", "2026-04-04T16:30:00Z", "2026-04-04T17:30:00Z"});

        // Past the TZif files' last transition (2037): the footer rule.
        row("New York DST in 2040", "0 12 * * *", "", "America/New_York", noRec, "2040-03-10T00:00:00Z",
            {"2040-03-10T17:00:00Z", "2040-03-11T16:00:00Z", "2040-03-12T16:00:00Z"});
        row("Berlin DST ends in 2045, fixed", "30 2 * * *", "", "Europe/Berlin", noRec, "2045-10-28T12:00:00Z",
            {"2045-10-29T00:30:00Z", "2045-10-30T01:30:00Z"});

        // Leap days.
        row("February 29", "0 0 29 2 *", "", "UTC", noRec, "2025-01-01T00:00:00Z", {"2028-02-29T00:00:00Z", "2032-02-29T00:00:00Z"});
        row("no February 29 in 2100", "0 0 29 2 *", "", "UTC", noRec, "2096-03-01T00:00:00Z", {"2104-02-29T00:00:00Z"});
        row("31st only in long months", "0 0 31 * *", "", "UTC", noRec, "2026-01-31T00:00:00Z",
            {"2026-03-31T00:00:00Z", "2026-05-31T00:00:00Z"});

        // Descriptors, names, prefixes.
        row("@hourly", "@hourly", "", "UTC", noRec, "2026-01-01T00:10:00Z", {"2026-01-01T01:00:00Z", "2026-01-01T02:00:00Z"});
        row("@daily in Berlin", "@daily", "", "Europe/Berlin", noRec, "2026-01-01T00:10:00Z", {"2026-01-01T23:00:00Z"});
        row("@weekly", "@weekly", "", "UTC", noRec, "2026-12-03T00:00:00Z", {"2026-12-06T00:00:00Z", "2026-12-13T00:00:00Z"});
        row("@monthly", "@monthly", "", "UTC", noRec, "2026-12-03T00:00:00Z", {"2027-01-01T00:00:00Z"});
        row("@yearly", "@yearly", "", "UTC", noRec, "2026-12-03T00:00:00Z", {"2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z"});
        row("names in any case", "0 12 * Dec sun", "", "UTC", noRec, "2026-12-01T00:00:00Z", {"2026-12-06T12:00:00Z"});
        row("N/step runs to the end", "50/5 * * * *", "", "UTC", noRec, "2026-01-01T00:00:00Z",
            {"2026-01-01T00:50:00Z", "2026-01-01T00:55:00Z", "2026-01-01T01:50:00Z"});
        row("CRON_TZ prefix wins over timezone", "CRON_TZ=Asia/Tokyo 0 9 * * *", "", "America/New_York", noRec, "2026-12-03T01:00:00Z",
            {"2026-12-04T00:00:00Z"});
        row("TZ prefix", "TZ=Asia/Kolkata 30 9 * * *", "", "", noRec, "2026-12-03T00:00:00Z", {"2026-12-03T04:00:00Z"});

        // Intervals: from the start, then from each scheduled instant.
        row("interval 90s", "", "90s", "UTC", noRec, "2026-01-01T00:00:00Z",
            {"2026-01-01T00:01:30Z", "2026-01-01T00:03:00Z", "2026-01-01T00:04:30Z"});
        row("interval 1h30m", "", "1h30m", "UTC", noRec, "2026-01-01T00:00:00Z", {"2026-01-01T01:30:00Z", "2026-01-01T03:00:00Z"});
        row("@every keeps sub-second starts", "@every 1s", "", "UTC", noRec, "2026-01-01T00:00:00.25Z",
            {"2026-01-01T00:00:01.25Z", "2026-01-01T00:00:02.25Z"});
        row("@every ignores DST (absolute time)", "@every 1h", "", "America/New_York", noRec, "2026-03-08T06:00:00Z",
            {"2026-03-08T07:00:00Z", "2026-03-08T08:00:00Z"});
        row("schedule wins over interval", "0 0 * * *", "1s", "UTC", noRec, "2026-01-01T00:00:00Z", {"2026-01-02T00:00:00Z"});

        // Exclusion dates, every form.
        row("EXDATE Z form skips whole local dates (v0.10)", "15 7 * * mon-fri", "", "Europe/Berlin",
            {"EXDATE:20191225T000000Z,20191226T000000Z"}, "2019-12-23T00:00:00Z",
            {"2019-12-23T06:15:00Z", "2019-12-24T06:15:00Z", "2019-12-27T06:15:00Z", "2019-12-30T06:15:00Z"});
        row("EXDATE Z form names the local date, not the UTC one", "30 23 * * *", "", "America/New_York", {"EXDATE:20261224T000000Z"},
            "2026-12-23T12:00:00Z", {"2026-12-24T04:30:00Z", "2026-12-26T04:30:00Z"});
        row("EXDATE Z form ignores its time part", "0 */6 * * *", "", "UTC", {"EXDATE:20261224T093000Z"}, "2026-12-23T17:00:00Z",
            {"2026-12-23T18:00:00Z", "2026-12-25T00:00:00Z"});
        row("EXDATE VALUE=DATE", "0 12 * * *", "", "UTC", {"EXDATE;VALUE=DATE:20261224,20261225"}, "2026-12-23T13:00:00Z",
            {"2026-12-26T12:00:00Z"});
        row("EXDATE TZID skips one instant", "0 * * * *", "", "UTC", {"EXDATE;TZID=Europe/Berlin:20261224T100000"},
            "2026-12-24T07:30:00Z", {"2026-12-24T08:00:00Z", "2026-12-24T10:00:00Z"});
        row("EXDATE floating date-time in the schedule's zone", "0 * * * *", "", "Europe/Berlin", {"EXDATE:20261224T100000"},
            "2026-12-24T07:30:00Z", {"2026-12-24T08:00:00Z", "2026-12-24T10:00:00Z"});
        row("EXDATE lower-case name and several lines", "0 12 * * *", "", "UTC", {"exdate;value=date:20261224", "EXDATE:20261225T000000Z"},
            "2026-12-23T13:00:00Z", {"2026-12-26T12:00:00Z"});
        row("EXDATE on an interval", "", "12h", "UTC", {"EXDATE;VALUE=DATE:20260102"}, "2026-01-01T00:00:00Z",
            {"2026-01-01T12:00:00Z", "2026-01-03T00:00:00Z"});
    }

    void next()
    {
        QFETCH(QString, schedule);
        QFETCH(QString, interval);
        QFETCH(QString, zone);
        QFETCH(QStringList, recurrence);
        QFETCH(QString, from);
        QFETCH(QStringList, expected);
        auto s = Schedule::build(input(schedule, interval, zone, recurrence));
        QVERIFY2(s.has_value(), s ? "" : s.error().text().c_str());
        QCOMPARE(nextN(*s, at(from.toUtf8().constData()), static_cast<int>(expected.size())), expected);
    }

    void invalid_data()
    {
        QTest::addColumn<QString>("schedule");
        QTest::addColumn<QString>("interval");
        QTest::addColumn<QString>("zone");
        QTest::addColumn<QStringList>("recurrence");
        QTest::addColumn<QString>("message"); // the start of Error::text()
        using L = std::initializer_list<const char *>;
        auto row = [](const char *name, const char *schedule, const char *interval, const char *zone, L rec, const char *msg) {
            QTest::newRow(name) << QString::fromUtf8(schedule) << QString::fromUtf8(interval) << QString::fromUtf8(zone) << list(rec)
                                << QString::fromUtf8(msg);
        };
        const L no {};
        row("neither", "", "", "UTC", no, "must have either schedule or interval");
        row("@every 500ms", "@every 500ms", "", "UTC", no,
            "failed to parse schedule '@every 500ms' from calendar event. Cause: '500ms' is shorter than the minimum of 1s");
        row("interval 500ms", "", "500ms", "UTC", no, "failed to parse interval '500ms' from calendar event. Cause: '500ms' is shorter");
        row("interval without unit", "", "10", "UTC", no, "failed to parse interval '10' from calendar event. Cause: invalid duration '10'");
        row("interval negative", "", "-5s", "UTC", no, "failed to parse interval '-5s' from calendar event. Cause: invalid duration '-5s': it is negative");
        row("@every alone", "@every", "", "UTC", no, "failed to parse schedule '@every' from calendar event. Cause: @every needs a duration");
        row("minute 61", "61 * * * *", "", "UTC", no, "failed to parse schedule '61 * * * *' from calendar event. Cause: minute field: 61 is out of range (0-59)");
        row("hour 24", "0 24 * * *", "", "UTC", no, "Cause: hour field: 24 is out of range (0-23)");
        row("day 0", "0 0 0 * *", "", "UTC", no, "Cause: day-of-month field: 0 is out of range (1-31)");
        row("month 13", "0 0 1 13 *", "", "UTC", no, "Cause: month field: 13 is out of range (1-12)");
        row("day-of-week 7", "0 0 * * 7", "", "UTC", no, "Cause: day-of-week field: 7 is out of range (0-6)");
        row("bad name", "0 0 * * funday", "", "UTC", no, "Cause: day-of-week field: 'funday' is not a number from 0 to 6 or a name (sun-sat)");
        row("month name in day field", "0 0 * * jan", "", "UTC", no, "Cause: day-of-week field: 'jan' is not");
        row("backwards range", "0 0 * * 5-1", "", "UTC", no, "Cause: day-of-week field: range '5-1' runs backwards");
        row("step zero", "*/0 * * * *", "", "UTC", no, "Cause: minute field: step '0' in '*/0' is not a positive number");
        row("empty list item", "1,,2 * * * *", "", "UTC", no, "Cause: minute field: empty item in list '1,,2'");
        row("six fields", "0 0 0 * * *", "", "UTC", no, "Cause: expected exactly 5 fields (minute hour day-of-month month day-of-week), found 6; a seconds field is not supported");
        row("L is not supported", "0 0 L * *", "", "UTC", no, "Cause: day-of-month field: 'L' is not a number from 1 to 31");
        row("never fires", "0 0 30 2 *", "", "UTC", no, "Cause: it never fires");
        row("unknown descriptor", "@reboot", "", "UTC", no, "Cause: unknown descriptor '@reboot'");
        row("offset zone", "* * * * *", "", "UTC+9", no, "timezone: unknown time zone 'UTC+9' (offsets are not zones");
        row("GMT offset", "* * * * *", "", "GMT-3", no, "timezone: unknown time zone 'GMT-3' (offsets are not zones");
        row("POSIX rule string", "* * * * *", "", "EST5EDT,M3.2.0,M11.1.0", no, "timezone: unknown time zone 'EST5EDT,M3.2.0,M11.1.0'");
        row("misspelt zone (PC-02)", "0 6 * * *", "", "Europe/Amsterdamm", no, "timezone: unknown time zone 'Europe/Amsterdamm'");
        row("path in zone", "* * * * *", "", "../../etc/passwd", no, "timezone: unknown time zone '../../etc/passwd'");
        row("bad prefix zone", "CRON_TZ=Mars/Olympus 0 0 * * *", "", "", no, "Cause: unknown time zone 'Mars/Olympus'");
        row("prefix without schedule", "CRON_TZ=UTC", "", "", no, "Cause: CRON_TZ=<zone> must be followed by the schedule");
        row("RRULE", "* * * * *", "", "UTC", {"RRULE:FREQ=DAILY"}, "recurrence[0]: RRULE is not supported");
        row("RDATE", "* * * * *", "", "UTC", {"EXDATE:20260101T000000Z", "RDATE:20260101T000000Z"}, "recurrence[1]: RDATE is not supported");
        row("EXRULE", "* * * * *", "", "UTC", {"EXRULE:FREQ=DAILY"}, "recurrence[0]: EXRULE is not supported");
        row("other line", "* * * * *", "", "UTC", {"X-FOO:1"}, "recurrence[0]: unknown recurrence line 'X-FOO:1'");
        row("unknown parameter", "* * * * *", "", "UTC", {"EXDATE;RANGE=THISANDFUTURE:20260101T000000Z"}, "recurrence[0]: unsupported EXDATE parameter 'RANGE=THISANDFUTURE'");
        row("short date-time", "* * * * *", "", "UTC", {"EXDATE:2026"}, "recurrence[0]: date-time '2026' is not YYYYMMDDThhmmss");
        row("impossible date", "* * * * *", "", "UTC", {"EXDATE:20260231T000000Z"}, "recurrence[0]: '20260231' is not a calendar date");
        row("DATE with a time", "* * * * *", "", "UTC", {"EXDATE;VALUE=DATE:20261224T000000"}, "recurrence[0]: date '20261224T000000' is not YYYYMMDD");
        row("TZID with Z", "* * * * *", "", "UTC", {"EXDATE;TZID=Europe/Berlin:20261224T000000Z"}, "recurrence[0]: value '20261224T000000Z' is UTC");
        row("bad TZID", "* * * * *", "", "UTC", {"EXDATE;TZID=Nowhere:20261224T000000"}, "recurrence[0]: TZID: unknown time zone 'Nowhere'");
        row("no values", "* * * * *", "", "UTC", {"EXDATE:"}, "recurrence[0]: EXDATE line 'EXDATE:' has no values");
    }

    void invalid()
    {
        QFETCH(QString, schedule);
        QFETCH(QString, interval);
        QFETCH(QString, zone);
        QFETCH(QStringList, recurrence);
        QFETCH(QString, message);
        auto s = Schedule::build(input(schedule, interval, zone, recurrence));
        QVERIFY(!s.has_value());
        const QString text = QString::fromStdString(s.error().text());
        QVERIFY2(text.startsWith(message) || (message.startsWith(u"Cause:") && text.contains(message)), qPrintable(text));
    }

    void warnings()
    {
        auto s = Schedule::build(input(QStringLiteral("0 12 * * *"), QStringLiteral("1m"), QStringLiteral("UTC"),
            {QStringLiteral("EXDATE:20261224T093000Z")}));
        QVERIFY(s.has_value());
        QCOMPARE(s->warnings().size(), std::size_t(2));
        QCOMPARE(QString::fromStdString(s->warnings()[0]), QStringLiteral("both schedule and interval are set: schedule wins, as in v0.10"));
        QVERIFY(QString::fromStdString(s->warnings()[1]).startsWith(u"recurrence[0]: the time part of 20261224T093000Z is ignored"));
        auto midnight = Schedule::build(input(QStringLiteral("0 12 * * *"), {}, QStringLiteral("UTC"), {QStringLiteral("EXDATE:20261224T000000Z")}));
        QVERIFY(midnight->warnings().empty());
    }

    void localZoneFollowsTZ()
    {
        // Without `timezone` or a prefix: the process's zone, as v0.10.
        qputenv("TZ", "Asia/Tokyo");
        auto s = Schedule::build(input(QStringLiteral("0 9 * * *"), {}, {}));
        qputenv("TZ", "UTC");
        QVERIFY(s.has_value());
        QCOMPARE(QString::fromStdString(s->zone().name()), QStringLiteral("Asia/Tokyo"));
        QCOMPARE(nextN(*s, at("2026-12-03T01:00:00Z"), 1), QStringList {QStringLiteral("2026-12-04T00:00:00Z")});
    }

    void zonesOfTheDatabase_data()
    {
        QTest::addColumn<QString>("zone");
        QTest::addColumn<int>("offsetMinutes"); // at 2026-01-15T12:00:00Z
        QTest::newRow("UTC") << QStringLiteral("UTC") << 0;
        QTest::newRow("Etc/GMT-1") << QStringLiteral("Etc/GMT-1") << 60;
        QTest::newRow("Etc/GMT+5") << QStringLiteral("Etc/GMT+5") << -300;
        QTest::newRow("US/Pacific link") << QStringLiteral("US/Pacific") << -480;
        QTest::newRow("EST5EDT") << QStringLiteral("EST5EDT") << -300;
        QTest::newRow("CET") << QStringLiteral("CET") << 60;
        QTest::newRow("Asia/Kolkata") << QStringLiteral("Asia/Kolkata") << 330;
        QTest::newRow("Pacific/Chatham summer") << QStringLiteral("Pacific/Chatham") << 825;
        QTest::newRow("Australia/Lord_Howe summer") << QStringLiteral("Australia/Lord_Howe") << 660;
    }

    void zonesOfTheDatabase()
    {
        QFETCH(QString, zone);
        QFETCH(int, offsetMinutes);
        auto z = Zone::load(zone.toStdString());
        QVERIFY2(z.has_value(), z ? "" : z.error().text().c_str());
        QCOMPARE(z->offsetAt(std::chrono::floor<std::chrono::seconds>(at("2026-01-15T12:00:00Z"))).count(), offsetMinutes * 60);
    }

    void footerRuleMatchesTheListedYears()
    {
        // Where a TZif file still lists transitions, its footer rule (used after the last one) must agree.
        for (const char *name : {"America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "Australia/Sydney", "America/Santiago",
                 "Pacific/Chatham", "Asia/Tokyo"}) {
            auto z = Zone::load(name);
            QVERIFY(z.has_value());
            QFile f(QStringLiteral("/usr/share/zoneinfo/") + QString::fromUtf8(name));
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray data = f.readAll();
            const auto start = data.lastIndexOf('\n', data.size() - 2);
            const QByteArray footer = data.mid(start + 1, data.size() - start - 2);
            const auto rule = PosixRule::parse(footer.toStdString());
            QVERIFY2(rule.has_value(), footer.constData());
            for (std::chrono::sys_seconds t = std::chrono::sys_days {std::chrono::year {2030} / 1 / 1};
                 t < std::chrono::sys_days {std::chrono::year {2036} / 1 / 1}; t += std::chrono::hours {7})
                QCOMPARE(rule->offsetAt(t).count(), z->offsetAt(t).count());
        }
    }

    void posixRules_data()
    {
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QString>("when");
        QTest::addColumn<int>("offsetMinutes"); // -9999: the rule does not parse
        QTest::newRow("US summer") << QStringLiteral("EST5EDT,M3.2.0,M11.1.0") << QStringLiteral("2040-07-01T00:00:00Z") << -240;
        QTest::newRow("US winter") << QStringLiteral("EST5EDT,M3.2.0,M11.1.0") << QStringLiteral("2040-12-01T00:00:00Z") << -300;
        QTest::newRow("US just before the jump") << QStringLiteral("EST5EDT,M3.2.0,M11.1.0") << QStringLiteral("2040-03-11T06:59:59Z") << -300;
        QTest::newRow("US at the jump") << QStringLiteral("EST5EDT,M3.2.0,M11.1.0") << QStringLiteral("2040-03-11T07:00:00Z") << -240;
        QTest::newRow("EU end at 03:00 local") << QStringLiteral("CET-1CEST,M3.5.0,M10.5.0/3") << QStringLiteral("2040-10-28T00:59:59Z") << 120;
        QTest::newRow("EU after end") << QStringLiteral("CET-1CEST,M3.5.0,M10.5.0/3") << QStringLiteral("2040-10-28T01:00:00Z") << 60;
        QTest::newRow("southern summer spans new year") << QStringLiteral("AEST-10AEDT,M10.1.0,M4.1.0/3") << QStringLiteral("2040-01-01T00:00:00Z") << 660;
        QTest::newRow("half-hour DST") << QStringLiteral("<+1030>-10:30<+11>-11,M10.1.0,M4.1.0") << QStringLiteral("2040-01-01T00:00:00Z") << 660;
        QTest::newRow("time past 24h") << QStringLiteral("<-04>4<-03>,M9.1.6/24,M4.1.6/24") << QStringLiteral("2040-12-01T00:00:00Z") << -180;
        QTest::newRow("Julian day") << QStringLiteral("XXX3YYY,J60/2,J300/2") << QStringLiteral("2040-06-01T00:00:00Z") << -120;
        QTest::newRow("no DST") << QStringLiteral("<+09>-9") << QStringLiteral("2040-06-01T00:00:00Z") << 540;
        QTest::newRow("garbage") << QStringLiteral("not a rule") << QStringLiteral("2040-06-01T00:00:00Z") << -9999;
        QTest::newRow("short name") << QStringLiteral("AB5") << QStringLiteral("2040-06-01T00:00:00Z") << -9999;
        QTest::newRow("bad week") << QStringLiteral("EST5EDT,M3.6.0,M11.1.0") << QStringLiteral("2040-06-01T00:00:00Z") << -9999;
    }

    void posixRules()
    {
        QFETCH(QString, rule);
        QFETCH(QString, when);
        QFETCH(int, offsetMinutes);
        const auto r = PosixRule::parse(rule.toStdString());
        if (offsetMinutes == -9999) {
            QVERIFY(!r.has_value());
            return;
        }
        QVERIFY(r.has_value());
        QCOMPARE(r->offsetAt(std::chrono::floor<std::chrono::seconds>(at(when.toUtf8().constData()))).count(), offsetMinutes * 60);
    }

    void payload()
    {
        auto z = Zone::load("Europe/Berlin");
        QCOMPARE(QString::fromStdString(firingPayload(at("2026-12-03T10:00:00Z"), *z, R"({"team":"ops"})")),
            QStringLiteral(R"({"eventTime":"2026-12-03T10:00:00Z","localTime":"2026-12-03T11:00:00+01:00","userPayload":{"team":"ops"}})"));
        auto la = Zone::load("America/Los_Angeles");
        QCOMPARE(QString::fromStdString(firingPayload(at("2019-07-27T06:45:00Z"), *la, R"("night")")),
            QStringLiteral(R"({"eventTime":"2019-07-27T06:45:00Z","localTime":"2019-07-26T23:45:00-07:00","userPayload":"night"})"));
        QCOMPARE(QString::fromStdString(firingPayload(at("2026-01-01T00:00:01.25Z"), Zone::utc(), "null")),
            QStringLiteral(R"({"eventTime":"2026-01-01T00:00:01.25Z","localTime":"2026-01-01T00:00:01.25+00:00","userPayload":null})"));
    }

    void userPayload_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("json"); // empty: an error
        QTest::newRow("absent") << QByteArray("interval: 1m") << QStringLiteral("null");
        QTest::newRow("mapping") << QByteArray("interval: 1m\nuserPayload:\n  team: ops\n  n: 3\n  on: yes\n  list: [1, two, 0x1F, 010]")
                                 << QStringLiteral(R"({"team":"ops","n":3,"on":true,"list":[1,"two",31,8]})");
        QTest::newRow("string stays a string") << QByteArray("interval: 1m\nuserPayload: night") << QStringLiteral(R"("night")");
        QTest::newRow("quoted JSON stays a string") << QByteArray("interval: 1m\nuserPayload: \"{\\\"a\\\":1}\"")
                                                    << QStringLiteral("\"{\\\"a\\\":1}\"");
        QTest::newRow("quoted number stays a string") << QByteArray("interval: 1m\nuserPayload: \"42\"") << QStringLiteral(R"("42")");
        QTest::newRow("float and null") << QByteArray("interval: 1m\nuserPayload: [1.5, ~, 1e3, -0.25]")
                                        << QStringLiteral(R"([1.5,null,1000,-0.25])"); // go-yaml v2 reads 1e3 as a float
        QTest::newRow("infinity has no JSON form") << QByteArray("interval: 1m\nuserPayload: {x: .inf}") << QString();
        QTest::newRow("base-60 integer") << QByteArray("interval: 1m\nuserPayload: {x: 1:30:00}") << QStringLiteral(R"({"x":5400})");
        QTest::newRow("base-60 integer too large") << QByteArray("interval: 1m\nuserPayload: {x: 1:2:3:4:5:6:7:8:9:10:11:12:13:14:15:16:17:18:19:20:21:22}")
                                                   << QString();
        QTest::newRow("keys differing in case are different keys") << QByteArray("interval: 1m\nuserPayload: {a: 1, A: 2}")
                                                                   << QStringLiteral(R"({"a":1,"A":2})");
    }

    void userPayload()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, json);
        auto c = loadConfig(yaml.toStdString());
        if (json.isEmpty()) {
            QVERIFY(!c.has_value());
            const QString text = QString::fromStdString(c.error().text());
            QVERIFY2(text == u"failed to validate event source. err: userPayload.x: .inf has no JSON form; quote it to keep it as text"
                    || text
                        == u"failed to validate event source. err: userPayload.x: the base-60 integer 1:2:3:4:5:6:7:8:9:10:11:12:13:14:15:16:17:18:19:20:21:22 "
                           "is too large for JSON; quote it to keep it as text",
                qPrintable(text));
            return;
        }
        QVERIFY2(c.has_value(), c ? "" : c.error().text().c_str());
        QCOMPARE(QString::fromStdString(c->userPayloadJson), json);
    }

    void goDurations_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("ns"); // -1: an error
        QTest::newRow("90s") << QStringLiteral("90s") << qint64(90000000000);
        QTest::newRow("1h30m") << QStringLiteral("1h30m") << qint64(5400000000000);
        QTest::newRow("1.5h") << QStringLiteral("1.5h") << qint64(5400000000000);
        QTest::newRow("300ms") << QStringLiteral("300ms") << qint64(300000000);
        QTest::newRow("micro sign") << QStringLiteral("2µs") << qint64(2000);
        QTest::newRow("1m0.5s") << QStringLiteral("1m0.5s") << qint64(60500000000);
        QTest::newRow("zero") << QStringLiteral("0") << qint64(0);
        QTest::newRow("no unit") << QStringLiteral("10") << qint64(-1);
        QTest::newRow("bad unit") << QStringLiteral("10d") << qint64(-1);
        QTest::newRow("empty") << QString() << qint64(-1);
        QTest::newRow("overflow") << QStringLiteral("9999999999h") << qint64(-1);
        QTest::newRow("dot alone") << QStringLiteral(".s") << qint64(-1);
    }

    void goDurations()
    {
        QFETCH(QString, text);
        QFETCH(qint64, ns);
        auto d = parseGoDuration(text.toStdString());
        if (ns < 0) {
            QVERIFY(!d.has_value());
            return;
        }
        QVERIFY2(d.has_value(), d ? "" : d.error().text().c_str());
        QCOMPARE(static_cast<qint64>(d->count()), ns);
    }
};

QTEST_GUILESS_MAIN(TstCalendarSchedule)
#include "tst_calendarschedule.moc"
