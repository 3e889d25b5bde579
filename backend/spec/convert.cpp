#include "convert.h"

#include <algorithm>
#include <cctype>
#include <deque>

#include "core/duration.h"
#include "core/printable.h"
#include "manifests.h"
#include "yaml.h"
#include "yamlwrite.h"

namespace gs {

namespace {

using yaml::Node;

/** A string node written plain when every reader takes it for this text, else quoted. */
Node str(const std::string &v)
{
    return Node::scalar(v, yaml::stringScalar(v) == v ? yaml::ScalarStyle::Plain : yaml::ScalarStyle::DoubleQuoted);
}

std::string text(const Node &n)
{
    return schema::readString(n).value_or(std::string());
}

/** `n` with the entry `from` replaced in place by `to: value` (appended when `from` is absent; removed when `value` is undefined). */
Node renamed(const Node &n, const std::string &from, const std::string &to, const Node &value)
{
    Node out = Node::mapping(n.isFlow());
    bool done = false;
    for (const auto &e : n.entries()) {
        if (e.key.scalar() == from) {
            if (value.isDefined())
                out.add(to, value);
            done = true;
        } else if (e.key.scalar() != to || !value.isDefined()) {
            out.add(e.key, e.value);
        }
    }
    if (!done && value.isDefined())
        out.set(to, value);
    return out;
}

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

/** Where warnings about one document (or one embedded config) point. */
struct Place {
    const InputFile *file = nullptr;
    const EmbeddedLocator *locator = nullptr; ///< for a config inside a ConfigMap value
    std::string prefix; ///< path prefix, e.g. "data.build"
};

class Converter
{
public:
    explicit Converter(const SchemaLookup &schemas)
        : m_schemas(schemas)
    {
    }

    void warn(const Place &p, const Node &at, const std::string &path, const std::string &message)
    {
        Diagnostic d;
        d.severity = Severity::Warning;
        d.rule = "convert";
        d.path = p.prefix.empty() ? path : path.empty() ? p.prefix : p.prefix + "." + path;
        d.message = message;
        d.file = p.file ? p.file->path : std::string();
        d.start = at.start();
        if (p.locator) {
            const auto [l, c] = p.locator->map(at.start());
            d.line = l + 1;
            d.column = c + 1;
        } else if (at.start().valid()) {
            d.line = at.start().line + 1;
            d.column = at.start().column + 1;
        } else {
            d.line = d.column = 1;
        }
        d.endLine = d.line;
        d.endColumn = d.column;
        m_warnings.push_back(std::move(d));
    }

    std::vector<Diagnostic> takeWarnings() { return std::move(m_warnings); }

    // --- v0.10 -> modern -------------------------------------------------------------------

    /** A v0.10 config mapping in the modern names, per the schema's modernKey. */
    Node forward(const Node &config, const std::vector<schema::Field> &fields, const std::string &path, const Place &p)
    {
        Node out = Node::mapping();
        for (const auto &e : config.entries()) {
            const std::string &k = e.key.scalar();
            const auto f = std::find_if(fields.begin(), fields.end(), [&](const schema::Field &x) { return lower(x.key) == lower(k); });
            const std::string kpath = path.empty() ? k : path + "." + k;
            if (f == fields.end()) {
                out.add(k, e.value);
                continue;
            }
            if (f->modernKey == "-") {
                const bool isDefault = !f->defaultValue.empty() && text(e.value) == f->defaultValue;
                if (!isDefault)
                    warn(p, e.key, kpath, "has no counterpart in the modern EventSource; dropped");
                continue;
            }
            Node value = e.value;
            if (f->kind == schema::Kind::Object && value.isMapping())
                value = forward(value, f->fields, kpath, p);
            if (f->kind == schema::Kind::SecretRef)
                checkSecret(value, kpath, p);
            const std::string name = f->modernKey.empty() ? f->key : f->modernKey;
            if (const auto dot = name.find('.'); dot != std::string::npos) {
                Node parent = out.get(name.substr(0, dot));
                if (!parent.isMapping())
                    parent = Node::mapping();
                parent.set(name.substr(dot + 1), value);
                out.set(name.substr(0, dot), parent);
            } else {
                out.set(name, value);
            }
        }
        return out;
    }

