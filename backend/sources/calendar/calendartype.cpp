#include "calendartype.h"

#include <atomic>

#include "core/logging.h"
#include "scheduler.h"

namespace gs::calendar {

namespace {

/** One scheduled source; destroying it unschedules it (no firing after the destructor returns). */
class CalendarSource final : public RunningSource
{
public:
    CalendarSource(std::shared_ptr<Scheduler> scheduler, std::uint64_t id)
        : m_scheduler(std::move(scheduler))
        , m_id(id)
    {
    }
    ~CalendarSource() override { m_scheduler->remove(m_id); }

private:
    std::shared_ptr<Scheduler> m_scheduler;
    std::uint64_t m_id;
};

std::string describeNext(const std::optional<SysNanos> &t, const Zone &zone)
{
    if (!t)
        return "the schedule never fires again";
    // "first": this state stays on show while later firings happen (the app lists it with the source).
    return "first firing at " + formatRfc3339(*t) + " ("
        + formatRfc3339(*t, zone.offsetAt(std::chrono::floor<std::chrono::seconds>(*t)), false) + " " + zone.name() + ")";
}

} // namespace

CalendarType::CalendarType(SourceEnvironment env)
    : m_env(std::move(env))
{
}

CalendarType::~CalendarType() = default;

Result<std::unique_ptr<RunningSource>> CalendarType::run(const SourceSpec &spec, Config config, std::shared_ptr<Emitter> emitter)
{
    auto built = Schedule::build(config.schedule);
    if (!built)
        return tl::unexpected(built.error());
    auto schedule = std::make_shared<const Schedule>(std::move(*built));
    for (const auto &w : schedule->warnings())
        qCWarning(lcCalendar).noquote() << QString::fromStdString(spec.name) << QString::fromStdString(w);
    // Interval firings count from the start in whole seconds, as v0.10's (it trims the sub-second part).
    const SysNanos anchor = std::chrono::floor<std::chrono::seconds>(nowNanos());
    const auto first = schedule->next(anchor, anchor);
    emitter->reportState(phase::kConnected, describeNext(first, schedule->zone()));
    if (!first)
        return std::make_unique<RunningSource>();

    std::shared_ptr<Scheduler> scheduler;
    {
        std::lock_guard lock(m_mutex);
        if (!m_scheduler)
            m_scheduler = std::make_shared<Scheduler>();
        scheduler = m_scheduler;
    }
    auto dropped = std::make_shared<std::atomic<std::uint64_t>>(0);
    Scheduler::Task task;
    task.next = [schedule, anchor](SysNanos after) { return schedule->next(after, anchor); };
    task.fire = [schedule, emitter, dropped, payload = std::move(config.userPayloadJson), name = spec.name](SysNanos at) {
        SourceEvent ev;
        ev.payload = firingPayload(at, schedule->zone(), payload);
        if (emitter->wantsMeta())
            ev.meta = {{"content-type", "application/json"}};
        if (emitter->emit(std::move(ev)) == EmitResult::Full) {
            // A timer cannot push back: count the drop and say so (decisions §3: never silent).
            const auto n = ++*dropped;
            qCWarning(lcCalendar).noquote() << QString::fromStdString(name) << "firing at" << QString::fromStdString(formatRfc3339(at))
                                            << "dropped: the stream is full (" << n << "dropped so far)";
        }
    };
    task.notice = [emitter, schedule, name = spec.name](const std::string &text) {
        qCWarning(lcCalendar).noquote() << QString::fromStdString(name) << QString::fromStdString(text);
        emitter->reportState(phase::kConnected, text);
    };
    const auto id = scheduler->add(std::move(task), *first);
    return std::make_unique<CalendarSource>(scheduler, id);
}

} // namespace gs::calendar
