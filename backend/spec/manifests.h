#pragma once
// The v0.10 Kubernetes objects Gateway Studio reads from files: Gateway resources and their
// event-source ConfigMaps (spec §2, §3). Only what running a gateway needs is modelled here;
// every field error carries file:line:col and the field path.

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/envelopekind.h"
#include "core/result.h"
#include "yamlnode.h"

namespace gs {

inline constexpr char kEventSourceVersionLabel[] = "argo-events-event-source-version";
inline constexpr char kGatewayVersionLabel[] = "argo-events-gateway-version";
inline constexpr char kControllerInstanceLabel[] = "gateways.argoproj.io/gateway-controller-instanceid";
inline constexpr char kEnvelopeAnnotation[] = "gateway-studio/envelope";

struct ObjectMeta {
    std::string name;
    std::string ns; ///< empty: the default namespace
    std::map<std::string, std::string> labels;
    std::map<std::string, std::string> annotations;
};

struct SensorWatcher {
    std::string name;
    std::string ns;
};

struct GatewayWatcher {
    std::string name;
    std::string ns;
    std::string port;
    std::string endpoint;
};

struct EventProtocol {
    std::string type; ///< HTTP or NATS (case-sensitive)
    std::string httpPort; ///< sensors' HTTP port
    std::string natsUrl;
    std::string natsType; ///< Standard or Streaming
    std::string clusterId;
    std::string clientId;
};

/** One event source's node in Gateway.status (spec §3.4), written by the gateway client. */
struct NodeStatus {
    std::string id; ///< FNV-1a-32 of key and value, in decimal
    std::string name; ///< the ConfigMap key
    std::string displayName;
    std::string phase; ///< Running, Error or Completed
    std::string startedAt; ///< RFC 3339 with microseconds
    std::string message; ///< one of the snake_case messages of spec §4.4
    std::string updateTime;
};

/** Gateway.status (spec §3.4). */
struct GatewayStatus {
    std::string phase; ///< "", Running or Error
    std::string startedAt;
    std::string message;
    std::map<std::string, NodeStatus> nodes; ///< by node id
};

/** A warning found while loading (not fatal), with its location. */
struct Warning {
    std::string where;
    std::string message;
};

struct Gateway {
    ObjectMeta meta;
    std::string type;
    std::string eventSource; ///< ConfigMap name, or namespace/name
    std::string processorPort;
    EventProtocol eventProtocol;
    bool hasEventProtocol = false;
    bool hasTemplate = false;
    std::vector<SensorWatcher> sensors;
    std::vector<GatewayWatcher> gatewayWatchers;
    std::string serviceAccountName; ///< spec.template.spec.serviceAccountName
    bool hasService = false;
    GatewayStatus status;
    std::string origin; ///< file:line of the object
    yaml::Node node; ///< the object as read

    /** ConfigMap name and namespace that spec.eventSource names. */
    [[nodiscard]] std::pair<std::string, std::string> eventSourceRef() const;
    /** The envelope its `gateway-studio/envelope` annotation asks for (argo-v0.10 when absent or unknown). */
    [[nodiscard]] EnvelopeKind envelope() const;
    [[nodiscard]] std::string namespaceOrDefault() const { return meta.ns.empty() ? std::string("default") : meta.ns; }
};

struct ConfigMap {
    ObjectMeta meta;
    std::vector<std::pair<std::string, std::string>> data; ///< in file order
    std::map<std::string, int> dataLine; ///< key -> 1-based line of its value
    std::string origin;
    yaml::Node node; ///< the object as read
};

/** Every Gateway and ConfigMap found in the documents of one or more files. */
struct Manifests {
    std::vector<Gateway> gateways;
    std::vector<ConfigMap> configMaps;
    std::vector<Warning> warnings;
};

/**
 * Reads the Gateways and ConfigMaps of YAML text (multi-document); `origin` is the file name used in
 * messages. Only what cannot be read is an error here: the rules are the schemas' (objectschemas.h),
 * which loadGatewayPair and `gwctl validate` apply.
 */
[[nodiscard]] Result<Manifests> parseManifests(std::string_view text, const std::string &origin);
/** Reads and parses a file. */
[[nodiscard]] Result<Manifests> loadManifests(const std::string &path);

/** A Gateway with the ConfigMap it names, checked and ready to run. */
struct GatewayPair {
    Gateway gateway;
    ConfigMap configMap;
};

/**
 * Loads the single Gateway in `gatewayPath` and the ConfigMap it names from `configMapPath` (or from
 * the Gateway's file when empty), both checked against their schemas for running locally: errors
 * fail, and what only a cluster's controller needs (labels, pod template, watchers) is a warning.
 * The event sources in the ConfigMap are left to their gateway servers' validation.
 */
[[nodiscard]] Result<GatewayPair> loadGatewayPair(
    const std::string &gatewayPath, const std::string &configMapPath, std::vector<Warning> &warnings);

/** As loadGatewayPair for one file's text that holds both (the editor's open document); `origin` names it in messages. */
[[nodiscard]] Result<GatewayPair> gatewayPairFromText(std::string_view text, const std::string &origin, std::vector<Warning> &warnings);

/** The ConfigMap that `gw` names among `maps`, with a clear error when it is missing. */
[[nodiscard]] Result<ConfigMap> selectConfigMap(const Gateway &gw, const std::vector<ConfigMap> &maps, std::vector<Warning> &warnings);

} // namespace gs