    void checkSecret(const Node &ref, const std::string &path, const Place &p)
    {
        if (ref.isMapping() && (!ref.get("file").isNull() || !ref.get("env").isNull() || ref.get("value").isDefined()))
            warn(p, ref, path,
                "modern Argo Events reads secrets only from Kubernetes Secrets ({name, key}); this reference is kept as written and will "
                "not "
                "work there");
    }

    /** What only some types need beyond renames. */
    Node forwardType(const std::string &type, const Node &config, Node out, const Place &p)
    {
        if (type == "resource") {
            if (const std::string kind = text(config.get("kind")); !kind.empty()) {
                std::string plural = lower(kind);
                if (plural.ends_with("s") || plural.ends_with("x") || plural.ends_with("ch") || plural.ends_with("sh"))
                    plural += "es";
                else if (plural.ends_with("y") && plural.size() > 1
                    && std::string("aeiou").find(plural[plural.size() - 2]) == std::string::npos)
                    plural = plural.substr(0, plural.size() - 1) + "ies";
                else
                    plural += "s";
                out.set("resource", str(plural));
                warn(p, config.get("kind"), "kind",
                    "the Kind " + quoted(kind) + " became the resource " + quoted(plural) + " (the plural is guessed: check it)");
            }
            if (const Node t = config.get("type"); !t.isNull()) {
                const std::string v = text(t);
                const std::string modern = v == "ADDED" ? "ADD" : v == "MODIFIED" ? "UPDATE" : v == "DELETED" ? "DELETE" : "";
                if (modern.empty()) {
                    out.remove("eventTypes");
                    warn(p, t, "type", "the watch event type " + quoted(v) + " has no counterpart in the modern EventSource; dropped");
                } else {
                    Node list = Node::sequence();
                    list.push(str(modern));
                    out.set("eventTypes", list);
                }
            }
            const Node filter = out.get("filter");
            if (filter.isMapping() && filter.get("labels").isMapping()) {
                Node selectors = Node::sequence();
                for (const auto &e : filter.get("labels").entries()) {
                    Node sel = Node::mapping();
                    sel.add("key", str(e.key.scalar()));
                    sel.add("operation", Node::scalar("==", yaml::ScalarStyle::DoubleQuoted));
                    sel.add("value", str(text(e.value)));
                    selectors.push(sel);
                }
                Node f = filter;
                f.set("labels", selectors);
                out.set("filter", f);
            }
        } else if (type == "nats") {
            const Node auth = out.get("auth");
            if (auth.isMapping() && auth.get("username").isDefined()) {
                Node basic = Node::mapping();
                warn(p, config.get("auth").get("username"), "auth.username",
                    "modern Argo Events reads the user name from a Secret (auth.basic.username: {name, key}); write one there");
                if (auth.get("password").isDefined())
                    basic.add("password", auth.get("password"));
                Node a = Node::mapping();
                a.add("basic", basic);
                out.set("auth", a);
            }
        } else if (type == "mqtt" || type == "amqp") {
            const Node auth = out.get("auth");
            if (auth.isMapping() && auth.get("username").isScalar()) {
                const Node at = type == "mqtt" ? config.get("username") : config.get("auth").get("username");
                warn(p, at, type == "mqtt" ? "username" : "auth.username",
                    "modern Argo Events reads the user name from a Secret (auth.username: {name, key}); write one there");
                Node a = auth;
                a.remove("username");
                out.set("auth", a);
            }
        } else if (type == "kafka") {
            const Node sasl = out.get("sasl");
            if (sasl.isMapping()) {
                Node s = Node::mapping();
                if (sasl.get("mechanism").isDefined())
                    s.add("mechanism", sasl.get("mechanism"));
                if (sasl.get("password").isDefined())
                    s.add("passwordSecret", sasl.get("password"));
                if (sasl.get("username").isDefined())
                    warn(p, config.get("sasl").get("username"), "sasl.username",
                        "modern Argo Events reads the SASL user from a Secret (sasl.userSecret: {name, key}); write one there");
                out.set("sasl", s);
            }
        }
        return out;
    }

