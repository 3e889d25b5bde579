#pragma once
// The MQTT event-source config: its schema (v0.10's keys, spec §6.6, and ours, decisions §6) and
// the typed config the MQTT runtime reads through it.

#include <optional>
#include <string>

#include "core/result.h"
#include "sources/streamconfig.h"

namespace gs::mqtt {

struct Config {
    std::string url; ///< tcp://, ssl://, ws://, wss://, mqtt:// or mqtts://
    std::string topic; ///< a valid topic filter
    std::string clientId;
    int qos = 0;
    std::string username;
    std::optional<SecretRef> password;
    std::optional<stream::TlsConfig> tls;
    stream::Backoff backoff;
};

[[nodiscard]] const schema::TypeSchema &schema();
[[nodiscard]] Config readConfig(const schema::View &view);
[[nodiscard]] Result<Config> loadConfig(std::string_view text);

} // namespace gs::mqtt
