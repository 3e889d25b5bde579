#pragma once
// The value that crosses threads on the client side: one event as the gateway client received it.

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "timefmt.h"

namespace gs {

using MetaList = std::vector<std::pair<std::string, std::string>>;

/** One event received from a gateway server, before it is put in an envelope. Plain data, copyable. */
struct Event {
    std::string id; ///< fresh UUID, canonical text form
    SysMicros time; ///< when the client received it (envelope eventTime)
    std::string gateway; ///< Gateway metadata.name
    std::string type; ///< Gateway spec.type
    std::string source; ///< event-source key (gRPC Event.name)
    std::string payload; ///< raw bytes
    MetaList meta; ///< extension metadata (content-type, http-*, ...), empty from v0.10 servers
    std::chrono::steady_clock::time_point received {}; ///< for latency figures

    /** The value of meta key `key`, or empty. */
    [[nodiscard]] std::string metaValue(std::string_view key) const
    {
        for (const auto &[k, v] : meta) {
            if (k == key)
                return v;
        }
        return {};
    }
};

} // namespace gs
