#pragma once
// The webhook gateway type: registry entry for "webhook" (spec §6.2, decisions §5).

#include <memory>
#include <mutex>

#include "sources/sourcetype.h"
#include "webhookconfig.h"

namespace gs::webhook {

class Hub;

class WebhookType final : public TypedSourceType<Config>
{
public:
    explicit WebhookType(SourceEnvironment env);
    ~WebhookType() override;

    [[nodiscard]] std::string name() const override { return "webhook"; }

    [[nodiscard]] const schema::TypeSchema &schema() const override { return webhook::schema(); }

protected:
    Config read(const schema::View &config) const override { return readConfig(config); }
    Result<std::unique_ptr<RunningSource>> run(const SourceSpec &spec, Config config, std::shared_ptr<Emitter> emitter) override;

private:
    SourceEnvironment m_env;
    std::mutex m_mutex;
    std::shared_ptr<Hub> m_hub; // created with the first source: no threads for a server that never runs one
};

} // namespace gs::webhook
