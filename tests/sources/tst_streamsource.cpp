// The shared stream-source base with a fake broker client: decisions §6 / PC-25 backoff, the state
// machine (connecting, connected, reconnecting, failed), permanent errors, a prompt stop while
// sleeping or polling, push-back while the stream is full, oversized messages dropped.

#include <QTest>

#include "recordingemitter.h"
#include "sources/streamsource.h"
#include "testsupport.h"

using namespace gs;
using namespace gs::stream;
using namespace std::chrono_literals;

namespace {

/** Scripted: connect() fails `failConnects` times (permanently if asked), poll() delivers what is queued or loses the link once. */
struct Script {
    std::mutex mutex;
    int failConnects = 0;
    bool permanent = false;
    int connects = 0;
    int disconnects = 0;
    std::vector<std::string> toDeliver;
    bool loseOnce = false;
};

class FakeClient final : public BrokerClient
{
public:
    explicit FakeClient(std::shared_ptr<Script> s)
        : m_s(std::move(s))
    {
    }
    tl::expected<void, ConnectError> connect(StreamLink &) override
    {
        std::lock_guard lock(m_s->mutex);
        ++m_s->connects;
        if (m_s->failConnects > 0) {
            --m_s->failConnects;
            return tl::unexpected(ConnectError {"refused", m_s->permanent});
        }
        return {};
    }
    tl::expected<void, std::string> poll(StreamLink &link, std::chrono::milliseconds timeout) override
    {
        std::vector<std::string> batch;
        {
            std::lock_guard lock(m_s->mutex);
            if (m_s->loseOnce) {
                m_s->loseOnce = false;
                return tl::unexpected(std::string("socket closed"));
            }
            batch.swap(m_s->toDeliver);
        }
        if (batch.empty())
            std::this_thread::sleep_for(std::min(timeout, 20ms));
        for (auto &b : batch) {
            if (!link.deliver(SourceEvent {std::move(b), {}}))
                break;
        }
        return {};
    }
    void disconnect() override
    {
        std::lock_guard lock(m_s->mutex);
        ++m_s->disconnects;
    }
    [[nodiscard]] std::string describe() const override { return "fake broker"; }

private:
    std::shared_ptr<Script> m_s;
};

Backoff backoff(std::chrono::nanoseconds d, double factor, int steps)
{
    Backoff b;
    b.given = true;
    b.duration = d;
    b.factor = factor;
    b.steps = steps;
    return b;
}

} // namespace