    Result<void> gatewayToEventSource(
        const Node &gw, const Node &cm, const InputFile &gwFile, const InputFile &cmFile, std::vector<Node> &out)
    {
        const Node spec = gw.get("spec");
        const std::string type = text(spec.get("type"));
        const schema::TypeSchema *s = m_schemas ? m_schemas(type) : nullptr;
        if (!s)
            return fail("spec.type " + quoted(type) + " has no section in the modern EventSource (a custom gateway); nothing was converted",
                yaml::location(gwFile.path, spec.get("type")));
        const Place gp {&gwFile, nullptr, {}};
        Node es = Node::mapping();
        es.add("apiVersion", str("argoproj.io/v1alpha1"));
        es.add("kind", str("EventSource"));
        Node meta = Node::mapping();
        const Node cmMeta = cm.get("metadata");
        meta.add("name", str(text(cmMeta.get("name"))));
        if (!cmMeta.get("namespace").isNull())
            meta.add("namespace", cmMeta.get("namespace"));
        Node labels = Node::mapping();
        for (const auto &e : cmMeta.get("labels").entries()) {
            if (e.key.scalar() != kEventSourceVersionLabel)
                labels.add(e.key.scalar(), e.value);
        }
        if (labels.size() > 0)
            meta.add("labels", labels);
        if (cmMeta.get("annotations").isMapping())
            meta.add("annotations", cmMeta.get("annotations"));
        es.add("metadata", meta);

        Node esSpec = Node::mapping();
        const Node tmplSpec = spec.get("template").get("spec");
        if (!tmplSpec.get("serviceAccountName").isNull()) {
            Node t = Node::mapping();
            t.add("serviceAccountName", tmplSpec.get("serviceAccountName"));
            esSpec.add("template", t);
        }
        if (tmplSpec.get("containers").isSequence())
            warn(gp, tmplSpec.get("containers"), "spec.template.spec.containers",
                "the gateway's containers have no counterpart (an EventSource runs its own image); dropped");
        const Node ports = spec.get("service").get("spec").get("ports");
        if (ports.isSequence()) {
            Node svc = Node::mapping();
            svc.add("ports", ports);
            esSpec.add("service", svc);
            warn(gp, spec.get("service"), "spec.service",
                "only the service's ports carry over (the modern EventSource's service has no metadata, selector or type)");
        }
        for (const char *key : {"eventProtocol", "watchers", "processorPort"}) {
            if (!spec.get(key).isNull())
                warn(gp, spec.get(key), std::string("spec.") + key,
                    std::string(
                        "has no counterpart in the modern EventSource (events go to an EventBus; sensors subscribe there); dropped"));
        }
        warn(gp, gw.get("metadata").get("name"), "metadata.name",
            "the Gateway's name is not kept: the EventSource is named after the ConfigMap, and sensors now name it as eventSourceName");

        Node section = Node::mapping();
        const yaml::LineIndex index(cmFile.text);
        for (const auto &e : cm.get("data").entries()) {
            const EmbeddedLocator loc(e.value, cmFile.text, index, e.key.start().column);
            const Place p {&cmFile, &loc, dataPath(e.key.scalar())};
            auto config = yaml::parseSingle(e.value.scalar(), "config");
            if (!config || !config->isMapping()) {
                warn(Place {&cmFile, nullptr, {}}, e.value, dataPath(e.key.scalar()), "is not a YAML mapping; skipped");
                continue;
            }
            Node modern = forwardType(type, *config, forward(*config, s->fields, {}, p), p);
            section.add(e.key.scalar(), modern);
        }
        esSpec.add(s->modernSection, section);
        es.add("spec", esSpec);
        out.push_back(es);
        return {};
    }

    // --- modern -> v0.10 -------------------------------------------------------------------

    Node backward(const Node &config, const std::vector<schema::Field> &fields, const std::string &path, const Place &p)
    {
        Node out = Node::mapping();
        for (const auto &e : config.entries()) {
            const std::string &k = e.key.scalar();
            const std::string kpath = path.empty() ? k : path + "." + k;
            auto f = std::find_if(fields.begin(), fields.end(), [&](const schema::Field &x) { return x.key == k; });
            if (f == fields.end())
                f = std::find_if(fields.begin(), fields.end(), [&](const schema::Field &x) { return x.modernKey == k; });
            if (f == fields.end()) {
                warn(p, e.key, kpath, "has no counterpart in a v0.10 event source; dropped");
                continue;
            }
            Node value = e.value;
            if (f->kind == schema::Kind::Object && value.isMapping())
                value = backward(value, f->fields, kpath, p);
            if (f->kind == schema::Kind::Nanoseconds && value.isScalar() && !value.isPlain()) {
                // Modern durations may be text ("10s"); v0.10 reads nanoseconds.
                if (auto d = parseGoDuration(value.scalar()))
                    value = Node::scalar(std::to_string(d->count()));
            }
            out.set(f->key, value);
        }
        return out;
    }

