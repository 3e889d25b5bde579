#include "eventtap.h"

#include <chrono>

namespace gs {

DeliveryChange toDeliveryChange(const DeliveryUpdate &u)
{
    DeliveryChange c;
    if (u.event)
        c.eventId = u.event->eventId;
    c.target = u.target.label();
    c.state = u.state;
    c.attempts = u.attempts;
    c.httpStatus = u.httpStatus;
    c.error = u.error;
    c.at = nowMicros();
    return c;
}

EventTap::EventTap(std::size_t maxQueued, std::size_t maxQueuedBytes)
    : m_maxQueued(maxQueued == 0 ? 1 : maxQueued)
    , m_maxQueuedBytes(maxQueuedBytes)
{
}

void EventTap::pushEvent(std::shared_ptr<const EventRecord> event)
{
    {
        std::lock_guard lock(m_mutex);
        // The consumer is not keeping up (or not there): the newest events matter most in a live view.
        const std::size_t bytes = event->footprint();
        while (!m_batch.events.empty() && (m_batch.events.size() >= m_maxQueued || m_queuedBytes + bytes > m_maxQueuedBytes)) {
            m_queuedBytes -= m_batch.events.front()->footprint();
            m_batch.events.pop_front();
            ++m_batch.dropped;
        }
        m_queuedBytes += bytes;
        m_batch.events.push_back(std::move(event));
    }
    m_pushed.fetch_add(1, std::memory_order_relaxed);
    ringIfIdle();
}

void EventTap::pushDelivery(DeliveryChange change)
{
    {
        std::lock_guard lock(m_mutex);
        // Bounded as well; changes are dropped whole, never reordered.
        if (m_batch.deliveries.size() >= 2 * m_maxQueued)
            return;
        m_batch.deliveries.push_back(std::move(change));
    }
    ringIfIdle();
}

EventTap::Batch EventTap::take()
{
    // Clear the flag before taking: a push that lands after the swap rings again.
    m_pending.store(false, std::memory_order_release);
    Batch out;
    std::lock_guard lock(m_mutex);
    std::swap(out, m_batch);
    m_queuedBytes = 0;
    return out;
}

void EventTap::ringIfIdle()
{
    if (m_pending.exchange(true, std::memory_order_acq_rel))
        return;
    // Under the bell mutex so that setDoorbell({}) can detach a consumer that is going away.
    std::lock_guard lock(m_bellMutex);
    if (m_ring)
        m_ring();
}

void EventTap::setDoorbell(std::function<void()> ring)
{
    std::lock_guard lock(m_bellMutex);
    m_ring = std::move(ring);
}

std::function<void(const DeliveryUpdate &)> deliveryObserverFor(std::shared_ptr<EventTap> tap)
{
    return [tap = std::move(tap)](const DeliveryUpdate &u) { tap->pushDelivery(toDeliveryChange(u)); };
}

} // namespace gs