class TestStreamSource : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void backoffPc25()
    {
        // 10 s x 2, 5 steps: attempts at 0, 10, 30, 70, 150 s, then give up; no cap for initial attempts.
        BackoffPolicy p(backoff(10s, 2, 5));
        QCOMPARE(p.sleepAfter(1, false), std::chrono::nanoseconds(10s));
        QCOMPARE(p.sleepAfter(2, false), std::chrono::nanoseconds(20s));
        QCOMPARE(p.sleepAfter(3, false), std::chrono::nanoseconds(40s));
        QCOMPARE(p.sleepAfter(4, false), std::chrono::nanoseconds(80s));
        QVERIFY(!p.exhausted(4));
        QVERIFY(p.exhausted(5));
        // Reconnects: the same sleeps, capped at 60 s, never exhausted.
        QCOMPARE(p.sleepAfter(4, true), std::chrono::nanoseconds(60s));
        // Without `backoff`: 1 s doubling to 60 s, unlimited.
        BackoffPolicy d {Backoff {}};
        QCOMPARE(d.sleepAfter(1, false), std::chrono::nanoseconds(1s));
        QCOMPARE(d.sleepAfter(3, false), std::chrono::nanoseconds(4s));
        QCOMPARE(d.sleepAfter(10, false), std::chrono::nanoseconds(60s));
        QVERIFY(!d.exhausted(1000));
        // Jitter adds up to jitter x sleep.
        Backoff j = backoff(1s, 1, 3);
        j.jitter = 0.5;
        BackoffPolicy jp(j);
        std::mt19937 rng(1);
        for (int i = 0; i < 100; ++i) {
            const auto s = jp.withJitter(1s, rng);
            QVERIFY(s >= 1s && s <= 1500ms);
        }
        // A huge jitter never wraps to a negative (no) sleep.
        Backoff huge = backoff(1s, 1, 3);
        huge.jitter = 1e300;
        BackoffPolicy hp(huge);
        for (int i = 0; i < 20; ++i)
            QVERIFY(hp.withJitter(1s, rng) >= 1s);
    }

    void statesAndGivingUp()
    {
        auto script = std::make_shared<Script>();
        script->failConnects = 100;
        auto em = std::make_shared<test::RecordingEmitter>();
        const auto t0 = std::chrono::steady_clock::now();
        StreamSource s("k", std::make_unique<FakeClient>(script), backoff(50ms, 2, 3), em);
        QVERIFY(test::waitUntil([&] { return !em->failuresCopy().empty(); }, 5s));
        // attempts at 0, 50, 150 ms
        QVERIFY(std::chrono::steady_clock::now() - t0 >= 150ms);
        QCOMPARE(script->connects, 3);
        const auto states = em->statesCopy();
        QVERIFY(states.front().starts_with("connecting: connecting to fake broker (attempt 1 of 3)"));
        QVERIFY(states.back().starts_with("failed: cannot connect to fake broker after 3 attempts: refused"));
        QCOMPARE(em->failuresCopy().front(), std::string("cannot connect to fake broker after 3 attempts: refused"));
    }

    void permanentErrorFailsAtOnce()
    {
        auto script = std::make_shared<Script>();
        script->failConnects = 1;
        script->permanent = true;
        auto em = std::make_shared<test::RecordingEmitter>();
        StreamSource s("k", std::make_unique<FakeClient>(script), Backoff {}, em);
        QVERIFY(test::waitUntil([&] { return !em->failuresCopy().empty(); }, 2s));
        QCOMPARE(em->failuresCopy().front(), std::string("refused"));
        QCOMPARE(script->connects, 1);
    }

    void reconnectsAfterALostLink()
    {
        auto script = std::make_shared<Script>();
        auto em = std::make_shared<test::RecordingEmitter>();
        StreamSource s("k", std::make_unique<FakeClient>(script), backoff(20ms, 1, 1), em);
        QVERIFY(test::waitUntil([&] { return em->statesCopy().size() >= 2; }));
        {
            std::lock_guard lock(script->mutex);
            script->loseOnce = true;
            script->failConnects = 3; // more than `steps`: reconnects are unlimited
        }
        QVERIFY(test::waitUntil([&] {
            const auto st = em->statesCopy();
            return st.size() >= 4 && st.back().starts_with("connected:");
        }));
        const auto st = em->statesCopy();
        QVERIFY(std::any_of(st.begin(), st.end(),
            [](const std::string &x) { return x.starts_with("reconnecting: connection to fake broker lost: socket closed"); }));
        QVERIFY(em->failuresCopy().empty());
        QCOMPARE(script->connects, 5);
        {
            std::lock_guard lock(script->mutex);
            script->toDeliver = {"a", "b"};
        }
        QVERIFY(em->waitForCount(2));
    }

    void stopIsPromptWhileSleeping()
    {
        auto script = std::make_shared<Script>();
        script->failConnects = 100;
        auto em = std::make_shared<test::RecordingEmitter>();
        auto s = std::make_unique<StreamSource>("k", std::make_unique<FakeClient>(script), backoff(3600s, 1, 5), em);
        QVERIFY(test::waitUntil([&] { return em->statesCopy().size() >= 2; }));
        const auto t0 = std::chrono::steady_clock::now();
        s.reset();
        QVERIFY(std::chrono::steady_clock::now() - t0 < 500ms);
    }

    void pushesBackWhileFullAndDropsOversized()
    {
        auto script = std::make_shared<Script>();
        auto em = std::make_shared<test::RecordingEmitter>();
        em->full = true;
        auto s = std::make_unique<StreamSource>("k", std::make_unique<FakeClient>(script), Backoff {}, em);
        QVERIFY(test::waitUntil([&] { return em->statesCopy().size() >= 2; }));
        {
            std::lock_guard lock(script->mutex);
            script->toDeliver = {std::string(kMaxPayload + 1, 'x'), "kept"};
        }
        QTest::qWait(300);
        QCOMPARE(em->count(), std::size_t(0)); // waiting, not dropping
        em->full = false;
        QVERIFY(em->waitForCount(1));
        QCOMPARE(em->eventsCopy().front().payload, std::string("kept"));
        QCOMPARE(s->dropped(), std::uint64_t(1));
        // A stop while the stream is full is prompt too.
        em->full = true;
        {
            std::lock_guard lock(script->mutex);
            script->toDeliver = {"stuck"};
        }
        QTest::qWait(100);
        const auto t0 = std::chrono::steady_clock::now();
        s.reset();
        QVERIFY(std::chrono::steady_clock::now() - t0 < 500ms);
        QVERIFY(script->disconnects >= 1);
    }
};

QTEST_GUILESS_MAIN(TestStreamSource)
#include "tst_streamsource.moc"
