#pragma once
// The Kafka event-source config: its schema (v0.10's keys, spec §6.7, and ours, decisions §6,
// PC-22) and the typed config the Kafka runtime reads through it.

#include <optional>
#include <string>

#include "core/result.h"
#include "sources/streamconfig.h"

namespace gs::kafka {

struct ConsumerGroup {
    std::string groupName;
    bool oldest = false; ///< a new group starts at the oldest offset
};

struct Sasl {
    std::string mechanism; ///< PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512
    std::string username;
    SecretRef password;
};

struct Config {
    std::string url; ///< host:port (a comma-separated list is accepted)
    std::string topic;
    std::optional<int> partition; ///< single-partition mode (v0.10); unset with a consumer group
    std::optional<ConsumerGroup> consumerGroup;
    std::optional<Sasl> sasl;
    std::optional<stream::TlsConfig> tls;
    stream::Backoff backoff;
};

[[nodiscard]] const schema::TypeSchema &schema();
[[nodiscard]] Config readConfig(const schema::View &view);
[[nodiscard]] Result<Config> loadConfig(std::string_view text);

} // namespace gs::kafka
