#include "newtemplate.h"

#include <algorithm>

#include "manifests.h"
#include "yamlwrite.h"

namespace gs {

namespace {

std::string spaces(int n)
{
    return std::string(static_cast<std::size_t>(n), ' ');
}

/** Wraps `text` into "# ..." lines of at most ~100 columns at `indent`. */
std::string comment(const std::string &text, int indent)
{
    std::string out, line;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find(' ', start);
        if (end == std::string::npos)
            end = text.size();
        const std::string word = text.substr(start, end - start);
        if (!line.empty() && indent + 2 + line.size() + 1 + word.size() > 100) {
            out += spaces(indent) + "# " + line + "\n";
            line.clear();
        }
        line += (line.empty() ? "" : " ") + word;
        start = end + 1;
    }
    if (!line.empty())
        out += spaces(indent) + "# " + line + "\n";
    return out;
}

/** The value shown for a field: its example, else its default, else a placeholder of its kind. */
std::string sample(const schema::Field &f)
{
    if (!f.example.empty())
        return f.example;
    if (!f.defaultValue.empty())
        return f.defaultValue;
    switch (f.kind) {
    case schema::Kind::Enum:
        return f.allowed.empty() ? std::string("\"\"") : yaml::stringScalar(f.allowed.front());
    case schema::Kind::List:
        return "[]";
    case schema::Kind::Map:
    case schema::Kind::Object:
        return "{}";
    case schema::Kind::SecretRef:
        return "{name: my-secret, key: my-key}";
    case schema::Kind::Bool:
        return "false";
    case schema::Kind::Int:
    case schema::Kind::Nanoseconds:
        return "0";
    default:
        return "\"\"";
    }
}

/** The lines of `fields` at `indent`: each with its description; `active` keys written, the rest commented out. */
void fields(std::string &out, const std::vector<schema::Field> &all, int indent, const std::vector<std::string> *active, bool commented)
{
    for (const auto &f : all) {
        const bool on
            = !commented && (active ? std::find(active->begin(), active->end(), f.key) != active->end() : f.required || !f.example.empty());
        std::string doc = f.description;
        if (f.origin == schema::Origin::GatewayStudio && !f.since.empty())
            doc += " (a Gateway Studio extension)";
        if (f.required)
            doc += " Required.";
        else if (!f.defaultValue.empty())
            doc += " Default: " + f.defaultValue + ".";
        out += comment(doc, indent);
        const std::string prefix = spaces(indent) + (on ? "" : "# ");
        const bool nested = f.kind == schema::Kind::Object && !f.fields.empty() && f.example.empty();
        if (nested) {
            out += prefix + f.key + ":\n";
            std::string inner;
            fields(inner, f.fields, indent + 2, nullptr, !on);
            out += inner;
        } else {
            out += prefix + f.key + ": " + sample(f) + "\n";
        }
    }
}

} // namespace

std::string newSourceConfig(const schema::TypeSchema &s)
{
    std::string config;
    fields(config, s.fields, 0, &s.templateKeys, false);
    return config;
}

std::string newGatewayPair(const schema::TypeSchema &s, const std::string &name)
{
    const std::string gw = name + "-gateway";
    const std::string cm = name + "-event-source";
    std::string out;
    out += comment(s.title + " gateway: " + s.description, 0);
    out += comment("Check it with `gwctl validate FILE`; run it locally with `gwctl run --gateway FILE --sink http://127.0.0.1:9300/`.", 0);
    out += "apiVersion: argoproj.io/v1alpha1\nkind: Gateway\nmetadata:\n  name: " + gw + "\n  labels:\n";
    out += comment("The v0.10 gateway controller only handles Gateways with both labels.", 4);
    out += std::string("    ") + kControllerInstanceLabel + ": argo-events\n    " + kGatewayVersionLabel + ": v0.10\n";
    out += "spec:\n";
    out += comment("The gateway type; also the type of the events it sends.", 2);
    out += "  type: " + s.type + "\n";
    out += comment("The ConfigMap below: one event source per data key.", 2);
    out += "  eventSource: " + cm + "\n";
    out += comment("gRPC port of the gateway server inside the pod.", 2);
    out += "  processorPort: \"9330\"\n";
    out += comment("Events are posted over HTTP to each sensor's service on this port.", 2);
    out += "  eventProtocol:\n    type: HTTP\n    http:\n      port: \"9300\"\n";
    out += comment("The pod: the generic gateway client and this type's gateway server.", 2);
    out += "  template:\n    metadata:\n      labels:\n        gateway-name: " + gw
        + "\n    spec:\n      serviceAccountName: argo-events-sa\n";
    out += "      containers:\n";
    out += "        - name: gateway-client\n          image: argoproj/gateway-client:v0.10\n          imagePullPolicy: Always\n"
           "          command: [\"/bin/gateway-client\"]\n";
    out += "        - name: " + s.type + "-events\n          image: argoproj/" + s.type
        + "-gateway:v0.10\n          imagePullPolicy: Always\n" + "          command: [\"/bin/" + s.type + "-gateway\"]\n";
    if (s.type == "webhook") {
        out += comment("Exposes the webhook's port outside the cluster.", 2);
        out += "  service:\n    metadata:\n      name: " + gw + "-svc\n    spec:\n      selector:\n        gateway-name: " + gw
            + "\n      ports:\n        - port: 12000\n          targetPort: 12000\n";
    }
    out += comment("Where events go: http://<sensor>-svc.<namespace>.svc.cluster.local:9300/", 2);
    out += "  watchers:\n    sensors:\n      - name: " + name + "-sensor\n";
    out += "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + cm + "\n  labels:\n";
    out += comment("The gateway client ignores ConfigMaps without this label.", 4);
    out += std::string("    ") + kEventSourceVersionLabel + ": v0.10\n";
    out += "data:\n";
    out += comment("Each key is one event source; its value is that source's YAML config.", 2);
    const std::string config = newSourceConfig(s);
    out += "  example: |-\n";
    std::size_t start = 0;
    while (start < config.size()) {
        const auto nl = config.find('\n', start);
        const std::string line = config.substr(start, nl - start);
        out += line.empty() ? "\n" : "    " + line + "\n";
        start = nl + 1;
    }
    return out;
}

} // namespace gs
