// At-least-once HTTP delivery (decisions §3): retries with backoff, per-event states, bounded
// memory with visible refusals, keep-alive, independent targets, watcher URLs.

#include <mutex>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <QTest>

#include "dispatch/dispatcher.h"
#include "dispatch/watchers.h"
#include "recordingsink.h"
#include "testsupport.h"

using namespace gs;
using namespace std::chrono_literals;

namespace {
std::shared_ptr<const Outgoing> outgoing(const std::string &id, const std::string &body = "{}")
{
    auto o = std::make_shared<Outgoing>();
    o->eventId = id;
    o->body = body;
    o->headers = {{"Content-Type", "application/json"}};
    o->received = std::chrono::steady_clock::now();
    return o;
}

DispatchOptions fast()
{
    DispatchOptions o;
    o.initialBackoff = 50ms;
    o.maxBackoff = 200ms;
    return o;
}

/** Collects delivery updates (they arrive on the dispatch thread). */
struct Updates {
    std::mutex mutex;
    std::vector<DeliveryUpdate> all;
    DeliveryObserver observer()
    {
        return [this](const DeliveryUpdate &u) {
            std::lock_guard l(mutex);
            all.push_back(u);
        };
    }
    std::vector<DeliveryState> statesOf(const std::string &id, const std::string &target = {})
    {
        std::lock_guard l(mutex);
        std::vector<DeliveryState> out;
        for (const auto &u : all) {
            if (u.event->eventId == id && (target.empty() || u.target.name == target))
                out.push_back(u.state);
        }
        return out;
    }
};
} // namespace

