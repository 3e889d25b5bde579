#pragma once
// The MQTT gateway type: registry entry for "mqtt" (spec §6.6, decisions §6, PC-20, PC-21), on the
// shared stream base, with paho's synchronous C client (MQTTClient_receive has a timeout).

#include "mqttconfig.h"
#include "sources/streamsource.h"

namespace gs::mqtt {

class MqttType final : public stream::StreamSourceType<Config>
{
public:
    using StreamSourceType::StreamSourceType;
    [[nodiscard]] std::string name() const override { return "mqtt"; }
    [[nodiscard]] const schema::TypeSchema &schema() const override { return mqtt::schema(); }

protected:
    Config read(const schema::View &config) const override { return readConfig(config); }
    Result<std::unique_ptr<stream::BrokerClient>> makeClient(const SourceSpec &spec, const Config &config) override;
    Result<std::string> publish(const Config &config, std::string_view data) override;
};

/** A topic that `filter` matches, to publish a sample to: each '+' or '#' level becomes "sample". */
[[nodiscard]] std::string sampleTopic(const std::string &filter);

} // namespace gs::mqtt
