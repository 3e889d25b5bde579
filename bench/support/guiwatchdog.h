#pragma once
// GUI-thread measuring shared by the app benchmarks: a 1 ms timer whose lateness is the longest
// stall of the GUI thread, and running the event loop for a while.

#include <algorithm>
#include <vector>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTimer>

namespace gs::bench {

/** The longest lateness of a 1 ms timer on the GUI thread since the last reset. */
struct Watchdog {
    QTimer timer;
    QElapsedTimer clock;
    qint64 last = 0;
    qint64 maxGapUs = 0;
    std::vector<qint64> gaps;

    Watchdog()
    {
        timer.setTimerType(Qt::PreciseTimer);
        timer.setInterval(1);
        QObject::connect(&timer, &QTimer::timeout, [this] {
            const qint64 now = clock.nsecsElapsed() / 1000;
            const qint64 gap = now - last;
            last = now;
            gaps.push_back(gap);
            maxGapUs = std::max(maxGapUs, gap);
        });
        clock.start();
        timer.start();
    }
    void reset()
    {
        last = clock.nsecsElapsed() / 1000;
        maxGapUs = 0;
        gaps.clear();
    }
    double p99Ms()
    {
        if (gaps.empty())
            return 0;
        std::sort(gaps.begin(), gaps.end());
        return static_cast<double>(gaps[gaps.size() * 99 / 100]) / 1000.0;
    }
};

inline void runFor(int ms)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
}

} // namespace gs::bench
