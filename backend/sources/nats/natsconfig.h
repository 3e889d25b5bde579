#pragma once
// The NATS event-source config: its schema (v0.10's keys, spec §6.5, and ours, decisions §6) and
// the typed config the NATS runtime reads through it.

#include <optional>
#include <string>

#include "core/result.h"
#include "sources/streamconfig.h"

namespace gs::nats {

struct Config {
    std::string url;
    std::string subject; ///< may hold the wildcards '*' and '>'
    std::optional<SecretRef> token;
    std::string username;
    std::optional<SecretRef> password;
    std::optional<stream::TlsConfig> tls;
    stream::Backoff backoff;
};

[[nodiscard]] const schema::TypeSchema &schema();
[[nodiscard]] Config readConfig(const schema::View &view);
[[nodiscard]] Result<Config> loadConfig(std::string_view text);

/** Why `subject` is not a valid NATS subscription subject, or nullopt when it is. */
[[nodiscard]] std::optional<std::string> subjectProblem(std::string_view subject);

} // namespace gs::nats
