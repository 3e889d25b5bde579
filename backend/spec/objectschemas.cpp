#include "objectschemas.h"

#include <algorithm>

#include <charconv>

#include "core/envelopekind.h"
#include "core/printable.h"
#include "manifests.h"
#include "yaml.h"

namespace gs {

namespace {

using schema::Field;
using schema::Report;
using schema::View;

Field metadataField()
{
    return Field::object("metadata",
        {Field::string("name").need().eg("example").doc("Name of the object."),
            Field::string("namespace").doc("Namespace; empty: the default one."), Field::map("labels").doc("Labels."),
            Field::map("annotations").doc("Annotations.")})
        .kubernetes()
        .openEnded()
        .need()
        .doc("Kubernetes object metadata.");
}

bool isPort(const std::string &s)
{
    int v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return ec == std::errc() && p == s.data() + s.size() && !s.empty() && v >= 1 && v <= 65535;
}

/**
 * metadata.name is a DNS-1123 subdomain, as Kubernetes requires: lower-case letters, digits, '-' and
 * '.', starting and ending with a letter or digit, at most 253 characters. A ':' would also split the
 * event's host "<gateway>:<key>" in the wrong place.
 */
void checkName(const View &v, Report &r)
{
    const auto meta = v.object("metadata");
    if (!meta || !meta->has("name"))
        return;
    const std::string name = meta->text("name");
    const auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
    const bool ok = !name.empty() && name.size() <= 253 && alnum(name.front()) && alnum(name.back())
        && std::all_of(name.begin(), name.end(), [&](char c) { return alnum(c) || c == '-' || c == '.'; });
    if (!ok)
        r.error(meta->where("name"), "metadata.name",
            quoted(name) + " is not a valid Kubernetes name (lower-case letters, digits, '-' and '.', starting and ending with a "
                           "letter or digit, at most 253 characters)",
            "object.name");
}

// --- Gateway rules (controllers/gateway/validate.go, spec §3.5, plus ours) -------------------

void checkApiVersion(const View &v, Report &r)
{
    if (v.has("apiVersion") && v.text("apiVersion") != "argoproj.io/v1alpha1")
        r.warning(v.where("apiVersion"), "apiVersion", "expected argoproj.io/v1alpha1 for a Gateway, found " + quoted(v.text("apiVersion")),
            "gateway.api-version");
}

void checkLabels(const View &v, Report &r)
{
    const auto meta = v.object("metadata");
    if (!meta)
        return;
    const auto labels = meta->object("labels");
    const yaml::Node at = labels ? labels->node() : meta->node();
    for (const char *label : {kControllerInstanceLabel, kGatewayVersionLabel}) {
        if (!labels || !labels->has(label))
            r.error(at, "metadata.labels", std::string("missing label ") + label + " (the v0.10 controller ignores Gateways without it)",
                "gateway.labels");
    }
    if (labels && labels->has(kGatewayVersionLabel) && labels->text(kGatewayVersionLabel) != "v0.10")
        r.error(labels->where(kGatewayVersionLabel), std::string("metadata.labels.") + kGatewayVersionLabel,
            "the v0.10 controller only handles Gateways labelled 'v0.10', found " + quoted(labels->text(kGatewayVersionLabel)),
            "gateway.labels");
}

void checkEnvelope(const View &v, Report &r)
{
    const auto meta = v.object("metadata");
    const auto ann = meta ? meta->object("annotations") : std::nullopt;
    if (ann && ann->has(kEnvelopeAnnotation) && !parseEnvelopeKind(ann->text(kEnvelopeAnnotation)))
        r.error(ann->where(kEnvelopeAnnotation), std::string("metadata.annotations.") + kEnvelopeAnnotation,
            "expected " + envelopeKindChoices() + ", found " + quoted(ann->text(kEnvelopeAnnotation)), "gateway.envelope");
}

void checkProcessorPort(const View &v, Report &r)
{
    const auto spec = v.object("spec");
    if (spec && spec->has("processorPort") && !isPort(spec->text("processorPort")))
        r.error(spec->where("processorPort"), "spec.processorPort",
            "expected a port number from 1 to 65535, found " + quoted(spec->text("processorPort")), "gateway.processor-port");
}

void checkProtocol(const View &v, Report &r)
{
    const auto spec = v.object("spec");
    const auto proto = spec ? spec->object("eventProtocol") : std::nullopt;
    if (!proto)
        return;
    const std::string type = proto->text("type");
    if (type == "HTTP") {
        const auto watchers = spec->object("watchers");
        const bool any = watchers && (!watchers->at("sensors").items().empty() || !watchers->at("gateways").items().empty());
        if (!any)
            r.v010(spec->where("watchers"), "spec.watchers", "no associated watchers with gateway", "gateway.watchers");
        const auto http = proto->object("http");
        const bool sensors = watchers && !watchers->at("sensors").items().empty();
        // Only sensors are posted to on this port; without them only the controller cares.
        if (!http || http->text("port").empty())
            r.v010(proto->where("http"), "spec.eventProtocol.http.port", "http server port is not defined",
                sensors ? "gateway.http-port" : "gateway.watchers");
        else if (!isPort(http->text("port")))
            r.error(http->where("port"), "spec.eventProtocol.http.port",
                "expected a port number from 1 to 65535, found " + quoted(http->text("port")), "gateway.http-port");
    } else if (type == "NATS") {
        const auto nats = proto->object("nats");
        const auto where = [&](const char *key) { return nats ? nats->where(key) : proto->where("nats"); };
        const auto text = [&](const char *key) { return nats ? nats->text(key) : std::string(); };
        if (text("url").empty())
            r.v010(where("url"), "spec.eventProtocol.nats.url", "nats url is not defined", "gateway.nats");
        if (text("type").empty())
            r.v010(where("type"), "spec.eventProtocol.nats.type", "nats service type is not defined", "gateway.nats");
        if (text("type") == "Streaming" && text("clientId").empty())
            r.v010(where("clientId"), "spec.eventProtocol.nats.clientId", "client id must be specified when using nats streaming",
                "gateway.nats");
        if (text("type") == "Streaming" && text("clusterId").empty())
            r.v010(where("clusterId"), "spec.eventProtocol.nats.clusterId", "cluster id must be specified when using nats streaming",
                "gateway.nats");
    }
}

void checkGatewayWatchers(const View &v, Report &r)
{
    const auto spec = v.object("spec");
    const auto watchers = spec ? spec->object("watchers") : std::nullopt;
    if (!watchers)
        return;
    for (const auto &w : watchers->objects("gateways")) {
        const std::string endpoint = w.text("endpoint");
        if (!endpoint.empty() && endpoint.front() != '/')
            r.error(w.where("endpoint"), w.path("endpoint"), "a gateway watcher's endpoint starts with '/', found " + quoted(endpoint),
                "gateway.watcher-endpoint");
        if (w.has("port") && !isPort(w.text("port")))
            r.error(w.where("port"), w.path("port"), "expected a port number from 1 to 65535, found " + quoted(w.text("port")),
                "gateway.watcher-port");
    }
}

schema::TypeSchema makeGateway()
{
    const std::vector<std::string> nodeMessages {"event_source_is_running", "event_source_is_not_valid", "connection_is_not_in_ready_state",
        "failed_to_receive_event_stream", "event_source_has_been_stopped", "failed_to_receive_event_from_event_source_stream",
        "event_source_is_removed"};
    schema::TypeSchema s;
    s.type = "Gateway";
    s.title = "Gateway";
    s.description = "An Argo Events v0.10 Gateway: the pod that runs one gateway type and where its events go.";
    s.reference = "spec §3, decisions §2, §6";
    s.open = true;
    s.fields = {
        Field::oneOf("apiVersion", {"argoproj.io/v1alpha1"}).kubernetes().doc("argoproj.io/v1alpha1"),
        Field::oneOf("kind", {"Gateway"}).kubernetes().doc("Gateway"),
        metadataField(),
        Field::object("spec",
            {Field::any("template")
                    .need("gateway  pod template is not specified")
                    .doc("Pod template: the gateway-client and gateway-server containers."),
                Field::string("eventSource")
                    .need("event source for the gateway is not specified")
                    .eg("example-event-source")
                    .doc("Name of the event-source ConfigMap (or namespace/name)."),
                Field::string("type").need("gateway type is not specified").eg("webhook").doc("Gateway type; also the events' type."),
                Field::object(
                    "service", {Field::any("metadata").doc("Service metadata."), Field::any("spec").doc("Service spec (ports, selector).")})
                    .kubernetes()
                    .doc("Service that exposes the gateway pod."),
                Field::object("watchers",
                    {Field::listOf("sensors",
                         {Field::string("name").need().doc("Sensor name (its Service is <name>-svc)."),
                             Field::string("namespace").doc("Namespace; default: the gateway's.")})
                            .doc("Sensors to notify over HTTP."),
                        Field::listOf("gateways",
                            {Field::string("name").need().doc("Gateway name (its Service is <name>-svc)."),
                                Field::string("port").need().doc("Port of the gateway's HTTP server."),
                                Field::string("endpoint").need().doc("Path on that server, starting with '/'."),
                                Field::string("namespace").doc("Namespace; default: the gateway's.")})
                            .doc("Gateways to forward events to over HTTP.")})
                    .doc("Where events are delivered (needed with the HTTP protocol)."),
                Field::string("processorPort")
                    .need("gateway processor port is not specified")
                    .eg("\"9330\"")
                    .doc("gRPC port of the gateway server."),
                Field::object("eventProtocol",
                    {Field::oneOf("type", {"HTTP", "NATS"})
                            .need()
                            .eg("HTTP")
                            .doc("How events are dispatched: HTTP or NATS (case-sensitive)."),
                        Field::object("http", {Field::string("port").eg("\"9300\"").doc("Port of the sensors' HTTP servers.")})
                            .doc("HTTP dispatch."),
                        Field::object("nats",
                            {Field::string("url").doc("NATS server URL."),
                                Field::oneOf("type", {"Standard", "Streaming"})
                                    .doc("Standard or Streaming (case-sensitive; v0.10 silently sent nothing otherwise)."),
                                Field::string("clusterId").doc("NATS Streaming cluster id (Streaming)."),
                                Field::string("clientId").doc("NATS Streaming client id (Streaming)."),
                                Field::boolean("startWithLastReceived").doc("Sensor side only."),
                                Field::boolean("deliverAllAvailable").doc("Sensor side only."),
                                Field::string("startAtSequence").doc("Sensor side only."),
                                Field::string("startAtTime").doc("Sensor side only."),
                                Field::string("startAtTimeDelta").doc("Sensor side only."),
                                Field::boolean("durable").doc("Sensor side only.")})
                            .doc("NATS dispatch.")})
                    .need()
                    .doc("Dispatch protocol (a v0.10 controller panics without it).")})
            .need()
            .doc("What the gateway runs and where its events go."),
        Field::object("status",
            {Field::oneOf("phase", {"", "Running", "Error"})
                    .doc("Gateway phase, written by the controller (it panics on any other value)."),
                Field::time("startedAt").doc("When the controller first marked a phase."),
                Field::string("message").doc("Controller message."),
                Field::mapOf("nodes",
                    {Field::string("id").doc("Node id: FNV-1a-32 of key and value."), Field::string("name").doc("ConfigMap key."),
                        Field::string("displayName").doc("ConfigMap key."),
                        Field::oneOf("phase", {"Running", "Error", "Completed"}).doc("Node phase."),
                        Field::time("startedAt").doc("When the node was created."),
                        Field::oneOf("message", nodeMessages).doc("Node message."), Field::time("updateTime").doc("Never set by v0.10.")})
                    .doc("One node per running event source, keyed by node id.")})
            .doc("Written by the controller and the gateway client."),
    };
    s.rules = {
        {"object.name", "metadata.name is a valid Kubernetes name", checkName},
        {"gateway.api-version", "apiVersion is argoproj.io/v1alpha1 (warning)", checkApiVersion},
        {"gateway.labels", "the labels the v0.10 controller selects on are present and say v0.10", checkLabels},
        {"gateway.envelope", "the gateway-studio/envelope annotation names an envelope", checkEnvelope},
        {"gateway.processor-port", "spec.processorPort is a port number", checkProcessorPort},
        {"gateway.watchers", "HTTP gateways have watchers (v0.10 controller)", checkProtocol},
        {"gateway.watcher-endpoint", "gateway watchers have a port and an endpoint starting with '/'", checkGatewayWatchers},
    };
    return s;
}

// --- ConfigMap rules ------------------------------------------------------------------------

void checkSourceLabel(const View &v, Report &r)
{
    const auto meta = v.object("metadata");
    if (!meta)
        return;
    const auto labels = meta->object("labels");
    if (!labels || !labels->has(kEventSourceVersionLabel)) {
        r.error(labels ? labels->node() : meta->node(), "metadata.labels",
            std::string("missing label ") + kEventSourceVersionLabel + " (the gateway client ignores ConfigMaps without it); add `"
                + kEventSourceVersionLabel + ": v0.10`",
            "configmap.label");
    } else if (labels->text(kEventSourceVersionLabel) != "v0.10") {
        r.error(labels->where(kEventSourceVersionLabel), std::string("metadata.labels.") + kEventSourceVersionLabel,
            "every v0.10 gateway server refuses sources labelled other than v0.10 (event source version mismatch), found "
                + quoted(labels->text(kEventSourceVersionLabel)),
            "configmap.label");
    }
}

void checkData(const View &v, Report &r)
{
    const yaml::Node data = v.at("data");
    for (const auto &e : data.entries()) {
        const std::string &key = e.key.scalar();
        const std::string path = "data." + key;
        if (auto problem = configMapKeyProblem(key); !problem.empty())
            r.error(e.key, "data", quoted(key) + " is not a valid ConfigMap key: " + problem, "configmap.key");
        else if (!e.value.isScalar())
            r.error(e.value, path,
                "expected a string (the event source's YAML config, usually a `|` block), found " + yaml::describe(e.value),
                "configmap.string", Stage::Parse);
        else if (e.value.isPlain() && !e.value.isNull() && yaml::classifyPlain11(e.value.scalar()) != yaml::Plain11::String)
            r.error(e.value, path, quoted(e.value.scalar()) + " is not a string to Kubernetes; quote it or write the config as a `|` block",
                "configmap.string");
    }
    if (data.isMapping() && data.size() == 0)
        r.warning(v.where("data"), "data", "the ConfigMap has no event sources", "configmap.empty");
}

schema::TypeSchema makeConfigMap()
{
    schema::TypeSchema s;
    s.type = "ConfigMap";
    s.title = "Event-source ConfigMap";
    s.description = "The event sources of a Gateway: each data key is one source, its value the source's YAML config.";
    s.reference = "spec §2";
    s.open = true;
    s.fields = {
        Field::oneOf("apiVersion", {"v1"}).kubernetes().doc("v1"),
        Field::oneOf("kind", {"ConfigMap"}).kubernetes().doc("ConfigMap"),
        metadataField(),
        Field::map("data", schema::Kind::Any).doc("Event-source name -> its YAML config (a string, usually a | block)."),
        Field::any("binaryData").kubernetes().modern("-").doc("Unused by gateways."),
        Field::boolean("immutable").kubernetes().modern("-").doc("Kubernetes: the data cannot change."),
    };
    s.rules = {
        {"object.name", "metadata.name is a valid Kubernetes name", checkName},
        {"configmap.label", "the argo-events-event-source-version label is present and says v0.10", checkSourceLabel},
        {"configmap.key", "data keys are valid ConfigMap keys and data values strings", checkData},
    };
    return s;
}

} // namespace

std::string configMapKeyProblem(const std::string &key)
{
    if (key.empty())
        return "it is empty";
    if (key.size() > 253)
        return "it is longer than 253 characters";
    if (key == "." || key == ".."
        || key.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") != std::string::npos)
        return "expected up to 253 letters, digits, '-', '_' or '.'";
    return {};
}

const schema::TypeSchema &gatewaySchema()
{
    static const schema::TypeSchema s = makeGateway();
    return s;
}

const schema::TypeSchema &configMapSchema()
{
    static const schema::TypeSchema s = makeConfigMap();
    return s;
}

bool isClusterOnly(const Diagnostic &d)
{
    return d.rule == "gateway.labels" || d.rule == "gateway.watchers" || (d.rule == "required" && d.path == "spec.template");
}

} // namespace gs
