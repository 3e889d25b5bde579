#pragma once
// What the four stream types (nats, mqtt, kafka, amqp) share: the v0.10 `backoff` object with our
// defaults and limits (decisions §6, PC-25) and the `tls` block of files.

#include <chrono>
#include <optional>
#include <string>

#include "spec/schema.h"

namespace gs::stream {

/** Initial connection attempts (decisions §6). */
struct Backoff {
    std::chrono::nanoseconds duration {std::chrono::seconds(1)}; ///< first sleep
    double factor = 2; ///< multiplier after each sleep, at least 1
    double jitter = 0; ///< random extra, up to jitter x sleep
    int steps = 0; ///< total number of attempts; 0 when `given` is false
    bool given = false; ///< false: 1 s doubling to 60 s, unlimited (v0.10 #340 crashed instead)
};

/** TLS to the broker, on when the block is present. */
struct TlsConfig {
    std::string caCertPath;
    std::string clientCertPath;
    std::string clientKeyPath;
    bool insecureSkipVerify = false;
};

/** The `backoff` field (modern Argo Events: `connectionBackoff`). */
[[nodiscard]] schema::Field backoffField();
/** The `tls` field of decisions §6. */
[[nodiscard]] schema::Field tlsField();
/** Rule: tls.clientCertPath and tls.clientKeyPath are set together. */
[[nodiscard]] schema::Rule tlsPairRule(const std::string &type);

[[nodiscard]] Backoff readBackoff(const schema::View &config);
[[nodiscard]] std::optional<TlsConfig> readTls(const schema::View &config);

/** "scheme" of "scheme://rest", lower-case, or empty. */
[[nodiscard]] std::string urlScheme(const std::string &url);

} // namespace gs::stream
