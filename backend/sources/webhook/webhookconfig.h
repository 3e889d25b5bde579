#pragma once
// The webhook event-source config: v0.10's keys (spec §6.2) and ours (decisions §5).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "spec/secretref.h"
#include "spec/sourceconfig.h"

namespace gs::webhook {

inline constexpr std::uint64_t kDefaultMaxBodySize = 1048576;
/** A v0.10 gateway-client accepts gRPC messages up to 4 MiB (decisions §1). */
inline constexpr std::uint64_t kMaxPayloadBytes = 4000000;

struct HmacCheck {
    std::string header = "X-Hub-Signature-256";
    std::string prefix = "sha256=";
    SecretRef secret;
};

struct Config {
    std::string port; ///< as written
    std::string endpoint; ///< normalised: always starts with '/'
    std::string method;
    std::string url;
    std::string serverCertPath;
    std::string serverKeyPath;
    std::uint64_t maxBodySize = kDefaultMaxBodySize;
    std::optional<SecretRef> authSecret;
    std::optional<HmacCheck> hmac;
    std::vector<std::string> maskHeaders;

    std::uint16_t portNumber = 0; ///< set by check()
};

/** Reads the keys; only wrong kinds of values fail here. */
[[nodiscard]] Result<Config> parseConfig(const SourceConfig &raw);
/** The v0.10 rules (method, endpoint, port) and ours (limits, TLS pairs, auth). Fills portNumber. */
[[nodiscard]] Result<void> checkConfig(Config &config);

/** The HTTP methods v0.10 accepts, upper-case and exact. */
[[nodiscard]] bool isKnownMethod(const std::string &method);

} // namespace gs::webhook
