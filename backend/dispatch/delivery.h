#pragma once
// Values describing deliveries: what is sent, where, and how each attempt went.

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace gs {

/** How a target is reached. */
enum class TargetKind {
    Http, ///< POST to `url` (watchers, sinks)
    Nats, ///< core NATS publish on `<gateway>:<key>` to the server(s) in `url` (spec §4.7)
    NatsStreaming, ///< NATS Streaming publish on `<gateway>:<key>` to cluster `clusterId` as `clientId`
};

/** A watcher, sink or NATS server: where envelopes go. */
struct Target {
    std::string name; ///< e.g. "sink", "sensor deploy-sensor", "gateway fanout", "NATS nats://..."
    std::string url; ///< may hold credentials: show label(), never the raw URL
    TargetKind kind = TargetKind::Http;
    std::string clusterId {}; ///< NatsStreaming only
    std::string clientId {}; ///< NatsStreaming only

    bool operator==(const Target &) const = default;
    /** For messages and the UI: the name, with the URL (secrets masked) when the name does not already show it. */
    [[nodiscard]] std::string label() const;
};

/** One envelope ready to send, shared by every target's delivery. Immutable once submitted. */
struct Outgoing {
    std::string eventId;
    std::string source; ///< event-source key, for messages
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers; ///< Content-Type first
    std::chrono::steady_clock::time_point received {}; ///< when the client got the event
    /** NATS subject: `<gateway>:<key>`, as v0.10 (equals the argo envelope's context.source.host). */
    std::string subject {};
    /**
     * For transports without headers (NATS): the envelope as one document when `body` alone is not
     * (CloudEvents binary mode: the structured JSON form). Empty: `body` is the whole envelope.
     */
    std::string messageBody {};
};

/** Per event and target (decisions §3): pending -> delivered | retrying -> delivered | failed. */
enum class DeliveryState { Pending, Retrying, Delivered, Failed };

[[nodiscard]] const char *toString(DeliveryState s);

struct DeliveryUpdate {
    std::shared_ptr<const Outgoing> event;
    Target target;
    DeliveryState state = DeliveryState::Pending;
    int attempts = 0;
    int httpStatus = 0; ///< last HTTP answer, 0 if none (and always for NATS)
    std::string error; ///< last failure, if any
    std::chrono::milliseconds nextRetryIn {0};
};

} // namespace gs
