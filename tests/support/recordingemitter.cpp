#include "recordingemitter.h"

#include "testsupport.h"

namespace gs::test {

EmitResult RecordingEmitter::emit(SourceEvent &&e)
{
    std::lock_guard lock(m_mutex);
    if (closed)
        return EmitResult::Closed;
    if (full)
        return EmitResult::Full;
    events.push_back(std::move(e));
    emittedAt.push_back(std::chrono::system_clock::now());
    return EmitResult::Accepted;
}

void RecordingEmitter::reportState(const std::string &phase, const std::string &message)
{
    std::lock_guard lock(m_mutex);
    states.push_back(phase + ": " + message);
}

void RecordingEmitter::fail(const std::string &reason)
{
    std::lock_guard lock(m_mutex);
    failures.push_back(reason);
}

std::vector<std::string> RecordingEmitter::failuresCopy() const
{
    std::lock_guard lock(m_mutex);
    return failures;
}

std::size_t RecordingEmitter::count() const
{
    std::lock_guard lock(m_mutex);
    return events.size();
}

std::vector<SourceEvent> RecordingEmitter::eventsCopy() const
{
    std::lock_guard lock(m_mutex);
    return events;
}

std::vector<std::string> RecordingEmitter::statesCopy() const
{
    std::lock_guard lock(m_mutex);
    return states;
}

bool RecordingEmitter::waitForCount(std::size_t n, std::chrono::milliseconds timeout) const
{
    return waitUntil([&] { return count() >= n; }, timeout);
}

} // namespace gs::test
