#include "demo.h"

#include <condition_variable>
#include <mutex>

#include <curl/curl.h>

#include "core/logging.h"
#include "core/timefmt.h"

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
    port: ")" + p + R"("
    endpoint: /example
    method: POST
)";
}

Result<GatewayPair> webhookPair(std::uint16_t webhookPort)
{
    auto m = parseManifests(webhookManifests(webhookPort), "<demo>");
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

Generator::Generator(std::string url, std::chrono::milliseconds interval)
    : m_url(std::move(url))
    , m_interval(interval)
    , m_thread([this] { loop(); })
{
}

Generator::~Generator()
{
    m_stop = true;
    m_thread.join();
}

bool Generator::postSample(const std::string &url, std::uint64_t sequence, std::string *error)
{
    static const char *kKinds[] = {"build.finished", "deploy.started", "alert.fired", "user.signed_up"};
    const std::string body = std::string(R"({"seq":)") + std::to_string(sequence) + R"(,"kind":")" + kKinds[sequence % 4] + R"(","sentAt":")"
        + formatMicroTime(nowMicros()) + R"(","source":"gwctl demo generator"})";
    CURL *e = curl_easy_init();
    if (!e)
        return false;
    curl_slist *headers = curl_slist_append(nullptr, "Content-Type: application/json");
    curl_easy_setopt(e, CURLOPT_URL, url.c_str());
    curl_easy_setopt(e, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, 5000L);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, +[](char *, size_t s, size_t n, void *) { return s * n; });
    const CURLcode rc = curl_easy_perform(e);
    long status = 0;
    curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(e);
    if (error && (rc != CURLE_OK || status != 200))
        *error = rc != CURLE_OK ? curl_easy_strerror(rc) : "HTTP " + std::to_string(status);
    return rc == CURLE_OK && status == 200;
}

void Generator::loop()
{
    std::uint64_t seq = 0;
    auto next = std::chrono::steady_clock::now();
    while (!m_stop) {
        std::string error;
        if (postSample(m_url, ++seq, &error))
            ++m_sent;
        else
            qCWarning(lcCli).noquote() << "demo generator: POST failed:" << QString::fromStdString(error);
        next += m_interval;
        while (!m_stop && std::chrono::steady_clock::now() < next)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

} // namespace gs::demo
