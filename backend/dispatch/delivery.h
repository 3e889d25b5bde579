#pragma once
// Values describing deliveries: what is sent, where, and how each attempt went.

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace gs {

/** A watcher or sink: where envelopes are POSTed. */
struct Target {
    std::string name; ///< e.g. "sink", "sensor deploy-sensor", "gateway fanout"
    std::string url;

    bool operator==(const Target &) const = default;
    /** For messages: the name, with the URL when the name does not already show it. */
    [[nodiscard]] std::string label() const { return name.find(url) != std::string::npos ? name : name + " (" + url + ")"; }
};

/** One envelope ready to send, shared by every target's delivery. Immutable once submitted. */
struct Outgoing {
    std::string eventId;
    std::string source; ///< event-source key, for messages
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers; ///< Content-Type first
    std::chrono::steady_clock::time_point received {}; ///< when the client got the event
};

/** Per event and target (decisions §3): pending -> delivered | retrying -> delivered | failed. */
enum class DeliveryState { Pending, Retrying, Delivered, Failed };

[[nodiscard]] const char *toString(DeliveryState s);

struct DeliveryUpdate {
    std::shared_ptr<const Outgoing> event;
    Target target;
    DeliveryState state = DeliveryState::Pending;
    int attempts = 0;
    int httpStatus = 0; ///< last answer, 0 if none
    std::string error; ///< last failure, if any
    std::chrono::milliseconds nextRetryIn {0};
};

} // namespace gs
