#pragma once
// The NATS gateway type: registry entry for "nats" (spec §6.5, decisions §6), on the shared stream base.

#include "natsconfig.h"
#include "sources/streamsource.h"

namespace gs::nats {

class NatsType final : public stream::StreamSourceType<Config>
{
public:
    using StreamSourceType::StreamSourceType;
    [[nodiscard]] std::string name() const override { return "nats"; }
    [[nodiscard]] const schema::TypeSchema &schema() const override { return nats::schema(); }

protected:
    Config read(const schema::View &config) const override { return readConfig(config); }
    Result<std::unique_ptr<stream::BrokerClient>> makeClient(const SourceSpec &spec, const Config &config) override;
    Result<std::string> publish(const Config &config, std::string_view data) override;
};

/** A subject to publish a sample to that `subject` (which may hold wildcards) matches: each wildcard token becomes "sample". */
[[nodiscard]] std::string sampleSubject(const std::string &subject);

} // namespace gs::nats
