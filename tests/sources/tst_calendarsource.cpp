// The calendar source at run time: the shared scheduler (early and late wake-ups, clock jumps,
// removal), the type's validation, and real firings on the wall clock.

#include <thread>

#include <QTest>

#include "core/json.h"
#include "recordingemitter.h"
#include "sources/calendar/calendartype.h"
#include "sources/calendar/scheduler.h"
#include "testsupport.h"

using namespace gs;
using namespace gs::calendar;
using namespace std::chrono;
using test::RecordingEmitter;

namespace {

SysNanos at(const char *text)
{
    return *parseRfc3339(text);
}

/** A clock the test moves by hand; waits poll it. */
class ManualClock final : public Clock
{
public:
    explicit ManualClock(SysNanos start)
        : m_now(start.time_since_epoch().count())
    {
    }
    SysNanos now() const override { return SysNanos {nanoseconds {m_now.load()}}; }
    void set(SysNanos t) { m_now = t.time_since_epoch().count(); }
    void waitUntil(std::unique_lock<std::mutex> &lock, std::condition_variable &cv, SysNanos) override
    {
        cv.wait_for(lock, milliseconds {2});
    }

private:
    std::atomic<std::int64_t> m_now;
};

struct Fired {
    std::mutex mutex;
    std::vector<SysNanos> times;
    std::vector<std::string> notices;
    std::size_t count()
    {
        std::lock_guard l(mutex);
        return times.size();
    }
};

Scheduler::Task everyMinute(Fired &f)
{
    Scheduler::Task t;
    t.next = [](SysNanos after) { return floor<minutes>(after) + minutes {1}; };
    t.fire = [&f](SysNanos s) {
        std::lock_guard l(f.mutex);
        f.times.push_back(s);
    };
    t.notice = [&f](const std::string &n) {
        std::lock_guard l(f.mutex);
        f.notices.push_back(n);
    };
    return t;
}

void settle()
{
    std::this_thread::sleep_for(milliseconds {40});
}

SourceSpec spec(const std::string &name, const std::string &data)
{
    return SourceSpec {"1", name, data, "v0.10"};
}

} // namespace

