// EventTap: many producer threads, one consumer; the doorbell rings once per empty->non-empty flip;
// the bound drops the oldest events and counts them. EventStore: the ring, lookup and summaries.

#include <atomic>
#include <thread>
#include <vector>

#include <QtTest>

#include "store/eventstore.h"
#include "store/eventtap.h"

using namespace gs;

namespace {
std::shared_ptr<const EventRecord> record(const std::string &id, const std::string &payload = "{}")
{
    auto r = std::make_shared<EventRecord>();
    r->id = id;
    r->gateway = "gw";
    r->source = "src";
    r->type = "webhook";
    r->payload = payload;
    return r;
}
DeliveryChange change(const std::string &id, const std::string &target, DeliveryState state)
{
    DeliveryChange c;
    c.eventId = id;
    c.target = target;
    c.state = state;
    return c;
}
} // namespace

class TestEventTap : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void concurrentProducers()
    {
        EventTap tap(1000000);
        std::atomic<int> rings {0};
        tap.setDoorbell([&] { ++rings; });
        constexpr int kThreads = 4, kEach = 20000;
        std::atomic<bool> done {false};
        std::vector<std::thread> producers;
        for (int t = 0; t < kThreads; ++t) {
            producers.emplace_back([&tap, t] {
                for (int i = 0; i < kEach; ++i)
                    tap.pushEvent(record(std::to_string(t) + "-" + std::to_string(i)));
            });
        }
        // The consumer takes concurrently, as the GUI thread does.
        std::size_t taken = 0;
        int takes = 0;
        std::thread consumer([&] {
            while (!done.load() || taken < std::size_t(kThreads) * kEach) {
                auto b = tap.take();
                taken += b.events.size();
                ++takes;
                std::this_thread::sleep_for(std::chrono::microseconds(200));
            }
        });
        for (auto &p : producers)
            p.join();
        done = true;
        consumer.join();
        QCOMPARE(taken, std::size_t(kThreads) * kEach);
        QCOMPARE(tap.pushed(), std::uint64_t(kThreads) * kEach);
        // At most one ring per take (plus the first): never one per event.
        QVERIFY2(rings.load() <= takes + 1, qPrintable(QStringLiteral("%1 rings for %2 takes").arg(rings.load()).arg(takes)));
        QVERIFY(rings.load() >= 1);
    }

    void ringsOncePerFlip()
    {
        EventTap tap;
        int rings = 0;
        tap.setDoorbell([&] { ++rings; });
        tap.pushEvent(record("a"));
        tap.pushEvent(record("b"));
        tap.pushDelivery(change("a", "sink", DeliveryState::Pending));
        QCOMPARE(rings, 1);
        auto b = tap.take();
        QCOMPARE(b.events.size(), std::size_t(2));
        QCOMPARE(b.deliveries.size(), std::size_t(1));
        tap.pushEvent(record("c"));
        QCOMPARE(rings, 2);
        tap.setDoorbell({});
        (void)tap.take();
        tap.pushEvent(record("d"));
        QCOMPARE(rings, 2); // detached
    }

    void boundDropsOldest()
    {
        EventTap tap(3);
        for (int i = 0; i < 5; ++i)
            tap.pushEvent(record(std::to_string(i)));
        auto b = tap.take();
        QCOMPARE(b.dropped, std::uint64_t(2));
        QCOMPARE(b.events.size(), std::size_t(3));
        QCOMPARE(b.events.front()->id, std::string("2"));
        QCOMPARE(b.events.back()->id, std::string("4"));
        QVERIFY(tap.take().empty());
    }

    void boundedInBytes()
    {
        // Big payloads: the byte bound, not the count, decides (4 MB webhooks must not pile up).
        const std::string mb(1 << 20, 'x');
        const std::size_t each = record("s0", mb)->footprint(); // ids of two characters below
        const std::size_t one = record("0", mb)->footprint();
        EventTap tap(1000, 3 * one);
        for (int i = 0; i < 5; ++i)
            tap.pushEvent(record(std::to_string(i), mb));
        auto b = tap.take();
        QCOMPARE(b.dropped, std::uint64_t(2));
        QCOMPARE(b.events.size(), std::size_t(3));
        QCOMPARE(b.events.front()->id, std::string("2"));
        // One event bigger than the whole bound still passes.
        EventTap small(1000, 10);
        small.pushEvent(record("big", mb));
        QCOMPARE(small.take().events.size(), std::size_t(1));

        EventStore store(1000, 3 * each);
        for (int i = 0; i < 3; ++i)
            store.append(record("s" + std::to_string(i), mb));
        QCOMPARE(store.bytes(), 3 * each);
        QCOMPARE(store.overflow(0), std::size_t(0));
        QCOMPARE(store.overflow(1, each), std::size_t(1));
        QCOMPARE(store.overflow(2, 2 * each), std::size_t(2));
        QCOMPARE(store.overflow(1, 100), std::size_t(1)); // even a small one needs room
        store.popFront(1);
        QCOMPARE(store.bytes(), 2 * each);
        store.clear();
        QCOMPARE(store.bytes(), std::size_t(0));
    }

    void storeRingAndLookup()
    {
        EventStore store(3);
        for (int i = 0; i < 3; ++i)
            store.append(record("e" + std::to_string(i)));
        QCOMPARE(store.overflow(2), std::size_t(2));
        store.popFront(2);
        store.append(record("e3"));
        store.append(record("e4"));
        QCOMPARE(store.size(), std::size_t(3));
        QCOMPARE(store.at(0).record->id, std::string("e2"));
        QCOMPARE(store.sequenceAt(0), std::uint64_t(2));
        QCOMPARE(store.rowOf("e4").value(), std::size_t(2));
        QVERIFY(!store.rowOf("e0"));
        QVERIFY(!store.rowOfSequence(1));
        QCOMPARE(store.rowOfSequence(3).value(), std::size_t(1));
    }

    void storeSummaries()
    {
        EventStore store(10);
        store.append(record("x"));
        QCOMPARE(store.at(0).summary, DeliverySummary::None);
        QCOMPARE(store.apply(change("x", "sink A", DeliveryState::Pending)).value(), std::size_t(0));
        store.apply(change("x", "sink B", DeliveryState::Pending));
        QCOMPARE(store.at(0).summary, DeliverySummary::Pending);
        store.apply(change("x", "sink A", DeliveryState::Delivered));
        store.apply(change("x", "sink B", DeliveryState::Retrying));
        QCOMPARE(store.at(0).summary, DeliverySummary::Retrying);
        store.apply(change("x", "sink B", DeliveryState::Delivered));
        QCOMPARE(store.at(0).summary, DeliverySummary::Delivered);
        QCOMPARE(store.at(0).history.size(), std::size_t(5));
        QCOMPARE(store.targetName(store.at(0).history[1].target), std::string("sink B"));
        store.apply(change("x", "sink A", DeliveryState::Failed));
        QCOMPARE(store.at(0).summary, DeliverySummary::Failed);
        QVERIFY(!store.apply(change("unknown", "sink A", DeliveryState::Pending)));
        // The history is bounded; the first entry (when it was queued) stays.
        for (int i = 0; i < 40; ++i)
            store.apply(change("x", "sink A", DeliveryState::Retrying));
        QCOMPARE(store.at(0).history.size(), EventStore::kMaxHistory);
        QCOMPARE(store.at(0).history.front().state, DeliveryState::Pending);
    }
};

QTEST_GUILESS_MAIN(TestEventTap)
#include "tst_eventtap.moc"