    Node backwardType(const std::string &type, const Node &config, const Place &p)
    {
        Node c = config;
        if (type == "resource") {
            if (const std::string r = text(c.get("resource")); !r.empty()) {
                std::string kind = r;
                if (kind.ends_with("ies"))
                    kind = kind.substr(0, kind.size() - 3) + "y";
                else if (kind.ends_with("sses") || kind.ends_with("xes") || kind.ends_with("ches") || kind.ends_with("shes"))
                    kind = kind.substr(0, kind.size() - 2);
                else if (kind.ends_with("s"))
                    kind.pop_back();
                kind[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(kind[0])));
                warn(p, c.get("resource"), "resource",
                    "the resource " + quoted(r) + " became the Kind " + quoted(kind) + " (the singular is guessed: check it)");
                c = renamed(c, "resource", "kind", str(kind));
            }
            const std::string typesKey = c.get("eventTypes").isNull() ? "eventType" : "eventTypes"; // v0.12 had one eventType
            Node types = c.get(typesKey);
            if (types.isScalar() && !types.isNull()) {
                Node list = Node::sequence();
                list.push(types);
                types = list;
            }
            if (types.isSequence()) {
                Node watchType;
                if (types.size() == 1) {
                    const std::string t = text(types.items()[0]);
                    watchType = str(t == "ADD" ? "ADDED" : t == "UPDATE" ? "MODIFIED" : t == "DELETE" ? "DELETED" : t);
                } else if (types.size() > 1) {
                    warn(p, types, typesKey, "a v0.10 source passes one watch event type or all; all pass");
                }
                c = renamed(c, typesKey, "type", watchType);
            }
            Node filter = c.get("filter");
            if (filter.isMapping() && filter.get("labels").isSequence()) {
                Node labels = Node::mapping();
                for (const auto &sel : filter.get("labels").items()) {
                    const std::string op = text(sel.get("operation"));
                    if (!op.empty() && op != "==" && op != "=") {
                        warn(p, sel, "filter.labels",
                            "the selector operation " + quoted(op) + " has no v0.10 counterpart (exact values only); dropped");
                        continue;
                    }
                    labels.add(text(sel.get("key")), str(text(sel.get("value"))));
                }
                filter.set("labels", labels);
                c.set("filter", filter);
            }
        } else if (type == "nats") {
            const Node basic = c.get("auth").get("basic");
            if (basic.isMapping()) {
                Node a = Node::mapping();
                if (basic.get("username").isDefined())
                    warn(p, basic.get("username"), "auth.basic.username",
                        "v0.10-style configs take the user name as text; write auth.username");
                if (basic.get("password").isDefined())
                    a.add("password", basic.get("password"));
                c.set("auth", a);
            }
        } else if (type == "mqtt" || type == "amqp") {
            const Node auth = c.get("auth");
            if (auth.isMapping() && auth.get("username").isMapping()) {
                warn(p, auth.get("username"), "auth.username", "v0.10-style configs take the user name as text; write it in");
                Node a = auth;
                a.remove("username");
                c.set("auth", a);
            }
            if (type == "mqtt" && auth.isMapping())
                c = renamed(c, "auth", "password", auth.get("password"));
        } else if (type == "kafka") {
            const Node sasl = c.get("sasl");
            if (sasl.isMapping()) {
                Node s = Node::mapping();
                if (sasl.get("mechanism").isDefined())
                    s.add("mechanism", sasl.get("mechanism"));
                if (sasl.get("userSecret").isDefined())
                    warn(p, sasl.get("userSecret"), "sasl.userSecret",
                        "v0.10-style configs take the SASL user as text; write sasl.username");
                if (sasl.get("passwordSecret").isDefined())
                    s.add("password", sasl.get("passwordSecret"));
                c.set("sasl", s);
            }
        }
        return c;
    }

