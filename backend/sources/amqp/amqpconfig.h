#pragma once
// The AMQP (RabbitMQ) event-source config: its schema (v0.10's keys, spec §6.8, and ours,
// decisions §6, PC-23) and the typed config the AMQP runtime reads through it.

#include <optional>
#include <string>

#include "core/result.h"
#include "sources/streamconfig.h"

namespace gs::amqp {

/** How the exchange is declared; the defaults are v0.10's. */
struct ExchangeDeclare {
    bool durable = true;
    bool autoDelete = false;
    bool internal = false;
    bool noWait = false;
    bool passive = false; ///< only check that the exchange exists
    bool skip = false; ///< do not declare it at all
};

struct Config {
    std::string url; ///< amqp:// or amqps://
    std::string exchangeName;
    std::string exchangeType;
    std::string routingKey;
    ExchangeDeclare exchangeDeclare;
    std::string username;
    std::optional<SecretRef> password;
    std::optional<stream::TlsConfig> tls;
    stream::Backoff backoff;
};

[[nodiscard]] const schema::TypeSchema &schema();
[[nodiscard]] Config readConfig(const schema::View &view);
[[nodiscard]] Result<Config> loadConfig(std::string_view text);

} // namespace gs::amqp