class TstDispatcher : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void retryAfter500DeliversOnce()
    {
        test::RecordingSink sink;
        sink.script({500}); // 500 then 200
        Updates updates;
        Dispatcher d(fast());
        d.setObserver(updates.observer());
        d.setTargets({{"sink", sink.url()}});
        QVERIFY(d.trySubmit(outgoing("e1", R"({"n":1})")));
        QVERIFY(d.drain(5s));
        QCOMPARE(sink.count(), std::size_t(2)); // one failed attempt, one success
        QCOMPARE(sink.accepted(), std::size_t(1)); // the event arrived once
        QCOMPARE(sink.requests()[1].body, std::string(R"({"n":1})"));
        QCOMPARE(sink.requests()[1].header("Content-Type"), std::string("application/json"));
        QCOMPARE(updates.statesOf("e1"),
            (std::vector<DeliveryState> {DeliveryState::Pending, DeliveryState::Retrying, DeliveryState::Delivered}));
        const auto s = d.stats();
        QCOMPARE(s.delivered, std::uint64_t(1));
        QCOMPARE(s.retries, std::uint64_t(1));
        QCOMPARE(s.pendingEvents, std::uint64_t(0));
        std::lock_guard l(updates.mutex);
        QCOMPARE(updates.all.back().attempts, 2);
        QCOMPARE(updates.all[1].httpStatus, 500);
        QVERIFY(QString::fromStdString(updates.all[1].error).contains(u"HTTP 500"));
    }

    void transportErrorThenRecovery()
    {
        test::RecordingSink sink;
        const std::string url = sink.url();
        sink.stop(); // connection refused
        Updates updates;
        Dispatcher d(fast());
        d.setObserver(updates.observer());
        d.setTargets({{"sink", url}});
        QVERIFY(d.trySubmit(outgoing("e2")));
        QVERIFY(test::waitUntil([&] { return updates.statesOf("e2").size() >= 3; })); // pending, retrying, retrying
        QVERIFY(!d.drain(0ms));
        QVERIFY(sink.restart());
        QVERIFY(d.drain(5s));
        QCOMPARE(sink.accepted(), std::size_t(1));
        QCOMPARE(updates.statesOf("e2").back(), DeliveryState::Delivered);
    }

    void givesUpAfterMaxAge()
    {
        test::RecordingSink sink;
        sink.script({}, 503);
        Updates updates;
        auto opts = fast();
        opts.maxAge = std::chrono::seconds(1);
        Dispatcher d(opts);
        d.setObserver(updates.observer());
        d.setTargets({{"sink", sink.url()}});
        QVERIFY(d.trySubmit(outgoing("e3")));
        QVERIFY(d.drain(5s)); // settled as failed, not pending forever
        QCOMPARE(updates.statesOf("e3").back(), DeliveryState::Failed);
        QCOMPARE(d.stats().failed, std::uint64_t(1));
        QVERIFY(sink.count() >= 3);
    }

    void targetsAreIndependent()
    {
        test::RecordingSink good, bad;
        bad.script({}, 500);
        Updates updates;
        auto opts = fast();
        opts.maxAge = std::chrono::seconds(1);
        Dispatcher d(opts);
        d.setObserver(updates.observer());
        d.setTargets({{"good", good.url()}, {"bad", bad.url()}});
        for (int i = 0; i < 20; ++i)
            QVERIFY(d.trySubmit(outgoing("ev" + std::to_string(i))));
        QVERIFY(good.waitForCount(20, 3s)); // not held back by the failing target
        QVERIFY(d.drain(5s));
        QCOMPARE(good.accepted(), std::size_t(20));
        QCOMPARE(updates.statesOf("ev7", "good").back(), DeliveryState::Delivered);
        QCOMPARE(updates.statesOf("ev7", "bad").back(), DeliveryState::Failed);
    }

    void boundedPendingRefusesVisiblyAndWakes()
    {
        test::RecordingSink sink;
        const std::string url = sink.url();
        sink.stop();
        auto opts = fast();
        opts.maxPendingEvents = 3;
        Dispatcher d(opts);
        d.setTargets({{"sink", url}});
        for (int i = 0; i < 3; ++i)
            QVERIFY(d.trySubmit(outgoing("b" + std::to_string(i))));
        std::atomic<int> woken {0};
        QVERIFY(!d.trySubmit(outgoing("b3"), [&] { ++woken; }));
        QCOMPARE(d.stats().refused, std::uint64_t(1));
        QCOMPARE(d.stats().pendingEvents, std::uint64_t(3));
        QCOMPARE(woken.load(), 0);
        QVERIFY(sink.restart());
        QVERIFY(test::waitUntil([&] { return woken.load() == 1; }, 5s)); // told once there is room
        QVERIFY(d.trySubmit(outgoing("b3")));
        QVERIFY(d.drain(5s));
        QCOMPARE(sink.accepted(), std::size_t(4));
    }

    void pendingIsBoundedInBytesToo()
    {
        test::RecordingSink sink;
        const std::string url = sink.url();
        sink.stop();
        auto opts = fast();
        opts.maxPendingBytes = 3000;
        Dispatcher d(opts);
        d.setTargets({{"sink", url}});
        const std::string kb(1000, 'x');
        QVERIFY(d.trySubmit(outgoing("k0", kb)));
        QVERIFY(d.trySubmit(outgoing("k1", kb)));
        QVERIFY(d.trySubmit(outgoing("k2", kb)));
        std::atomic<int> woken {0};
        QVERIFY(!d.trySubmit(outgoing("k3", "1"), [&] { ++woken; })); // 3,001 bytes would be over
        QCOMPARE(d.stats().pendingBytes, std::uint64_t(3000));
        QCOMPARE(d.stats().refused, std::uint64_t(1));
        QVERIFY(sink.restart());
        QVERIFY(test::waitUntil([&] { return woken.load() == 1; }, 5s));
        QVERIFY(d.drain(5s));
        QCOMPARE(d.stats().pendingBytes, std::uint64_t(0));
        // One event larger than the whole bound is still taken when nothing else is pending.
        QVERIFY(d.trySubmit(outgoing("big", std::string(5000, 'y'))));
        QVERIFY(!d.trySubmit(outgoing("small", "1")));
        QVERIFY(d.drain(5s));
        QCOMPARE(sink.accepted(), std::size_t(4));
    }

    void keepAliveReusesConnections()
    {
        test::RecordingSink sink;
        Dispatcher d;
        d.setTargets({{"sink", sink.url()}});
        for (int i = 0; i < 200; ++i) {
            while (!d.trySubmit(outgoing("k" + std::to_string(i))))
                QTest::qWait(1);
        }
        QVERIFY(d.drain(10s));
        QCOMPARE(sink.accepted(), std::size_t(200));
        // Connections are reused: at most the in-flight limit, not one per event.
        QVERIFY2(
            sink.connections() <= std::size_t(DispatchOptions {}.maxInFlightPerTarget), qPrintable(QString::number(sink.connections())));
    }

    void serverClosingConnectionsIsHandled()
    {
        // A sink that closes every connection after answering (Connection: close), and one that
        // drops idle keep-alive connections: every event still arrives exactly once.
        test::RecordingSink sink;
        sink.setCloseAfterEach(true);
        Dispatcher d;
        d.setTargets({{"sink", sink.url()}});
        for (int i = 0; i < 50; ++i)
            QVERIFY(d.trySubmit(outgoing("c" + std::to_string(i))));
        QVERIFY(d.drain(10s));
        QCOMPARE(sink.accepted(), std::size_t(50));
        QCOMPARE(d.stats().retries, std::uint64_t(0));
        sink.setCloseAfterEach(false);
        QVERIFY(d.trySubmit(outgoing("warm")));
        QVERIFY(d.drain(5s));
        sink.stop(); // closes the idle keep-alive connection under the client's feet
        QVERIFY(sink.restart());
        QVERIFY(d.trySubmit(outgoing("after-close")));
        QVERIFY(d.drain(5s));
        QCOMPARE(sink.accepted(), std::size_t(52));
        QCOMPARE(d.stats().retries, std::uint64_t(0)); // the stale connection was replaced, not counted as a failure
    }

    void untrustedTlsIsATransportError()
    {
        // An https target whose certificate does not verify is never trusted silently.
        Updates updates;
        auto opts = fast();
        opts.maxAge = std::chrono::seconds(1);
        Dispatcher d(opts);
        d.setObserver(updates.observer());
        d.setTargets({{"sink", "https://127.0.0.1:1/"}, {"bad url", "ftp://example.com/"}});
        QVERIFY(d.trySubmit(outgoing("tls")));
        QVERIFY(d.drain(5s));
        QCOMPARE(updates.statesOf("tls", "bad url").back(), DeliveryState::Failed);
        std::lock_guard l(updates.mutex);
        bool sawRefused = false;
        for (const auto &u : updates.all)
            sawRefused |= u.target.name == "sink" && QString::fromStdString(u.error).contains(u"cannot connect");
        QVERIFY(sawRefused);
    }

    void silentServerTimesOut()
    {
        // A server that accepts connections but never answers: the request times out and is retried.
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        QCOMPARE(::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr), 0);
        QCOMPARE(::listen(fd, 16), 0); // the kernel completes connections; nobody ever reads
        socklen_t len = sizeof addr;
        ::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len);
        Updates updates;
        auto opts = fast();
        opts.requestTimeout = 300ms;
        opts.maxAge = std::chrono::seconds(1);
        Dispatcher d(opts);
        d.setObserver(updates.observer());
        d.setTargets({{"silent", "http://127.0.0.1:" + std::to_string(ntohs(addr.sin_port)) + "/"}});
        QVERIFY(d.trySubmit(outgoing("t")));
        QVERIFY(d.drain(5s));
        ::close(fd);
        QCOMPARE(updates.statesOf("t").back(), DeliveryState::Failed);
        std::lock_guard l(updates.mutex);
        QVERIFY2(QString::fromStdString(updates.all[1].error).contains(u"did not answer in time (request timeout)"), updates.all[1].error.c_str());
    }

    void noTargetsHoldsNothing()
    {
        Dispatcher d;
        QVERIFY(d.trySubmit(outgoing("x")));
        QCOMPARE(d.stats().pendingEvents, std::uint64_t(0));
    }

    void watcherUrls()
    {
        Gateway gw;
        gw.meta.name = "hooks";
        gw.meta.ns = "events";
        gw.eventProtocol.httpPort = "9300";
        gw.sensors = {{"deploy-sensor", ""}, {"audit-sensor", "audit"}};
        gw.gatewayWatchers = {{"fanout", "", "9070", "/relay"}};
        const auto t = watcherTargets(gw);
        QCOMPARE(t.size(), std::size_t(3));
        QCOMPARE(t[0].url, std::string("http://deploy-sensor-svc.events.svc.cluster.local:9300/"));
        QCOMPARE(t[1].url, std::string("http://audit-sensor-svc.audit.svc.cluster.local:9300/"));
        QCOMPARE(t[2].url, std::string("http://fanout-svc.events.svc.cluster.local:9070/relay"));

        // Outside a cluster: unresolvable watchers are skipped with one warning each; --resolve maps them.
        std::vector<std::string> warnings;
        const auto local = localWatcherTargets(gw, {{"audit-sensor", "http://127.0.0.1:1/"}}, warnings);
        QCOMPARE(local.size(), std::size_t(1));
        QCOMPARE(local[0].name, std::string("sensor audit-sensor"));
        QCOMPARE(local[0].url, std::string("http://127.0.0.1:1/"));
        QCOMPARE(warnings.size(), std::size_t(2));
        QVERIFY(QString::fromStdString(warnings[0]).contains(u"--resolve deploy-sensor=URL"));
        QCOMPARE(urlHost("http://user:pw@[::1]:80/x"), std::string("::1"));
    }
};

QTEST_GUILESS_MAIN(TstDispatcher)
#include "tst_dispatcher.moc"
