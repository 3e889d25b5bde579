#include "eventstore.h"

#include <algorithm>

namespace gs {

const char *toString(DeliverySummary s)
{
    switch (s) {
    case DeliverySummary::None:
        return "none";
    case DeliverySummary::Pending:
        return "pending";
    case DeliverySummary::Retrying:
        return "retrying";
    case DeliverySummary::Delivered:
        return "delivered";
    case DeliverySummary::Failed:
        return "failed";
    }
    return "?";
}

EventStore::EventStore(std::size_t capacity, std::size_t maxBytes)
    : m_capacity(capacity == 0 ? 1 : capacity)
    , m_maxBytes(maxBytes)
{
}

std::size_t EventStore::overflow(std::size_t incoming, std::size_t incomingBytes) const
{
    const std::size_t wanted = m_events.size() + incoming;
    std::size_t n = wanted > m_capacity ? std::min(m_events.size(), wanted - m_capacity) : 0;
    std::size_t bytes = m_bytes + incomingBytes;
    for (std::size_t i = 0; i < n; ++i)
        bytes -= m_events[i].record->footprint();
    while (n < m_events.size() && bytes > m_maxBytes)
        bytes -= m_events[n++].record->footprint();
    return n;
}

void EventStore::popFront(std::size_t n)
{
    n = std::min(n, m_events.size());
    for (std::size_t i = 0; i < n; ++i) {
        const auto &front = m_events.front();
        if (auto it = m_byId.find(front.record->id); it != m_byId.end() && it->second == m_frontSeq)
            m_byId.erase(it);
        m_bytes -= front.record->footprint();
        m_events.pop_front();
        ++m_frontSeq;
    }
}

void EventStore::append(std::shared_ptr<const EventRecord> record)
{
    const std::uint64_t seq = m_frontSeq + m_events.size();
    m_bytes += record->footprint();
    m_events.push_back(StoredEvent {std::move(record), {}, DeliverySummary::None});
    m_byId[m_events.back().record->id] = seq;
}

void EventStore::clear()
{
    m_frontSeq += m_events.size();
    m_events.clear();
    m_byId.clear();
    m_bytes = 0;
}

std::optional<std::size_t> EventStore::rowOfSequence(std::uint64_t seq) const
{
    if (seq < m_frontSeq || seq - m_frontSeq >= m_events.size())
        return std::nullopt;
    return static_cast<std::size_t>(seq - m_frontSeq);
}

std::optional<std::size_t> EventStore::rowOf(std::string_view eventId) const
{
    const auto it = m_byId.find(eventId);
    if (it == m_byId.end())
        return std::nullopt;
    return rowOfSequence(it->second);
}

std::uint32_t EventStore::targetIndex(const std::string &name)
{
    for (std::uint32_t i = 0; i < m_targets.size(); ++i) {
        if (m_targets[i] == name)
            return i;
    }
    m_targets.push_back(name);
    return static_cast<std::uint32_t>(m_targets.size() - 1);
}

std::optional<std::size_t> EventStore::apply(const DeliveryChange &change)
{
    const auto row = rowOf(change.eventId);
    if (!row)
        return std::nullopt;
    StoredEvent &ev = m_events[*row];
    if (ev.history.size() >= kMaxHistory)
        ev.history.erase(ev.history.begin() + 1); // keep the first entry (when it was queued) and the latest ones
    ev.history.push_back(DeliveryEntry {targetIndex(change.target), change.state, change.attempts, change.httpStatus, change.error, change.at});
    summarize(ev);
    return row;
}

void EventStore::summarize(StoredEvent &ev) const
{
    // The latest state per target, then the worst of them.
    std::vector<std::pair<std::uint32_t, DeliveryState>> latest;
    for (const auto &e : ev.history) {
        auto it = std::find_if(latest.begin(), latest.end(), [&](const auto &p) { return p.first == e.target; });
        if (it == latest.end())
            latest.emplace_back(e.target, e.state);
        else
            it->second = e.state;
    }
    bool pending = false, retrying = false, failed = false;
    for (const auto &[target, state] : latest) {
        pending |= state == DeliveryState::Pending;
        retrying |= state == DeliveryState::Retrying;
        failed |= state == DeliveryState::Failed;
    }
    ev.summary = latest.empty() ? DeliverySummary::None
        : failed                ? DeliverySummary::Failed
        : retrying              ? DeliverySummary::Retrying
        : pending               ? DeliverySummary::Pending
                                : DeliverySummary::Delivered;
}

} // namespace gs
