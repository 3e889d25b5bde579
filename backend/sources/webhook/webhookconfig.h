#pragma once
// The webhook event-source config: its schema (v0.10's keys, spec §6.2, and ours, decisions §5)
// and the typed config the runtime reads through it.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "spec/schema.h"
#include "spec/secretref.h"

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
    std::uint16_t portNumber = 0;
    std::string endpoint; ///< normalised: always starts with '/'
    std::string method;
    std::string url;
    std::string serverCertPath;
    std::string serverKeyPath;
    std::uint64_t maxBodySize = kDefaultMaxBodySize;
    std::optional<SecretRef> authSecret;
    std::optional<HmacCheck> hmac;
    std::vector<std::string> maskHeaders;
};

/** The schema of a webhook source: fields, rules, and the rules across sources (routes, TLS per port). */
[[nodiscard]] const schema::TypeSchema &schema();
/** The typed config of a source the schema accepted. */
[[nodiscard]] Config readConfig(const schema::View &view);
/** Checks `text` and reads it; the error is the v0.10-style verdict. */
[[nodiscard]] Result<Config> loadConfig(std::string_view text);

/** The HTTP methods v0.10 accepts, upper-case and exact. */
[[nodiscard]] bool isKnownMethod(const std::string &method);

} // namespace gs::webhook