    Result<void> eventSourceToGateway(
        const Node &es, const InputFile &file, const std::vector<const schema::TypeSchema *> &known, std::vector<Node> &out)
    {
        const Place fp {&file, nullptr, {}};
        const Node spec = es.get("spec");
        const std::string name = text(es.get("metadata").get("name"));
        const Node ns = es.get("metadata").get("namespace");
        std::vector<std::pair<const schema::TypeSchema *, Node>> sections;
        const std::string v012Type = text(spec.get("type"));
        for (const auto &e : spec.entries()) {
            const std::string &k = e.key.scalar();
            const auto s = std::find_if(known.begin(), known.end(), [&](const schema::TypeSchema *t) { return t->modernSection == k; });
            if (s != known.end()) {
                if (v012Type.empty() || (*s)->modernSection == v012Type || (*s)->type == v012Type)
                    sections.emplace_back(*s, e.value);
                continue;
            }
            if (k == "type" || k == "template" || k == "service")
                continue;
            warn(fp, e.key, "spec." + k, "has no counterpart in a v0.10 Gateway here; dropped");
        }
        if (sections.empty())
            return fail("the EventSource holds no section this tool converts (calendar, webhook, resource, minio, nats, mqtt, kafka, amqp)",
                yaml::location(file.path, spec));
        for (const auto &[s, section] : sections) {
            const std::string base = sections.size() == 1 ? name : name + "-" + s->type;
            const std::string gwName = base + "-gateway";
            // The ConfigMap: one data entry per event, its config in v0.10's names.
            Node cm = Node::mapping();
            cm.add("apiVersion", str("v1"));
            cm.add("kind", str("ConfigMap"));
            Node meta = Node::mapping();
            meta.add("name", str(base));
            if (!ns.isNull())
                meta.add("namespace", ns);
            Node labels = Node::mapping();
            labels.add(kEventSourceVersionLabel, str("v0.10"));
            for (const auto &e : es.get("metadata").get("labels").entries())
                labels.add(e.key, e.value);
            meta.add("labels", labels);
            if (es.get("metadata").get("annotations").isMapping())
                meta.add("annotations", es.get("metadata").get("annotations"));
            cm.add("metadata", meta);
            Node data = Node::mapping();
            for (const auto &e : section.entries()) {
                const Place p {&file, nullptr, "spec." + s->modernSection + "." + e.key.scalar()};
                if (!e.value.isMapping()) {
                    warn(p, e.value, {}, "is not a mapping; skipped");
                    continue;
                }
                const Node v010 = backward(backwardType(s->type, e.value, p), s->fields, {}, p);
                data.add(e.key.scalar(), Node::scalar(yaml::write({v010}), yaml::ScalarStyle::Literal));
            }
            cm.add("data", data);

            Node gw = Node::mapping();
            gw.add("apiVersion", str("argoproj.io/v1alpha1"));
            gw.add("kind", str("Gateway"));
            Node gmeta = Node::mapping();
            gmeta.add("name", str(gwName));
            if (!ns.isNull())
                gmeta.add("namespace", ns);
            Node glabels = Node::mapping();
            glabels.add(kControllerInstanceLabel, str("argo-events"));
            glabels.add(kGatewayVersionLabel, str("v0.10"));
            gmeta.add("labels", glabels);
            gw.add("metadata", gmeta);
            Node gspec = Node::mapping();
            gspec.add("type", str(s->type));
            gspec.add("eventSource", str(base));
            gspec.add("processorPort", str("9330"));
            Node proto = Node::mapping();
            proto.add("type", str("HTTP"));
            Node http = Node::mapping();
            http.add("port", str("9300"));
            proto.add("http", http);
            gspec.add("eventProtocol", proto);
            gspec.add("template", podTemplate(gwName, s->type, spec.get("template").get("serviceAccountName")));
            if (spec.get("service").get("ports").isSequence()) {
                Node svc = Node::mapping();
                Node smeta = Node::mapping();
                smeta.add("name", str(gwName + "-svc"));
                svc.add("metadata", smeta);
                Node sspec = Node::mapping();
                Node selector = Node::mapping();
                selector.add("gateway-name", str(gwName));
                sspec.add("selector", selector);
                sspec.add("ports", spec.get("service").get("ports"));
                svc.add("spec", sspec);
                gspec.add("service", svc);
            }
            warn(fp, es.get("metadata").get("name"), "metadata.name",
                "Gateway " + quoted(gwName)
                    + " needs spec.watchers (the sensors to notify); the EventSource has none (sensors subscribed through "
                      "the EventBus)");
            gw.add("spec", gspec);
            out.push_back(gw);
            out.push_back(cm);
        }
        return {};
    }

