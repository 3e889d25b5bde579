#pragma once
// How a running source hands its events to whoever streams them (the gRPC StartEventSource call).

#include <string>

#include "core/event.h"

namespace gs {

/** What a source produced: the raw payload plus what it knows about it (extension metadata). */
struct SourceEvent {
    std::string payload;
    MetaList meta;
};

enum class EmitResult {
    Accepted, ///< queued for the stream
    Full, ///< the stream's queue is full: push back (webhook: 503) or count a drop
    Closed, ///< the stream has ended; the source is being stopped
};

/** Connection phases a source reports (decisions §1 extension `SourceState.phase`). */
namespace phase {
inline constexpr char kConnecting[] = "connecting";
inline constexpr char kConnected[] = "connected";
inline constexpr char kReconnecting[] = "reconnecting";
inline constexpr char kFailed[] = "failed";
} // namespace phase

/** Thread-safe sink for one source's events. Never blocks. */
class Emitter
{
public:
    virtual ~Emitter() = default;
    virtual EmitResult emit(SourceEvent &&event) = 0;
    /** False when nobody reads SourceEvent::meta (a v0.10 client): sources may skip building it. */
    [[nodiscard]] virtual bool wantsMeta() const { return true; }
    /** A state change (low rate). */
    virtual void reportState(const std::string &phase, const std::string &message) = 0;
    /** The source failed for good: the stream ends with this error once queued events are sent. */
    virtual void fail(const std::string &reason) = 0;
};

} // namespace gs
