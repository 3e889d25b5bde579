// Calendar benchmark (issue 3): 10,000 calendar sources in one process.
//  1. scheduler: the calendar type firing into a recording emitter (the source's own jitter);
//  2. end to end: the calendar gRPC server and the gateway client in one process over loopback
//     gRPC, jitter measured when the client receives each event;
//  3. idle CPU of (2) with 10,000 open streams whose schedules do not fire;
//  4. `Schedule::next` speed for `calendar next --count 10000`.
// Usage: gs_bench_calendar [minutes-per-scenario (default 2)] [sources (default 10000)]

#include <algorithm>
#include <cstdio>
#include <mutex>
#include <sys/resource.h>
#include <thread>
#include <vector>

#include <QCoreApplication>
#include <QThread>
#include <QTimer>

#include "client/gatewayclient.h"
#include "core/json.h"
#include "core/logging.h"
#include "core/timefmt.h"
#include "server/gatewayserver.h"
#include "sources/calendar/calendartype.h"
#include "sources/calendar/schedule.h"

using namespace gs;
using namespace std::chrono;

namespace {

/** Arrival times of firings; parsed after the run so recording stays cheap. */
struct Recorder {
    std::mutex mutex;
    std::vector<std::pair<std::string, system_clock::time_point>> seen;
    void add(const std::string &payload)
    {
        const auto now = system_clock::now();
        std::lock_guard l(mutex);
        seen.emplace_back(payload, now);
    }
    /** Lateness of every firing in microseconds, sorted. */
    std::vector<double> lateness()
    {
        std::lock_guard l(mutex);
        std::vector<double> out;
        out.reserve(seen.size());
        for (const auto &[payload, at] : seen) {
            auto j = json::parse(payload);
            const auto scheduled = parseRfc3339(*j->member("eventTime")->string());
            out.push_back(static_cast<double>(duration_cast<microseconds>(at - *scheduled).count()));
        }
        std::sort(out.begin(), out.end());
        return out;
    }
};

class RecordingEmitter final : public Emitter
{
public:
    explicit RecordingEmitter(Recorder &r)
        : m_r(r)
    {
    }
    EmitResult emit(SourceEvent &&e) override
    {
        m_r.add(e.payload);
        return EmitResult::Accepted;
    }
    void reportState(const std::string &, const std::string &) override { }
    void fail(const std::string &) override { }

private:
    Recorder &m_r;
};

class RecordingPipeline final : public EventPipeline
{
public:
    explicit RecordingPipeline(Recorder &r)
        : m_r(r)
    {
    }
    bool offer(Event &event, std::function<void()>) override
    {
        m_r.add(event.payload);
        return true;
    }

private:
    Recorder &m_r;
};

double cpuSeconds()
{
    rusage u {};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

void report(const char *what, std::vector<double> late, std::size_t expected)
{
    if (late.empty()) {
        std::printf("%-40s no firings\n", what);
        return;
    }
    auto pct = [&](double p) { return late[std::min(late.size() - 1, static_cast<std::size_t>(p * static_cast<double>(late.size())))] / 1000.0; };
    std::printf("%-40s firings %zu (expected %zu)  jitter p50 %.2f ms  p99 %.2f ms  max %.2f ms  min %.2f ms\n", what, late.size(), expected,
        pct(0.5), pct(0.99), late.back() / 1000.0, late.front() / 1000.0);
}

/** A mix: half every minute, half @every 5..60 s. */
std::string sourceConfig(int i)
{
    if (i % 2 == 0)
        return "schedule: \"* * * * *\"\ntimezone: UTC\nuserPayload: {i: " + std::to_string(i) + "}\n";
    return "interval: " + std::to_string(5 + i % 56) + "s\nuserPayload: {i: " + std::to_string(i) + "}\n";
}

std::size_t expectedFirings(int sources, SysNanos start, SysNanos end)
{
    std::size_t n = 0;
    const auto anchor = floor<seconds>(start);
    for (int i = 0; i < sources; ++i) {
        calendar::ScheduleInput in;
        if (i % 2 == 0) {
            in.schedule = "* * * * *";
            in.timezone = "UTC";
        } else {
            in.interval = std::to_string(5 + i % 56) + "s";
        }
        auto s = calendar::Schedule::build(in);
        for (auto t = s->next(anchor, anchor); t && *t <= end; t = s->next(*t, anchor))
            ++n;
    }
    return n;
}

void schedulerScenario(int sources, int minutes_)
{
    Recorder rec;
    calendar::CalendarType type({});
    std::vector<std::unique_ptr<RunningSource>> running;
    auto emitter = std::make_shared<RecordingEmitter>(rec);
    const auto start = nowNanos();
    for (int i = 0; i < sources; ++i) {
        auto s = type.start(SourceSpec {std::to_string(i), "s" + std::to_string(i), sourceConfig(i), "v0.10"}, emitter);
        if (!s) {
            std::fprintf(stderr, "start failed: %s\n", s.error().text().c_str());
            std::exit(1);
        }
        running.push_back(std::move(*s));
    }
    std::this_thread::sleep_for(std::chrono::minutes {minutes_});
    const auto end = nowNanos();
    running.clear();
    report("scheduler (emit, no gRPC)", rec.lateness(), expectedFirings(sources, start, end));
}

Gateway gatewayNamed(const std::string &name)
{
    Gateway g;
    g.meta.name = name;
    g.type = "calendar";
    return g;
}

void endToEndScenario(int sources, int minutes_, bool idle)
{
    Recorder rec;
    auto type = std::make_shared<calendar::CalendarType>(SourceEnvironment {});
    auto server = GatewayServer::start(type, "127.0.0.1", 0, StreamLimits {});
    if (!server) {
        std::fprintf(stderr, "%s\n", server.error().text().c_str());
        std::exit(1);
    }
    GatewayClient client(gatewayNamed("bench"), GatewayClient::Options {(*server)->target()}, std::make_shared<RecordingPipeline>(rec));
    ConfigMap cm;
    cm.meta.name = "bench";
    cm.meta.labels[kEventSourceVersionLabel] = "v0.10";
    for (int i = 0; i < sources; ++i)
        cm.data.emplace_back("s" + std::to_string(i), idle ? "schedule: \"0 0 1 1 *\"\ntimezone: UTC\n# " + std::to_string(i) + "\n" : sourceConfig(i));
    const auto setupStart = steady_clock::now();
    const auto start = nowNanos();
    client.reconcile(cm);
    // Wait until every source's stream reports connected.
    QEventLoop loop;
    QTimer poll;
    double setupSeconds = 0;
    QObject::connect(&poll, &QTimer::timeout, [&] {
        std::size_t connected = 0;
        for (const auto &s : client.statuses())
            connected += s.connection.starts_with("connected") ? 1 : 0;
        if (connected == static_cast<std::size_t>(sources)) {
            setupSeconds = duration<double>(steady_clock::now() - setupStart).count();
            loop.quit();
        }
    });
    poll.start(100);
    loop.exec();
    poll.stop();
    std::printf("%-40s %d sources validated, streaming and connected in %.1f s\n", idle ? "end to end, idle" : "end to end", sources, setupSeconds);
    if (idle) {
        QThread::sleep(2);
        const double cpu0 = cpuSeconds();
        const auto t0 = steady_clock::now();
        QTimer::singleShot(std::chrono::minutes {minutes_}, &loop, &QEventLoop::quit);
        loop.exec();
        const double wall = duration<double>(steady_clock::now() - t0).count();
        std::printf("%-40s CPU %.3f s over %.0f s wall = %.2f %% of one core\n", "idle CPU (10,000 open streams)", cpuSeconds() - cpu0, wall,
            100.0 * (cpuSeconds() - cpu0) / wall);
    } else {
        QTimer::singleShot(std::chrono::minutes {minutes_}, &loop, &QEventLoop::quit);
        loop.exec();
        report("end to end (received by the client)", rec.lateness(), expectedFirings(sources, start, nowNanos()));
    }
    client.stopAll();
    (*server)->shutdown();
}

void nextSpeed()
{
    for (const char *expr : {"* * * * *", "15 7 * * mon-fri", "0 9 1-7,15-21 * 1", "30 2 * * *"}) {
        calendar::ScheduleInput in;
        in.schedule = expr;
        in.timezone = "America/New_York";
        auto s = calendar::Schedule::build(in);
        const auto from = nowNanos();
        const auto t0 = steady_clock::now();
        std::string out;
        SysNanos t = from;
        for (int i = 0; i < 10000; ++i) {
            t = *s->next(t, from);
            out += formatRfc3339(t);
            out += '\n';
        }
        const double ms = duration<double, std::milli>(steady_clock::now() - t0).count();
        std::printf("%-40s '%s' in America/New_York: %.1f ms for 10,000 (%.2f us each)\n", "calendar next --count 10000", expr, ms, ms * 1000.0 / 10000.0);
    }
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    setLogLevel(QStringLiteral("warning"));
    const int minutes_ = argc > 1 ? std::atoi(argv[1]) : 2;
    const int sources = argc > 2 ? std::atoi(argv[2]) : 10000;
    std::printf("== calendar benchmark: %d sources, %d min per scenario\n", sources, minutes_);
    nextSpeed();
    std::fflush(stdout);
    schedulerScenario(sources, minutes_);
    std::fflush(stdout);
    endToEndScenario(sources, minutes_, false);
    std::fflush(stdout);
    endToEndScenario(sources, 1, true);
    return 0;
}
