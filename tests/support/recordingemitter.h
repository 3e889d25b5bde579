#pragma once
// An Emitter for source tests: records what a source emits and reports; can pretend to be full.

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <vector>

#include "sources/emitter.h"

namespace gs::test {

class RecordingEmitter : public Emitter
{
public:
    EmitResult emit(SourceEvent &&e) override;
    void reportState(const std::string &phase, const std::string &message) override;
    void fail(const std::string &reason) override;

    [[nodiscard]] std::size_t count() const;
    /** Copies, safe while the source runs. */
    [[nodiscard]] std::vector<SourceEvent> eventsCopy() const;
    [[nodiscard]] std::vector<std::string> statesCopy() const;
    [[nodiscard]] std::vector<std::string> failuresCopy() const;
    /** Waits (processing Qt events) until `n` events arrived. */
    bool waitForCount(std::size_t n, std::chrono::milliseconds timeout = std::chrono::seconds(10)) const;

    // Direct access for tests that have stopped the source.
    std::vector<SourceEvent> events;
    std::vector<std::chrono::system_clock::time_point> emittedAt; ///< wall clock of each accepted emit
    std::vector<std::string> states; ///< "phase: message"
    std::vector<std::string> failures;
    std::atomic<bool> full {false};
    std::atomic<bool> closed {false};

private:
    mutable std::mutex m_mutex;
};

} // namespace gs::test