    static Node podTemplate(const std::string &gwName, const std::string &type, const Node &serviceAccount)
    {
        Node tmpl = Node::mapping();
        Node meta = Node::mapping();
        Node labels = Node::mapping();
        labels.add("gateway-name", str(gwName));
        meta.add("labels", labels);
        tmpl.add("metadata", meta);
        Node spec = Node::mapping();
        if (!serviceAccount.isNull())
            spec.add("serviceAccountName", serviceAccount);
        Node containers = Node::sequence();
        const auto container = [&](const std::string &name, const std::string &image, const std::string &command) {
            Node c = Node::mapping();
            c.add("name", str(name));
            c.add("image", str(image));
            c.add("imagePullPolicy", str("Always"));
            Node cmd = Node::sequence(true);
            cmd.push(str(command));
            c.add("command", cmd);
            containers.push(c);
        };
        container("gateway-client", "argoproj/gateway-client:v0.10", "/bin/gateway-client");
        container(type + "-events", "argoproj/" + type + "-gateway:v0.10", "/bin/" + type + "-gateway");
        spec.add("containers", containers);
        tmpl.add("spec", spec);
        return tmpl;
    }

private:
    const SchemaLookup &m_schemas;
    std::vector<Diagnostic> m_warnings;
};

struct Parsed {
    const InputFile *file;
    Node root;
};

Result<std::vector<Parsed>> parseAll(const std::vector<InputFile> &files)
{
    std::vector<Parsed> out;
    for (const auto &f : files) {
        auto docs = yaml::parseDocuments(f.text, f.path);
        if (!docs)
            return tl::unexpected(docs.error());
        for (const auto &d : *docs)
            out.push_back({&f, d.root});
    }
    return out;
}

} // namespace

Result<Conversion> toEventSource(const std::vector<InputFile> &files, const SchemaLookup &schemas)
{
    auto parsed = parseAll(files);
    if (!parsed)
        return tl::unexpected(parsed.error());
    Converter c(schemas);
    Conversion out;
    bool any = false;
    for (const auto &g : *parsed) {
        if (text(g.root.get("kind")) != "Gateway")
            continue;
        any = true;
        const std::string ref = text(g.root.get("spec").get("eventSource"));
        const std::string name = ref.substr(ref.find('/') == std::string::npos ? 0 : ref.find('/') + 1);
        const auto cm = std::find_if(parsed->begin(), parsed->end(),
            [&](const Parsed &p) { return text(p.root.get("kind")) == "ConfigMap" && text(p.root.get("metadata").get("name")) == name; });
        if (cm == parsed->end())
            return fail("Gateway " + quoted(text(g.root.get("metadata").get("name"))) + " names ConfigMap " + quoted(ref)
                    + ", which is not among the files given",
                yaml::location(g.file->path, g.root.get("spec").get("eventSource")));
        if (auto ok = c.gatewayToEventSource(g.root, cm->root, *g.file, *cm->file, out.documents); !ok)
            return tl::unexpected(ok.error());
    }
    if (!any)
        return fail("no Gateway found (expected a document with kind: Gateway, and the ConfigMap it names)",
            files.empty() ? "" : files.front().path);
    out.warnings = c.takeWarnings();
    return out;
}

Result<Conversion> toGateway(
    const std::vector<InputFile> &files, const SchemaLookup &schemas, const std::vector<const schema::TypeSchema *> &known)
{
    auto parsed = parseAll(files);
    if (!parsed)
        return tl::unexpected(parsed.error());
    Converter c(schemas);
    Conversion out;
    bool any = false;
    for (const auto &p : *parsed) {
        if (text(p.root.get("kind")) != "EventSource")
            continue;
        any = true;
        if (auto ok = c.eventSourceToGateway(p.root, *p.file, known, out.documents); !ok)
            return tl::unexpected(ok.error());
    }
    if (!any)
        return fail("no EventSource found (expected a document with kind: EventSource)", files.empty() ? "" : files.front().path);
    out.warnings = c.takeWarnings();
    return out;
}

} // namespace gs
