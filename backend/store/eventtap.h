#pragma once
// The hand-over queue between the threads that produce events (gRPC callbacks, the dispatch thread)
// and the thread that shows them (house style rules 18, 23-24).

#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "eventrecord.h"

namespace gs {

/**
 * A thread-safe, bounded queue of accepted events and delivery changes. Producers push and never
 * block on the consumer; the consumer takes everything at once. The doorbell rings only when the
 * queue goes from empty to non-empty, so a burst of events costs one wake-up.
 */
class EventTap
{
public:
    /** Queued items (or bytes of events) past which the oldest events are dropped and counted. */
    explicit EventTap(std::size_t maxQueued = 200000, std::size_t maxQueuedBytes = std::size_t(256) << 20);

    /** What take() hands over. */
    struct Batch {
        std::deque<std::shared_ptr<const EventRecord>> events; ///< oldest first
        std::vector<DeliveryChange> deliveries; ///< in the order they happened
        std::uint64_t dropped = 0; ///< events dropped because the queue was full since the last take
        [[nodiscard]] bool empty() const { return events.empty() && deliveries.empty() && dropped == 0; }
    };

    /** Thread-safe, non-blocking. */
    void pushEvent(std::shared_ptr<const EventRecord> event);
    /** Thread-safe, non-blocking. */
    void pushDelivery(DeliveryChange change);
    /** Everything queued so far; the next push rings the doorbell again. */
    [[nodiscard]] Batch take();

    /**
     * `ring` is called (on the producer's thread, so it must only post) when the queue becomes
     * non-empty. Setting an empty function detaches: once this returns, `ring` is never called again.
     */
    void setDoorbell(std::function<void()> ring);

    /** Events pushed since construction. */
    [[nodiscard]] std::uint64_t pushed() const { return m_pushed.load(std::memory_order_relaxed); }

private:
    void ringIfIdle();

    const std::size_t m_maxQueued;
    const std::size_t m_maxQueuedBytes;
    std::size_t m_queuedBytes = 0; ///< footprint of the queued events
    std::mutex m_mutex;
    Batch m_batch;
    std::atomic<bool> m_pending {false};
    std::atomic<std::uint64_t> m_pushed {0};
    std::mutex m_bellMutex;
    std::function<void()> m_ring;
};

/** Makes a Dispatcher observer that copies every delivery change into `tap`. */
[[nodiscard]] std::function<void(const DeliveryUpdate &)> deliveryObserverFor(std::shared_ptr<EventTap> tap);

} // namespace gs
