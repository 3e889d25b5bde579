#include "manifests.h"

#include "core/printable.h"

#include "objectschemas.h"
#include "schema.h"
#include "sourceconfig.h"
#include "yaml.h"

namespace gs {

namespace {

#define GS_TRY(var, expr)                                                                                                                  \
    auto var##_r = (expr);                                                                                                                 \
    if (!var##_r)                                                                                                                          \
        return tl::unexpected(var##_r.error());                                                                                            \
    auto var = std::move(*var##_r)

Result<std::map<std::string, std::string>> stringMap(const SourceConfig &parent, std::string_view key)
{
    std::map<std::string, std::string> out;
    GS_TRY(m, parent.mapping(key));
    if (!m)
        return out;
    for (const auto &kv : m->node().entries()) {
        const std::string &k = kv.key.scalar();
        GS_TRY(v, m->string(k));
        out[k] = v.value_or(std::string());
    }
    return out;
}

Result<ObjectMeta> readMeta(const SourceConfig &obj)
{
    ObjectMeta meta;
    GS_TRY(m, obj.mapping("metadata"));
    if (!m)
        return meta;
    GS_TRY(name, m->string("name"));
    GS_TRY(ns, m->string("namespace"));
    meta.name = name.value_or(std::string());
    meta.ns = ns.value_or(std::string());
    GS_TRY(labels, stringMap(*m, "labels"));
    GS_TRY(annotations, stringMap(*m, "annotations"));
    meta.labels = std::move(labels);
    meta.annotations = std::move(annotations);
    return meta;
}

std::string strOr(const std::optional<std::string> &s)
{
    return s.value_or(std::string());
}

Result<Gateway> readGateway(const SourceConfig &obj, const std::string &origin)
{
    Gateway gw;
    gw.origin = yaml::location(origin, obj.node());
    gw.node = obj.node();
    GS_TRY(meta, readMeta(obj));
    gw.meta = std::move(meta);
    GS_TRY(spec, obj.mapping("spec"));
    if (!spec)
        return fail("spec: a Gateway needs a spec (type, eventSource, processorPort, eventProtocol)", gw.origin);
    GS_TRY(type, spec->string("type"));
    GS_TRY(es, spec->string("eventSource"));
    GS_TRY(pp, spec->string("processorPort"));
    gw.type = strOr(type);
    gw.eventSource = strOr(es);
    gw.processorPort = strOr(pp);
    gw.hasTemplate = !spec->find("template").isNull();

    gw.serviceAccountName = schema::readString(spec->find("template").get("spec").get("serviceAccountName")).value_or(std::string());
    gw.hasService = !spec->find("service").isNull();
    if (const yaml::Node status = obj.find("status"); status.isMapping()) {
        const auto str = [](const yaml::Node &n) { return schema::readString(n).value_or(std::string()); };
        gw.status.phase = str(status.get("phase"));
        gw.status.startedAt = str(status.get("startedAt"));
        gw.status.message = str(status.get("message"));
        for (const auto &e : status.get("nodes").entries()) {
            const yaml::Node &n = e.value;
            gw.status.nodes[e.key.scalar()] = NodeStatus {str(n.get("id")), str(n.get("name")), str(n.get("displayName")),
                str(n.get("phase")), str(n.get("startedAt")), str(n.get("message")), str(n.get("updateTime"))};
        }
    }
    GS_TRY(proto, spec->mapping("eventProtocol"));
    if (proto) {
        gw.hasEventProtocol = true;
        GS_TRY(ptype, proto->string("type"));
        gw.eventProtocol.type = strOr(ptype);
        GS_TRY(http, proto->mapping("http"));
        if (http) {
            GS_TRY(port, http->string("port"));
            gw.eventProtocol.httpPort = strOr(port);
        }
        GS_TRY(nats, proto->mapping("nats"));
        if (nats) {
            GS_TRY(url, nats->string("url"));
            GS_TRY(ntype, nats->string("type"));
            GS_TRY(cluster, nats->string("clusterId"));
            GS_TRY(client, nats->string("clientId"));
            gw.eventProtocol.natsUrl = strOr(url);
            gw.eventProtocol.natsType = strOr(ntype);
            gw.eventProtocol.clusterId = strOr(cluster);
            gw.eventProtocol.clientId = strOr(client);
        }
    }

    GS_TRY(watchers, spec->mapping("watchers"));
    if (watchers) {
        auto readList = [&](std::string_view key, auto &&each) -> Result<void> {
            const yaml::Node list = watchers->find(key);
            if (list.isNull())
                return {};
            if (!list.isSequence())
                return fail(watchers->path(key) + ": expected a list, found " + yaml::describe(list), yaml::location(origin, list));
            std::size_t i = 0;
            for (const auto &item : list.items()) {
                SourceConfig entry(item, watchers->path(key) + "[" + std::to_string(i++) + "]", origin);
                if (auto ok = entry.requireMapping(); !ok)
                    return ok;
                if (auto ok = each(entry); !ok)
                    return ok;
            }
            return {};
        };
        auto ok = readList("sensors", [&](const SourceConfig &e) -> Result<void> {
            GS_TRY(name, e.string("name"));
            GS_TRY(ns, e.string("namespace"));
            gw.sensors.push_back({strOr(name), strOr(ns)});
            return {};
        });
        if (!ok)
            return tl::unexpected(ok.error());
        ok = readList("gateways", [&](const SourceConfig &e) -> Result<void> {
            GS_TRY(name, e.string("name"));
            GS_TRY(ns, e.string("namespace"));
            GS_TRY(port, e.string("port"));
            GS_TRY(endpoint, e.string("endpoint"));
            gw.gatewayWatchers.push_back({strOr(name), strOr(ns), strOr(port), strOr(endpoint)});
            return {};
        });
        if (!ok)
            return tl::unexpected(ok.error());
    }
    return gw;
}

Result<ConfigMap> readConfigMap(const SourceConfig &obj, const std::string &origin)
{
    ConfigMap cm;
    cm.origin = yaml::location(origin, obj.node());
    cm.node = obj.node();
    GS_TRY(meta, readMeta(obj));
    cm.meta = std::move(meta);
    const yaml::Node data = obj.find("data");
    if (data.isNull())
        return cm;
    if (!data.isMapping())
        return fail("data: expected a mapping of event-source names to their YAML config, found " + yaml::describe(data),
            yaml::location(origin, data));
    for (const auto &kv : data.entries()) {
        const std::string &key = kv.key.scalar();
        const yaml::Node &v = kv.value;
        // Kubernetes only stores strings in ConfigMap data; kubectl refuses anything else.
        if (!v.isScalar())
            return fail(
                "data." + key + ": expected a string (the event source's YAML config, usually a `|` block), found " + yaml::describe(v),
                yaml::location(origin, v));
        for (const auto &[existing, _] : cm.data) {
            if (existing == key)
                return fail("data." + key + ": duplicate event-source name", yaml::location(origin, kv.key));
        }
        const std::string value = v.isNull() ? std::string() : v.scalar();
        cm.data.emplace_back(key, value);
        // A multi-line value is a block scalar: its content starts on the line after the key.
        cm.dataLine[key] = kv.key.start().line + 1 + (value.find('\n') != std::string::npos ? 1 : 0);
    }
    return cm;
}

} // namespace

EnvelopeKind Gateway::envelope() const
{
    const auto it = meta.annotations.find(kEnvelopeAnnotation);
    return it == meta.annotations.end() ? EnvelopeKind::Argo : parseEnvelopeKind(it->second).value_or(EnvelopeKind::Argo);
}

std::pair<std::string, std::string> Gateway::eventSourceRef() const
{
    const auto slash = eventSource.find('/');
    if (slash == std::string::npos)
        return {eventSource, meta.ns};
    return {eventSource.substr(slash + 1), eventSource.substr(0, slash)};
}

Result<Manifests> parseManifests(std::string_view text, const std::string &origin)
{
    GS_TRY(docs, yaml::parseDocuments(text, origin));
    Manifests out;
    for (const auto &doc : docs) {
        SourceConfig obj(doc.root, {}, origin);
        if (auto ok = obj.requireMapping(); !ok)
            return fail("expected a Kubernetes object (a mapping with apiVersion and kind), found " + yaml::describe(doc.root),
                yaml::location(origin, doc.root));
        GS_TRY(kind, obj.string("kind"));
        const std::string k = strOr(kind);
        if (k == "Gateway") {
            GS_TRY(gw, readGateway(obj, origin));
            out.gateways.push_back(std::move(gw));
        } else if (k == "ConfigMap") {
            GS_TRY(cm, readConfigMap(obj, origin));
            out.configMaps.push_back(std::move(cm));
        } else if (k.empty()) {
            return fail("kind: missing; expected Gateway or ConfigMap", yaml::location(origin, doc.root));
        } else {
            out.warnings.push_back({yaml::location(origin, doc.root), "kind " + k + " is not used here; skipped"});
        }
    }
    return out;
}

Result<Manifests> loadManifests(const std::string &path)
{
    GS_TRY(text, yaml::readFile(path));
    return parseManifests(text, path);
}

namespace {

/**
 * Checks one object against its schema for running locally: errors fail, cluster-only findings
 * and warnings go to `warnings`.
 */
Result<void> checkObject(const schema::TypeSchema &s, const yaml::Node &root, const std::string &file, std::vector<Warning> &warnings)
{
    auto checked = schema::check(s, root);
    std::vector<Diagnostic> &ds = checked.report.diagnostics();
    std::stable_sort(ds.begin(), ds.end(), [](const Diagnostic &a, const Diagnostic &b) {
        return std::tie(a.start.line, a.start.column) < std::tie(b.start.line, b.start.column);
    });
    const auto place
        = [&](const Diagnostic &d) { return file + ":" + std::to_string(d.start.line + 1) + ":" + std::to_string(d.start.column + 1); };
    for (const auto &d : ds) {
        if (d.isError() && !isClusterOnly(d))
            return fail((d.path.empty() ? std::string() : d.path + ": ") + d.message, place(d));
    }
    for (const auto &d : ds)
        warnings.push_back({place(d), (d.path.empty() ? std::string() : d.path + ": ") + d.message});
    return {};
}

} // namespace

Result<ConfigMap> selectConfigMap(const Gateway &gw, const std::vector<ConfigMap> &maps, std::vector<Warning> &warnings)
{
    (void)warnings;
    const auto [name, ns] = gw.eventSourceRef();
    std::string found;
    for (const auto &cm : maps) {
        if (cm.meta.name != name)
            continue;
        if (!ns.empty() && !cm.meta.ns.empty() && cm.meta.ns != ns)
            continue;
        return cm;
    }
    for (const auto &cm : maps)
        found += (found.empty() ? "" : ", ") + cm.meta.name;
    return fail("spec.eventSource names ConfigMap '" + gw.eventSource + "', but "
            + (maps.empty() ? std::string("no ConfigMap was given") : "only these were found: " + found),
        gw.origin);
}

namespace {

/** The single Gateway of `gwFile` and the ConfigMap it names (from `cmFile` when given), both checked. */
Result<GatewayPair> pairOf(const Manifests &gwFile, const std::string &gatewayPath, const Manifests *cmFile, const std::string &configMapPath,
    std::vector<Warning> &warnings)
{
    warnings.insert(warnings.end(), gwFile.warnings.begin(), gwFile.warnings.end());
    if (gwFile.gateways.empty())
        return fail("no Gateway found (expected a document with kind: Gateway)", gatewayPath);
    if (gwFile.gateways.size() > 1)
        return fail("found " + std::to_string(gwFile.gateways.size()) + " Gateways; give one Gateway per file", gatewayPath);
    GatewayPair pair;
    pair.gateway = gwFile.gateways.front();
    if (auto ok = checkObject(gatewaySchema(), pair.gateway.node, gatewayPath, warnings); !ok)
        return tl::unexpected(ok.error());
    std::vector<ConfigMap> maps = gwFile.configMaps;
    std::string cmPath = gatewayPath;
    if (cmFile) {
        warnings.insert(warnings.end(), cmFile->warnings.begin(), cmFile->warnings.end());
        if (cmFile->configMaps.empty())
            return fail("no ConfigMap found (expected a document with kind: ConfigMap)", configMapPath);
        maps = cmFile->configMaps;
        cmPath = configMapPath;
    }
    GS_TRY(cm, selectConfigMap(pair.gateway, maps, warnings));
    if (auto ok = checkObject(configMapSchema(), cm.node, cmPath, warnings); !ok)
        return tl::unexpected(ok.error());
    pair.configMap = std::move(cm);
    return pair;
}

} // namespace

Result<GatewayPair> loadGatewayPair(const std::string &gatewayPath, const std::string &configMapPath, std::vector<Warning> &warnings)
{
    GS_TRY(gwFile, loadManifests(gatewayPath));
    if (configMapPath.empty() || configMapPath == gatewayPath)
        return pairOf(gwFile, gatewayPath, nullptr, {}, warnings);
    GS_TRY(cmFile, loadManifests(configMapPath));
    return pairOf(gwFile, gatewayPath, &cmFile, configMapPath, warnings);
}

Result<GatewayPair> gatewayPairFromText(std::string_view text, const std::string &origin, std::vector<Warning> &warnings)
{
    GS_TRY(file, parseManifests(text, origin));
    return pairOf(file, origin, nullptr, {}, warnings);
}

} // namespace gs
