// The live view under load: synthetic events at rising rates through the real EventTap ->
// EventStreamModel path with Main.qml loaded (offscreen by default) and following the newest row.
// Reports per rate the events the view took, what it dropped, frames rendered, and the longest
// GUI-thread stall (a 1 ms watchdog timer's largest lateness); then resident memory with 100,000
// retained events. Not a test: scripts/bench.sh gui runs it.

#include <atomic>
#include <cstdio>
#include <fstream>
#include <thread>
#include <vector>

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QTimer>
#include <QtQml/QQmlExtensionPlugin>

#include "appservices.h"
#include "core/base64.h"
#include "guiwatchdog.h"

Q_IMPORT_QML_PLUGIN(GatewayStudioPlugin)

using namespace gs;
using gs::bench::runFor;
using gs::bench::Watchdog;

namespace {

long rssKiB()
{
    std::ifstream f("/proc/self/status");
    std::string line;
    while (std::getline(f, line)) {
        if (line.rfind("VmRSS:", 0) == 0)
            return std::stol(line.substr(6));
    }
    return -1;
}

/** An event like the demo webhook's, with an argo-v0.10 envelope as the dispatcher would hold it. */
std::shared_ptr<const EventRecord> makeEvent(std::uint64_t n)
{
    auto r = std::make_shared<EventRecord>();
    char id[40];
    std::snprintf(id, sizeof id, "bench-%020llu", static_cast<unsigned long long>(n));
    r->id = id;
    r->time = nowMicros();
    r->gateway = n % 3 ? "bench-webhook" : "bench-calendar";
    r->type = n % 3 ? "webhook" : "calendar";
    r->source = "example";
    r->contentType = "application/json";
    r->payload = "{\"seq\":" + std::to_string(n) + ",\"kind\":\"build.finished\",\"sentAt\":\"2026-12-04T10:00:00.000000Z\",\"source\":\"bench\"}";
    auto out = std::make_shared<Outgoing>();
    out->eventId = r->id;
    out->source = r->source;
    out->headers = {{"Content-Type", "application/json"}};
    out->body = "{\"context\":{\"cloudEventsVersion\":\"0.1\",\"eventID\":\"" + r->id
        + "\",\"eventType\":\"webhook\",\"eventTypeVersion\":\"0.10\",\"source\":{\"host\":\"bench-webhook:example\"},"
          "\"contentType\":\"application/json\",\"eventTime\":\"2026-12-04T10:00:00.000000Z\",\"extensions\":{}},\"payload\":\""
        + toBase64(r->payload) + "\"}";
    r->sent = std::move(out);
    return r;
}

struct Producer {
    std::shared_ptr<EventTap> tap;
    std::atomic<double> rate {0}; // events per second; 0 idles
    std::atomic<bool> stop {false};
    std::atomic<std::uint64_t> produced {0};
    std::thread thread;

    void run()
    {
        auto next = std::chrono::steady_clock::now();
        double carry = 0;
        while (!stop) {
            next += std::chrono::milliseconds(1);
            std::this_thread::sleep_until(next);
            carry += rate.load() / 1000.0;
            const auto n = static_cast<std::uint64_t>(carry);
            carry -= static_cast<double>(n);
            for (std::uint64_t i = 0; i < n; ++i) {
                const std::uint64_t seq = produced++;
                auto ev = makeEvent(seq);
                const std::string id = ev->id;
                tap->pushEvent(std::move(ev));
                // Every event gets a pending and a delivered change, as with one sink.
                DeliveryChange c;
                c.eventId = id;
                c.target = "sink http://127.0.0.1:9300/";
                c.at = nowMicros();
                tap->pushDelivery(c);
                c.state = DeliveryState::Delivered;
                c.attempts = 1;
                c.httpStatus = 200;
                tap->pushDelivery(std::move(c));
            }
        }
    }
};

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    // Usage: gs_bench_gui [rates|memory] [seconds per rate] [rate,rate,...]
    const QStringList args = app.arguments();
    const bool memoryOnly = args.size() > 1 && args[1] == u"memory";
    const int seconds = args.size() > 2 ? args[2].toInt() : 5;
    std::vector<double> rates {1000, 5000, 10000, 20000, 50000, 75000, 100000, 200000};
    if (args.size() > 3) {
        rates.clear();
        for (const auto &r : args[3].split(u','))
            rates.push_back(r.toDouble());
    }

