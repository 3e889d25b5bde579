#include "webhooktype.h"

#include "webhookhub.h"

#include "core/logging.h"

namespace gs::webhook {

namespace {
/** Serves one route while alive. */
class WebhookSource final : public RunningSource
{
public:
    WebhookSource(std::shared_ptr<Hub> hub, std::uint16_t port, std::string path, std::string method)
        : m_hub(std::move(hub))
        , m_port(port)
        , m_path(std::move(path))
        , m_method(std::move(method))
    {
    }
    ~WebhookSource() override { m_hub->remove(m_port, m_path, m_method); }

private:
    std::shared_ptr<Hub> m_hub;
    std::uint16_t m_port;
    std::string m_path;
    std::string m_method;
};
} // namespace

WebhookType::WebhookType(SourceEnvironment env)
    : m_env(std::move(env))
{
}

WebhookType::~WebhookType() = default;

Result<std::unique_ptr<RunningSource>> WebhookType::run(const SourceSpec &spec, Config config, std::shared_ptr<Emitter> emitter)
{
    RouteSpec route {spec.name, config, {}, {}};
    for (const auto &[field, ref] : {std::pair {"authSecret", config.authSecret},
             std::pair {"hmac.secret", config.hmac ? std::optional(config.hmac->secret) : std::nullopt}}) {
        if (ref && ref->kind == SecretRef::Kind::Value)
            qCWarning(lcWebhook).noquote() << QString::fromStdString(
                spec.name) << field << ": the secret is written in the ConfigMap; prefer {file: PATH}, {env: NAME} or a Kubernetes Secret";
    }
    if (config.authSecret) {
        auto token = resolveSecret(*config.authSecret, m_env.secretsDir);
        if (!token)
            return fail("authSecret: " + token.error().message);
        if (token->empty())
            return fail("authSecret: the secret (" + config.authSecret->describe() + ") is empty");
        route.bearerToken = std::move(*token);
    }
    if (config.hmac) {
        auto key = resolveSecret(config.hmac->secret, m_env.secretsDir);
        if (!key)
            return fail("hmac.secret: " + key.error().message);
        if (key->empty())
            return fail("hmac.secret: the secret (" + config.hmac->secret.describe() + ") is empty");
        route.hmacKey = std::move(*key);
    }
    std::shared_ptr<Hub> hub;
    {
        std::lock_guard lock(m_mutex);
        if (!m_hub)
            m_hub = std::make_shared<Hub>(m_env);
        hub = m_hub;
    }
    auto added = hub->add(std::move(route), emitter);
    if (!added)
        return tl::unexpected(added.error());
    emitter->reportState(
        phase::kConnected, "listening on " + hub->baseUrl(config.portNumber) + config.endpoint + " (" + config.method + ")");
    return std::make_unique<WebhookSource>(hub, config.portNumber, config.endpoint, config.method);
}

} // namespace gs::webhook
