#pragma once
// What the client knows about one event source (the v0.10 "node", with more detail).

#include <cstdint>
#include <string>

#include <QMetaType>

namespace gs {

enum class SourcePhase {
    Starting, ///< validating and opening the stream
    Running, ///< the stream is open
    Invalid, ///< the server refused the config; waits for the config to change
    Failed, ///< the stream failed; a restart is scheduled
    Completed, ///< the server ended the stream cleanly (v0.10: Completed)
};

[[nodiscard]] const char *toString(SourcePhase p);

struct SourceStatus {
    std::string id; ///< v0.10 node id: FNV-1a 32 of key + value
    std::string name; ///< ConfigMap key
    SourcePhase phase = SourcePhase::Starting;
    std::string message; ///< why it is in this phase (error text, validation reason)
    std::string connection; ///< the source's own state report, e.g. "connected: listening on ..."
    int restarts = 0;
    std::uint64_t events = 0;
    int retryInSeconds = 0; ///< with Failed
};

} // namespace gs

Q_DECLARE_METATYPE(gs::SourceStatus)
