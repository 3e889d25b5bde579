#pragma once
// Fixtures shared by the tests: paths, waiting, memory readings.

#include <chrono>
#include <functional>
#include <string>

#include <QString>

namespace gs::test {

/** The gwctl binary under test. */
[[nodiscard]] QString gwctlPath();
/** tests/peers: independent protocol peers (Python grpcio) and data. */
[[nodiscard]] QString peersDir();
/** tests/data. */
[[nodiscard]] QString dataDir();
/** The project's resources/examples. */
[[nodiscard]] QString examplesDir();
/** Debian's python3, which has python3-grpcio (the first python3 on PATH may not). */
[[nodiscard]] QString python();

/** Polls `done` (processing Qt events) until true or timeout; returns its last value. */
bool waitUntil(const std::function<bool()> &done, std::chrono::milliseconds timeout = std::chrono::seconds(10));

/** Resident set size of this process in KiB. */
[[nodiscard]] long rssKiB();

/** A free loopback TCP port. */
[[nodiscard]] int freePort();

} // namespace gs::test
