#include "demo.h"

#include <atomic>

#include "core/json.h"
#include "core/logging.h"
#include "core/timefmt.h"
#include "http/client.h"

namespace gs::demo {

std::string webhookManifests(std::uint16_t port)
{
    const std::string p = std::to_string(port);
    return R"(apiVersion: argoproj.io/v1alpha1
kind: Gateway
metadata:
  name: demo-webhook
  labels:
    gateways.argoproj.io/gateway-controller-instanceid: argo-events
    argo-events-gateway-version: v0.10
spec:
  type: webhook
  eventSource: demo-webhook-sources
  processorPort: "9330"
  eventProtocol:
    type: HTTP
    http:
      port: "9300"
  template:
    metadata:
      labels: {gateway-name: demo-webhook}
    spec:
      containers:
        - name: gateway-client
          image: argoproj/gateway-client:v0.10
        - name: webhook-events
          image: argoproj/webhook-gateway:v0.10
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: demo-webhook-sources
  labels:
    argo-events-event-source-version: v0.10
data:
  example: |-
    port: ")"
        + p + R"("
    endpoint: /example
    method: POST
)";
}

namespace {
Result<GatewayPair> pairOf(const std::string &manifests)
{
    auto m = parseManifests(manifests, "<demo>");
    if (!m)
        return tl::unexpected(m.error());
    std::vector<Warning> warnings;
    GatewayPair pair;
    pair.gateway = m->gateways.at(0);
    auto cm = selectConfigMap(pair.gateway, m->configMaps, warnings);
    if (!cm)
        return tl::unexpected(cm.error());
    pair.configMap = std::move(*cm);
    return pair;
}
} // namespace

Result<GatewayPair> webhookPair(std::uint16_t webhookPort)
{
    return pairOf(webhookManifests(webhookPort));
}

std::string calendarManifests()
{
    return R"(apiVersion: argoproj.io/v1alpha1
kind: Gateway
metadata:
  name: demo-calendar
  labels:
    gateways.argoproj.io/gateway-controller-instanceid: argo-events
    argo-events-gateway-version: v0.10
spec:
  type: calendar
  eventSource: demo-calendar-sources
  processorPort: "9331"
  eventProtocol:
    type: HTTP
    http:
      port: "9300"
  template:
    metadata:
      labels: {gateway-name: demo-calendar}
    spec:
      containers:
        - name: gateway-client
          image: argoproj/gateway-client:v0.10
        - name: calendar-events
          image: argoproj/calendar-gateway:v0.10
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: demo-calendar-sources
  labels:
    argo-events-event-source-version: v0.10
data:
  every-10s: |-
    interval: 10s
    userPayload: {demo: true, what: ten seconds passed}
  every-minute: |-
    schedule: "* * * * *"
    timezone: UTC
    userPayload: "a new minute"
)";
}

Result<GatewayPair> calendarPair()
{
    return pairOf(calendarManifests());
}

std::string sampleBody(std::uint64_t sequence, std::string_view origin)
{
    static const char *kKinds[] = {"build.finished", "deploy.started", "alert.fired", "user.signed_up"};
    return std::string(R"({"seq":)") + std::to_string(sequence) + R"(,"kind":")" + kKinds[sequence % 4] + R"(","sentAt":")"
        + formatMicroTime(nowMicros()) + R"(","source":)" + [&] {
              std::string quotedOrigin;
              json::appendString(quotedOrigin, origin);
              return quotedOrigin;
          }() + "}";
}

struct Generator::Impl : std::enable_shared_from_this<Generator::Impl> {
    Impl(std::string u, std::chrono::milliseconds i)
        : url(*http::Url::parse(u))
        , interval(i)
        , client(pool)
        , timer(pool)
    {
    }
    http::Url url;
    std::chrono::milliseconds interval;
    http::IoPool pool {1, "gs-demo"};
    http::Client client;
    http::Timer timer;
    std::uint64_t sequence = 0; // pool thread only
    std::atomic<std::uint64_t> sent {0};

    void post(bool onDemand)
    {
        auto body = std::make_shared<std::string>(sampleBody(++sequence, onDemand ? "sample event posted on demand" : "demo generator"));
        client.post(url, {{"Content-Type", "application/json"}}, *body, body, [self = shared_from_this()](http::PostResult r) {
            if (r.error.empty() && r.status == 200)
                ++self->sent;
            else
                qCWarning(lcCli).noquote() << "demo generator: POST failed:"
                                           << QString::fromStdString(r.error.empty() ? "HTTP " + std::to_string(r.status) : r.error);
        });
    }
    void tick(std::chrono::steady_clock::time_point at)
    {
        post(false);
        const auto next = at + interval;
        timer.schedule(next, [self = shared_from_this(), next] { self->tick(next); });
    }
};

Generator::Generator(std::string url, std::chrono::milliseconds interval)
    : m_impl(std::make_shared<Impl>(std::move(url), interval))
{
    http::postTo(m_impl->pool, [impl = m_impl] { impl->tick(std::chrono::steady_clock::now()); });
}

Generator::~Generator()
{
    // Handlers hold the Impl: stop the thread, then release them with the context still alive.
    m_impl->pool.stop();
}

std::uint64_t Generator::sent() const
{
    return m_impl->sent;
}

void Generator::postNow()
{
    http::postTo(m_impl->pool, [impl = m_impl] { impl->post(true); });
}

} // namespace gs::demo
