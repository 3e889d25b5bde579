#pragma once
// The bounded in-memory ring of recent events and the delivery history of each (architecture:
// store/). Single-threaded: it belongs to whoever drains the EventTap.

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "eventrecord.h"

namespace gs {

/** The state of an event's deliveries taken together. */
enum class DeliverySummary {
    None, ///< delivered nowhere: the gateway had no reachable watcher or sink
    Pending, ///< at least one delivery is still on its first attempt
    Retrying, ///< at least one delivery failed and will be retried
    Delivered, ///< every watcher and sink answered 2xx
    Failed, ///< at least one delivery gave up
};

[[nodiscard]] const char *toString(DeliverySummary s);

/** One entry of an event's delivery history. */
struct DeliveryEntry {
    std::uint32_t target = 0; ///< index into EventStore::targetName()
    DeliveryState state = DeliveryState::Pending;
    int attempts = 0;
    int httpStatus = 0;
    std::string error;
    SysMicros at;
};

/** An event in the ring with what happened to its deliveries. */
struct StoredEvent {
    std::shared_ptr<const EventRecord> record;
    std::vector<DeliveryEntry> history; ///< oldest first, at most kMaxHistory
    DeliverySummary summary = DeliverySummary::None;
};

/** A ring of at most `capacity` events and about `maxBytes` of their data, oldest first, with lookup by event id. */
class EventStore
{
public:
    static constexpr std::size_t kMaxHistory = 16;
    /** Default byte bound: 100,000 small events fit easily; a few thousand 4 MB payloads do not. */
    static constexpr std::size_t kDefaultMaxBytes = std::size_t(256) << 20;

    explicit EventStore(std::size_t capacity, std::size_t maxBytes = kDefaultMaxBytes);

    [[nodiscard]] std::size_t bytes() const { return m_bytes; }
    [[nodiscard]] std::size_t maxBytes() const { return m_maxBytes; }

    [[nodiscard]] std::size_t size() const { return m_events.size(); }
    [[nodiscard]] std::size_t capacity() const { return m_capacity; }
    /** The new bound; the caller removes what exceeds it (overflow(0)) so it can announce the removal first. */
    void setCapacity(std::size_t capacity) { m_capacity = capacity == 0 ? 1 : capacity; }
    /** How many of the oldest events must go before `incoming` more events of `incomingBytes` fit. */
    [[nodiscard]] std::size_t overflow(std::size_t incoming, std::size_t incomingBytes = 0) const;

    void popFront(std::size_t n);
    void append(std::shared_ptr<const EventRecord> record);
    void clear();

    [[nodiscard]] const StoredEvent &at(std::size_t row) const { return m_events[row]; }
    /** A number that stays with an event while it is in the ring (rows shift as old events leave). */
    [[nodiscard]] std::uint64_t sequenceAt(std::size_t row) const { return m_frontSeq + row; }
    [[nodiscard]] std::optional<std::size_t> rowOfSequence(std::uint64_t seq) const;
    [[nodiscard]] std::optional<std::size_t> rowOf(std::string_view eventId) const;

    /** Records `change` for its event; returns the event's row, or nothing if the event is not here. */
    std::optional<std::size_t> apply(const DeliveryChange &change);
    [[nodiscard]] const std::string &targetName(std::uint32_t index) const { return m_targets[index]; }

private:
    std::uint32_t targetIndex(const std::string &name);
    void summarize(StoredEvent &ev) const;

    std::size_t m_capacity;
    std::size_t m_maxBytes;
    std::size_t m_bytes = 0; ///< footprint of the events in the ring
    std::deque<StoredEvent> m_events;
    std::uint64_t m_frontSeq = 0;
    std::unordered_map<std::string_view, std::uint64_t> m_byId; // views into the records' ids
    std::vector<std::string> m_targets; // interned target labels: few, shared by every event
};

} // namespace gs
