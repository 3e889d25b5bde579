#pragma once
// At-least-once delivery of envelopes to every target (decisions §3): HTTP watchers and sinks on
// the dispatch thread with the project's HTTP client (keep-alive connections, several requests in
// flight per target), and NATS servers (spec §4.7) each through a NatsPublisher on its own thread.
// Retries with exponential backoff and jitter, per-event states, a bounded number of pending events.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "delivery.h"
#include "natspublisher.h"

namespace gs {

struct DispatchOptions {
    std::size_t maxPendingEvents = 100000;
    std::size_t maxPendingBytes = std::size_t(512) << 20; ///< bodies held for delivery, 512 MiB
    std::chrono::seconds maxAge {24 * 3600};
    std::chrono::milliseconds initialBackoff {1000};
    std::chrono::milliseconds maxBackoff {60000};
    int maxInFlightPerTarget = 32; ///< HTTP requests
    int maxInFlightPerNatsTarget = 4096; ///< NATS messages published and not yet confirmed
    NatsPublishOptions nats;
    std::chrono::milliseconds requestTimeout {20000};
    std::chrono::milliseconds connectTimeout {5000};
};

struct DispatchStats {
    std::uint64_t submitted = 0;
    std::uint64_t delivered = 0; ///< (event, target) pairs answered 2xx, or confirmed by the NATS server
    std::uint64_t retries = 0;
    std::uint64_t failed = 0; ///< gave up after maxAge
    std::uint64_t refused = 0; ///< submissions refused because pending was full
    std::uint64_t pendingEvents = 0;
    std::uint64_t pendingBytes = 0;
    double latencyP50Ms = 0; ///< client receipt -> 2xx, over all deliveries
    double latencyP99Ms = 0;
    double latencyMaxMs = 0;
};

/** Receives every state change of every delivery, on the dispatch thread. Must not block. */
using DeliveryObserver = std::function<void(const DeliveryUpdate &)>;

class Dispatcher
{
public:
    explicit Dispatcher(DispatchOptions options = {});
    ~Dispatcher();
    Dispatcher(const Dispatcher &) = delete;
    Dispatcher &operator=(const Dispatcher &) = delete;

    /** Where new events go from now on. Thread-safe. */
    void setTargets(std::vector<Target> targets);
    [[nodiscard]] std::vector<Target> targets() const;
    /** True when a target carries no headers (NATS): events then need Outgoing::messageBody in CloudEvents binary mode. */
    [[nodiscard]] bool hasMessageTargets() const;
    /** Set before the first submit. */
    void setObserver(DeliveryObserver observer);

    /**
     * Queues `event` for every target. Returns false when the pending bound is reached; `onSpace` is
     * then called once (on the dispatch thread) when there is room again. Thread-safe, never blocks.
     */
    bool trySubmit(std::shared_ptr<const Outgoing> event, std::function<void()> onSpace = {});

    /** Waits until nothing is pending or `timeout` passes; true if all settled. */
    bool drain(std::chrono::milliseconds timeout);
    [[nodiscard]] DispatchStats stats() const;

    struct Impl;

private:
    std::unique_ptr<Impl> m_impl;
};

} // namespace gs
