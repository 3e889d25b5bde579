#pragma once
// The AMQP (RabbitMQ) gateway type: registry entry for "amqp" (spec §6.8, decisions §6, PC-23), on
// the shared stream base with rabbitmq-c (amqp_consume_message has a timeout).

#include "amqpconfig.h"
#include "sources/streamsource.h"

namespace gs::amqp {

class AmqpType final : public stream::StreamSourceType<Config>
{
public:
    using StreamSourceType::StreamSourceType;
    [[nodiscard]] std::string name() const override { return "amqp"; }
    [[nodiscard]] const schema::TypeSchema &schema() const override { return amqp::schema(); }

protected:
    Config read(const schema::View &config) const override { return readConfig(config); }
    Result<std::unique_ptr<stream::BrokerClient>> makeClient(const SourceSpec &spec, const Config &config) override;
    Result<std::string> publish(const Config &config, std::string_view data) override;
};

/** A routing key that binding key `key` matches on a topic exchange: each '*' or '#' word becomes "sample". */
[[nodiscard]] std::string sampleRoutingKey(const std::string &key);

} // namespace gs::amqp
