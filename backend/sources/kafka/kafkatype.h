#pragma once
// The Kafka gateway type: registry entry for "kafka" (spec §6.7, decisions §6, PC-22), on the shared
// stream base with librdkafka: v0.10's single partition from the newest offset, or a consumer group
// with committed offsets (a restart misses nothing).

#include "kafkaconfig.h"
#include "sources/streamsource.h"

namespace gs::kafka {

class KafkaType final : public stream::StreamSourceType<Config>
{
public:
    using StreamSourceType::StreamSourceType;
    [[nodiscard]] std::string name() const override { return "kafka"; }
    [[nodiscard]] const schema::TypeSchema &schema() const override { return kafka::schema(); }

protected:
    Config read(const schema::View &config) const override { return readConfig(config); }
    Result<std::unique_ptr<stream::BrokerClient>> makeClient(const SourceSpec &spec, const Config &config) override;
    Result<std::string> publish(const Config &config, std::string_view data) override;
};

} // namespace gs::kafka