class TstCalendarSource : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void earlyWakeUpNeverFiresTwice()
    {
        // PC-08: the timer for 18:08:00 wakes 1 ms early; one event per scheduled minute.
        ManualClock clock(at("2019-03-05T18:07:59.999Z"));
        Fired f;
        Scheduler s(clock);
        s.add(everyMinute(f), at("2019-03-05T18:08:00Z"));
        settle();
        QCOMPARE(f.count(), std::size_t(0));
        clock.set(at("2019-03-05T18:08:00.0001Z"));
        QTRY_COMPARE(f.count(), std::size_t(1));
        clock.set(at("2019-03-05T18:08:00.05Z"));
        settle();
        QCOMPARE(f.count(), std::size_t(1));
        clock.set(at("2019-03-05T18:09:00.02Z"));
        QTRY_COMPARE(f.count(), std::size_t(2));
        std::lock_guard l(f.mutex);
        QCOMPARE(f.times[0], at("2019-03-05T18:08:00Z"));
        QCOMPARE(f.times[1], at("2019-03-05T18:09:00Z"));
    }

    void lateWakeUpCatchesUpWithScheduledTimes()
    {
        // Woken 2.5 minutes late (a short sleep): every missed firing, each with its scheduled instant.
        ManualClock clock(at("2026-01-01T00:00:30Z"));
        Fired f;
        Scheduler s(clock);
        s.add(everyMinute(f), at("2026-01-01T00:01:00Z"));
        clock.set(at("2026-01-01T00:03:30Z"));
        QTRY_COMPARE(f.count(), std::size_t(3));
        settle();
        std::lock_guard l(f.mutex);
        QCOMPARE(f.times, (std::vector<SysNanos> {at("2026-01-01T00:01:00Z"), at("2026-01-01T00:02:00Z"), at("2026-01-01T00:03:00Z")}));
        QVERIFY(f.notices.empty());
    }

    void clockJumpSkipsWhatIsTooOldAndSaysSo()
    {
        // Eight hours asleep: firings older than the 3 h window are skipped with a notice; at most 100 are caught up.
        ManualClock clock(at("2026-01-01T00:00:30Z"));
        Fired f;
        Scheduler s(clock);
        s.add(everyMinute(f), at("2026-01-01T00:01:00Z"));
        clock.set(at("2026-01-01T08:00:30Z"));
        QTRY_VERIFY([&] {
            std::lock_guard l(f.mutex);
            return f.notices.size() == 2;
        }());
        settle();
        {
            std::lock_guard l(f.mutex);
            QCOMPARE(f.times.size(), std::size_t(Scheduler::kMaxCatchUp));
            QCOMPARE(f.times.front(), at("2026-01-01T05:01:00Z")); // the first inside the window
            QCOMPARE(f.notices[0],
                std::string("skipped 300 firings from 2026-01-01T00:01:00Z missed while the system slept or its clock jumped"));
            QVERIFY(f.notices[1].starts_with("skipped 80 firings from 2026-01-01T06:41:00Z"));
        }
        // Back on schedule: the next one fires on time.
        clock.set(at("2026-01-01T08:01:00.001Z"));
        QTRY_COMPARE(f.count(), std::size_t(Scheduler::kMaxCatchUp + 1));
        std::lock_guard l(f.mutex);
        QCOMPARE(f.times.back(), at("2026-01-01T08:01:00Z"));
    }

    void clockSetBackDoesNotRepeat()
    {
        ManualClock clock(at("2026-01-01T00:00:59Z"));
        Fired f;
        Scheduler s(clock);
        s.add(everyMinute(f), at("2026-01-01T00:01:00Z"));
        clock.set(at("2026-01-01T00:01:00.001Z"));
        QTRY_COMPARE(f.count(), std::size_t(1));
        clock.set(at("2026-01-01T00:00:10Z")); // set back by almost a minute
        clock.set(at("2026-01-01T00:01:30Z"));
        settle();
        QCOMPARE(f.count(), std::size_t(1));
        clock.set(at("2026-01-01T00:02:00.001Z"));
        QTRY_COMPARE(f.count(), std::size_t(2));
    }

    void removedTaskNeverFiresAgain()
    {
        ManualClock clock(at("2026-01-01T00:00:00Z"));
        Fired f;
        Scheduler s(clock);
        const auto a = s.add(everyMinute(f), at("2026-01-01T00:01:00Z"));
        Fired g;
        s.add(everyMinute(g), at("2026-01-01T00:01:00Z"));
        s.remove(a);
        QCOMPARE(s.size(), std::size_t(1));
        clock.set(at("2026-01-01T00:05:00Z"));
        QTRY_COMPARE(g.count(), std::size_t(5));
        QCOMPARE(f.count(), std::size_t(0));
    }

    void validationAnswersWithV010Wording_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QString>("reason"); // empty: valid
        QTest::newRow("interval") << QByteArray("interval: 10s") << QString();
        QTest::newRow("schedule") << QByteArray("schedule: \"15 7 * * mon-fri\"\ntimezone: Europe/Berlin") << QString();
        QTest::newRow("unquoted interval number") << QByteArray("interval: 10") << QStringLiteral("failed to validate event source. err: failed to parse interval '10' from calendar event. Cause: invalid duration '10': a unit is missing");
        QTest::newRow("nil") << QByteArray("") << QStringLiteral("failed to validate event source. err: event source can't be nil");
        QTest::newRow("neither") << QByteArray("userPayload: x") << QStringLiteral("failed to validate event source. err: must have either schedule or interval");
        QTest::newRow("bad cron") << QByteArray("schedule: \"61 * * * *\"")
                                  << QStringLiteral("failed to validate event source. err: failed to parse schedule '61 * * * *' from calendar event. Cause: minute field: 61 is out of range (0-59)");
        QTest::newRow("bad zone (PC-02)") << QByteArray("schedule: \"0 6 * * *\"\ntimezone: Europe/Amsterdamm")
                                          << QStringLiteral("failed to validate event source. err: timezone: unknown time zone 'Europe/Amsterdamm'");
        QTest::newRow("recurrence not a list") << QByteArray("interval: 1m\nrecurrence: EXDATE:20260101T000000Z")
                                               << QStringLiteral("failed to parse event source. err: recurrence: expected a list of strings");
        QTest::newRow("RRULE") << QByteArray("interval: 1m\nrecurrence: [\"RRULE:FREQ=DAILY\"]")
                               << QStringLiteral("failed to validate event source. err: recurrence[0]: RRULE is not supported");
        QTest::newRow("schedule is a mapping") << QByteArray("schedule: {a: 1}") << QStringLiteral("failed to parse event source. err: schedule: expected a string");
    }

    void validationAnswersWithV010Wording()
    {
        QFETCH(QByteArray, data);
        QFETCH(QString, reason);
        CalendarType type({});
        const Verdict v = type.validate(spec("s", data.toStdString()));
        QCOMPARE(v.valid, reason.isEmpty());
        QVERIFY2(QString::fromStdString(v.reason).startsWith(reason), v.reason.c_str());
    }

    void intervalFiresOnTheWallClock()
    {
        CalendarType type({});
        auto emitter = std::make_shared<RecordingEmitter>();
        auto source = type.start(spec("tick", "interval: 1s\nuserPayload: {n: 1}"), emitter);
        QVERIFY(source.has_value());
        QVERIFY(emitter->waitForCount(3, seconds {6}));
        source->reset();
        const auto events = emitter->eventsCopy();
        QCOMPARE(emitter->statesCopy().front().substr(0, 27), std::string("connected: first firing at "));
        std::vector<SysNanos> scheduled;
        for (const auto &e : events) {
            auto j = json::parse(e.payload);
            QVERIFY(j.has_value());
            QCOMPARE(json::write(*j->member("userPayload")), std::string(R"({"n":1})"));
            scheduled.push_back(*parseRfc3339(*j->member("eventTime")->string()));
            QCOMPARE(e.meta, (MetaList {{"content-type", "application/json"}}));
        }
        for (std::size_t i = 1; i < scheduled.size(); ++i)
            QCOMPARE(scheduled[i] - scheduled[i - 1], nanoseconds {seconds {1}});
        QCOMPARE(scheduled[0].time_since_epoch() % seconds {1}, nanoseconds {0}); // whole seconds, as v0.10
        // Emitted on time: within 20 ms of the scheduled instant.
        for (std::size_t i = 0; i < events.size(); ++i) {
            const auto late = emitter->emittedAt[i] - scheduled[i];
            QVERIFY2(late >= nanoseconds {0} && late < milliseconds {20}, qPrintable(QString::number(duration_cast<microseconds>(late).count())));
        }
        // Stopped: nothing more.
        const auto n = emitter->count();
        std::this_thread::sleep_for(milliseconds {1300});
        QCOMPARE(emitter->count(), n);
    }

    void everyMinuteFiresOncePerMinuteForTwoMinutes()
    {
        // Real time: a `* * * * *` source across two minute boundaries fires exactly twice, on the minute.
        CalendarType type({});
        auto emitter = std::make_shared<RecordingEmitter>();
        const auto start = system_clock::now();
        auto source = type.start(spec("minutely", "schedule: \"* * * * *\"\ntimezone: UTC"), emitter);
        QVERIFY(source.has_value());
        const auto secondBoundary = floor<minutes>(start) + minutes {2};
        std::this_thread::sleep_until(secondBoundary + milliseconds {1500});
        source->reset();
        const auto events = emitter->eventsCopy();
        QCOMPARE(events.size(), std::size_t(2));
        for (std::size_t i = 0; i < 2; ++i) {
            auto j = json::parse(events[i].payload);
            const auto t = *parseRfc3339(*j->member("eventTime")->string());
            QCOMPARE(t, time_point_cast<nanoseconds>(floor<minutes>(start) + minutes {1 + static_cast<int>(i)}));
            QVERIFY(emitter->emittedAt[i] - t < milliseconds {100});
            QCOMPARE(QString::fromStdString(*j->member("localTime")->string()).right(6), QStringLiteral("+00:00"));
        }
    }
};

QTEST_GUILESS_MAIN(TstCalendarSource)
#include "tst_calendarsource.moc"