    auto services = std::make_unique<AppServices>(100000, 400000);
    auto &tap = services->tap;
    auto &events = services->events;
    const long rssStart = rssKiB();
    auto engine = std::make_unique<QQmlApplicationEngine>();
    engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
    engine->load(QUrl(QStringLiteral("qrc:/qt/qml/GatewayStudio/Main.qml")));
    if (engine->rootObjects().isEmpty())
        return 1;
    auto *window = qobject_cast<QQuickWindow *>(engine->rootObjects().constFirst());
    std::atomic<int> frames {0};
    QObject::connect(window, &QQuickWindow::frameSwapped, [&] { ++frames; });
    runFor(1000);
    const long rssLoaded = rssKiB();

    if (memoryOnly)
        rates.clear();
    Producer producer;
    producer.tap = tap;
    producer.thread = std::thread([&] { producer.run(); });
    Watchdog watchdog;

    if (!rates.empty())
        std::printf("GUI live view: %d s per rate, Main.qml loaded (%s), following the newest row, buffer 100,000\n", seconds,
        qPrintable(QGuiApplication::platformName()));
    if (!rates.empty())
        std::printf("%12s %12s %10s %8s %14s %14s\n", "offered/s", "shown/s", "dropped", "fps", "max stall ms", "p99 gap ms");
    double best = 0;
    for (double rate : rates) {
        const qint64 totalBefore = events->totalCount();
        const qint64 droppedBefore = events->droppedCount() - 0;
        const std::uint64_t producedBefore = producer.produced;
        producer.rate = rate;
        runFor(500); // settle into the rate
        watchdog.reset();
        frames = 0;
        const qint64 totalMid = events->totalCount();
        QElapsedTimer t;
        t.start();
        runFor(seconds * 1000);
        const double secs = static_cast<double>(t.elapsed()) / 1000.0;
        const double shown = static_cast<double>(events->totalCount() - totalMid) / secs;
        const double maxStall = static_cast<double>(watchdog.maxGapUs) / 1000.0;
        const double p99 = watchdog.p99Ms();
        const int fps = static_cast<int>(frames / secs);
        producer.rate = 0;
        runFor(300);
        // Dropped by the tap (producer ahead of the view) – the ring's own overflow is expected.
        const std::uint64_t offered = producer.produced - producedBefore;
        const qint64 taken = events->totalCount() - totalBefore;
        const qint64 lost = static_cast<qint64>(offered) - taken;
        (void)droppedBefore;
        std::printf("%12.0f %12.0f %10lld %8d %14.1f %14.1f\n", rate, shown, static_cast<long long>(std::max<qint64>(0, lost)), fps, maxStall, p99);
        std::fflush(stdout);
        if (maxStall < 50.0 && shown >= rate * 0.95)
            best = std::max(best, rate);
    }
    producer.stop = true;
    producer.thread.join();
    if (!memoryOnly)
        std::printf("highest offered rate with every event taken and max stall < 50 ms: %.0f events/s\n", best);

    // Memory: exactly 100,000 retained events (with their envelopes and two delivery changes each).
    events->clear();
    runFor(200);
    for (std::uint64_t i = 0; i < 100000; ++i) {
        auto ev = makeEvent(10000000 + i);
        DeliveryChange c;
        c.eventId = ev->id;
        c.target = "sink http://127.0.0.1:9300/";
        tap->pushEvent(std::move(ev));
        tap->pushDelivery(c);
        c.state = DeliveryState::Delivered;
        tap->pushDelivery(std::move(c));
    }
    events->drain();
    runFor(1500);
    // After the rate runs the figure includes what the allocator kept from the backlog of the fastest
    // rates; `memory` mode measures a fresh process.
    std::printf("resident memory%s: %.1f MB at start, %.1f MB with the window loaded, %.1f MB with %d events retained\n",
        memoryOnly ? "" : " (after the rate runs)", rssStart / 1024.0, rssLoaded / 1024.0, rssKiB() / 1024.0, events->count());

    services->shutdown();
    qDeleteAll(engine->rootObjects());
    services.reset();
    engine.reset();
    return 0;
}
