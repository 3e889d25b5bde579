#include "testsupport.h"

#include <fstream>
#include <thread>

#include <QCoreApplication>
#include <QFileInfo>

#include "http/server.h"

namespace gs::test {

QString gwctlPath()
{
    return QStringLiteral(GS_TEST_GWCTL);
}

QString peersDir()
{
    return QStringLiteral(GS_TEST_SOURCE_DIR "/peers");
}

QString dataDir()
{
    return QStringLiteral(GS_TEST_SOURCE_DIR "/data");
}

QString examplesDir()
{
    return QStringLiteral(GS_TEST_SOURCE_DIR "/../resources/examples");
}

QString python()
{
    return QFileInfo::exists(QStringLiteral("/usr/bin/python3")) ? QStringLiteral("/usr/bin/python3") : QStringLiteral("python3");
}

bool waitUntil(const std::function<bool()> &done, std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline)
            return done();
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
}

long rssKiB()
{
    std::ifstream in("/proc/self/status");
    std::string key;
    while (in >> key) {
        if (key == "VmRSS:") {
            long v = 0;
            in >> v;
            return v;
        }
        in.ignore(1 << 20, '\n');
    }
    return -1;
}

int freePort()
{
    auto p = http::freePort();
    return p ? *p : 0;
}

} // namespace gs::test
