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

/** The source's own connection state while its stream runs (decisions §1 `SourceState.phase`). */
enum class ConnectionPhase {
    None, ///< no report (yet): a v0.10 server, or a stream that has not said anything
    Connecting, ///< initial connection attempts (stream gateways: with the source's `backoff`)
    Connected, ///< receiving: e.g. subscribed to the broker, listening, scheduled
    Reconnecting, ///< the connection was lost and is being re-established
    Failed, ///< the source gave up (its stream ends with the error; the client restarts it)
};

[[nodiscard]] const char *toString(ConnectionPhase p);
/** "connected" -> Connected; anything unknown -> None. */
[[nodiscard]] ConnectionPhase connectionPhaseFrom(const std::string &phase);

struct SourceStatus {
    std::string id; ///< v0.10 node id: FNV-1a 32 of key + value
    std::string name; ///< ConfigMap key
    SourcePhase phase = SourcePhase::Starting;
    std::string message; ///< why it is in this phase (error text, validation reason)
    std::string connection; ///< the source's own state report as one line, e.g. "connected: listening on ..."
    ConnectionPhase connectionPhase = ConnectionPhase::None; ///< the phase of that report
    std::string connectionMessage; ///< its message (for stream gateways: the broker and the last error; no secrets)
    int restarts = 0;
    std::uint64_t events = 0;
    int retryInSeconds = 0; ///< with Failed
};

} // namespace gs

Q_DECLARE_METATYPE(gs::SourceStatus)
