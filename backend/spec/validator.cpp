#include "validator.h"

#include <algorithm>
#include <deque>
#include <map>
#include <set>

#include "core/printable.h"
#include "manifests.h"
#include "objectschemas.h"
#include "yaml.h"

namespace gs {

namespace {

struct Object {
    const InputFile *file;
    yaml::Node root;
    std::string name;
    std::string ns;
};

struct GatewayDoc : Object {
    std::string type;
    std::string eventSource;
};

/** Puts a diagnostic found in a file's own nodes at its place in the file. */
void placeInFile(Diagnostic &d, const InputFile &file)
{
    d.file = file.path;
    if (d.start.valid()) {
        d.line = d.start.line + 1;
        d.column = d.start.column + 1;
        d.endLine = (d.end.valid() ? d.end : d.start).line + 1;
        d.endColumn = (d.end.valid() ? d.end : d.start).column + 1;
    } else {
        d.line = d.column = d.endLine = d.endColumn = 1;
    }
}

/** Splits "file:line:col" of an Error into a diagnostic's place. */
Diagnostic fromError(const Error &e, const std::string &file, std::string rule)
{
    Diagnostic d;
    d.stage = Stage::Parse;
    d.rule = std::move(rule);
    d.message = e.message;
    d.file = file;
    d.line = d.column = d.endLine = d.endColumn = 1;
    const std::string &w = e.where;
    const auto c2 = w.rfind(':');
    const auto c1 = c2 == std::string::npos || c2 == 0 ? std::string::npos : w.rfind(':', c2 - 1);
    if (c1 != std::string::npos && w.substr(0, c1) == file) {
        try {
            d.line = d.endLine = std::stoi(w.substr(c1 + 1, c2 - c1 - 1));
            d.column = d.endColumn = std::stoi(w.substr(c2 + 1));
        } catch (...) {
        }
    }
    return d;
}

std::string text(const yaml::Node &n)
{
    return schema::readString(n).value_or(std::string());
}

/** How many of `node`'s keys are fields of `s`: the evidence that a config is of that type. */
int score(const schema::TypeSchema &s, const yaml::Node &node)
{
    int n = 0;
    for (const auto &e : node.entries()) {
        if (std::any_of(s.fields.begin(), s.fields.end(), [&](const schema::Field &f) { return f.key == e.key.scalar(); }))
            ++n;
    }
    return n;
}

} // namespace

const schema::TypeSchema *guessSourceSchema(const std::vector<const schema::TypeSchema *> &schemas, const std::vector<yaml::Node> &configs)
{
    const schema::TypeSchema *best = nullptr;
    int bestScore = 0;
    bool tie = false;
    for (const auto *s : schemas) {
        int total = 0;
        for (const auto &c : configs)
            total += score(*s, c);
        if (total > bestScore) {
            best = s;
            bestScore = total;
            tie = false;
        } else if (total == bestScore && total > 0) {
            tie = true;
        }
    }
    return tie ? nullptr : best;
}

namespace {

const schema::TypeSchema &freeFormSchema()
{
    static const schema::TypeSchema s = [] {
        schema::TypeSchema c;
        c.type = "custom";
        c.freeForm = true;
        return c;
    }();
    return s;
}

class Validator
{
public:
    Validator(const std::vector<InputFile> &files, const ValidateOptions &options)
        : m_files(files)
        , m_options(options)
    {
    }

    std::vector<Diagnostic> run()
    {
        for (const auto &f : m_files)
            readFile(f);
        for (auto &gw : m_gateways)
            matchConfigMap(gw);
        if (m_options.sources) {
            for (const auto &cm : m_configMaps)
                checkSources(cm);
        }
        if (m_options.local) {
            for (auto &d : m_out) {
                if (d.isError() && isClusterOnly(d))
                    d.severity = Severity::Warning;
            }
        }
        sortDiagnostics(m_out);
        return std::move(m_out);
    }

private:
    void take(schema::Report &report, const InputFile &file)
    {
        for (auto &d : report.diagnostics()) {
            placeInFile(d, file);
            m_out.push_back(std::move(d));
        }
    }

    void readFile(const InputFile &file)
    {
        auto docs = yaml::parseDocuments(file.text, file.path);
        if (!docs) {
            m_out.push_back(fromError(docs.error(), file.path, "yaml"));
            return;
        }
        for (const auto &doc : *docs) {
            const yaml::Node &root = doc.root;
            if (!root.isMapping()) {
                schema::Report r;
                r.error(
                    root, "", "expected a Kubernetes object (a mapping with apiVersion and kind), found " + yaml::describe(root), "object");
                take(r, file);
                continue;
            }
            const std::string kind = text(root.get("kind"));
            const schema::TypeSchema *s = kind == "Gateway" ? &gatewaySchema() : kind == "ConfigMap" ? &configMapSchema() : nullptr;
            if (!s) {
                schema::Report r;
                if (kind.empty())
                    r.error(root, "kind", "missing; expected Gateway or ConfigMap", "object");
                else if (kind == "EventSource")
                    r.warning(root.get("kind"), "kind",
                        "an EventSource is not checked here; `gwctl convert --to gateway` turns it into a Gateway and ConfigMap that are",
                        "object");
                else
                    r.warning(
                        root.get("kind"), "kind", "kind " + quoted(kind) + " is not checked here (only Gateway and ConfigMap)", "object");
                take(r, file);
                continue;
            }
            auto checked = schema::check(*s, root);
            take(checked.report, file);
            const yaml::Node meta = root.get("metadata");
            Object obj {&file, root, text(meta.get("name")), text(meta.get("namespace"))};
            if (kind == "Gateway") {
                const yaml::Node spec = root.get("spec");
                m_gateways.push_back({obj, text(spec.get("type")), text(spec.get("eventSource"))});
            } else {
                m_configMaps.push_back(obj);
            }
        }
    }

    /** The ConfigMap a Gateway names (spec §2: `name` or `namespace/name`). */
    void matchConfigMap(const GatewayDoc &gw)
    {
        if (gw.eventSource.empty())
            return;
        std::string name = gw.eventSource, ns = gw.ns;
        if (const auto slash = name.find('/'); slash != std::string::npos) {
            ns = name.substr(0, slash);
            name = name.substr(slash + 1);
        }
        std::vector<std::string> names;
        for (const auto &cm : m_configMaps) {
            names.push_back(cm.name);
            if (cm.name == name && (ns.empty() || cm.ns.empty() || cm.ns == ns)) {
                m_typeOf[&cm].push_back(&gw);
                return;
            }
        }
        schema::Report r;
        const yaml::Node at = gw.root.get("spec").get("eventSource");
        if (m_configMaps.empty())
            r.warning(at, "spec.eventSource",
                "names ConfigMap " + quoted(gw.eventSource) + ", which is not among the files given; its event sources were not checked",
                "gateway.event-source");
        else
            r.error(at, "spec.eventSource",
                "names ConfigMap " + quoted(gw.eventSource) + ", but the files hold only " + schema::choices(names, "and"),
                "gateway.event-source");
        take(r, *gw.file);
    }

    void checkSources(const Object &cm)
    {
        const yaml::Node data = cm.root.get("data");
        if (!data.isMapping() || data.size() == 0)
            return;
        std::vector<std::pair<const schema::TypeSchema *, std::string>> types; // schema, gateway name
        const auto named = m_typeOf.find(&cm);
        if (named != m_typeOf.end()) {
            for (const auto *gw : named->second) {
                const auto *s = m_options.sourceSchema ? m_options.sourceSchema(gw->type) : nullptr;
                types.emplace_back(s, gw->name);
            }
        } else {
            const schema::TypeSchema *s = nullptr;
            std::string why;
            if (!m_options.type.empty()) {
                s = m_options.sourceSchema ? m_options.sourceSchema(m_options.type) : nullptr;
            } else {
                std::vector<yaml::Node> configs;
                for (const auto &e : data.entries()) {
                    if (auto parsed = yaml::parseSingle(e.value.scalar(), "config"); parsed && parsed->isMapping())
                        configs.push_back(*parsed);
                }
                s = guessSourceSchema(m_options.knownSchemas, configs);
                schema::Report r;
                const yaml::Node at = cm.root.get("metadata").get("name").isDefined() ? cm.root.get("metadata").get("name") : cm.root;
                r.warning(at, "metadata.name",
                    s ? "no Gateway given names this ConfigMap; its sources were checked as " + s->type
                            + " sources, guessed from their keys (a Gateway naming it, or gwctl validate --type, sets the type)"
                      : "no Gateway given names this ConfigMap and its keys fit no known type; only the YAML of its sources was checked "
                        "(a Gateway naming it, or gwctl validate --type, sets the type)",
                    "configmap.type");
                take(r, *cm.file);
            }
            types.emplace_back(s, std::string());
        }
        const yaml::LineIndex index(cm.file->text);
        for (const auto &[s, gwName] : types)
            checkSourcesAs(cm, data, index, s, gwName);
    }

    void checkSourcesAs(
        const Object &cm, const yaml::Node &data, const yaml::LineIndex &index, const schema::TypeSchema *s, const std::string &gwName)
    {
        const schema::TypeSchema &schema = s ? *s : freeFormSchema();
        std::deque<schema::Checked> checked;
        std::vector<schema::SourceEntry> entries;
        std::vector<const yaml::Entry *> origin;
        for (const auto &e : data.entries()) {
            const bool notText = !e.value.isScalar()
                || (e.value.isPlain() && !e.value.isNull() && yaml::classifyPlain11(e.value.scalar()) != yaml::Plain11::String);
            if (notText || !configMapKeyProblem(e.key.scalar()).empty())
                continue; // reported by the ConfigMap schema
            checked.push_back(schema::checkText(schema, e.value.isNull() ? std::string() : e.value.scalar()));
            origin.push_back(&e);
            if (s && checked.back().report.hasErrors())
                typeMismatch(checked.back(), *s, gwName);
        }
        for (std::size_t i = 0; i < checked.size(); ++i)
            entries.push_back({origin[i]->key.scalar(), &checked[i].view, &checked[i].report});
        schema::checkAcross(schema, entries);
        for (std::size_t i = 0; i < checked.size(); ++i) {
            const yaml::Entry &e = *origin[i];
            const EmbeddedLocator loc(e.value, cm.file->text, index, e.key.start().column);
            for (auto &d : checked[i].report.diagnostics()) {
                d.path = d.path.empty() ? dataPath(e.key.scalar()) : dataPath(e.key.scalar()) + "." + d.path;
                d.file = cm.file->path;
                const auto [line, column] = loc.map(d.start);
                const auto [endLine, endColumn] = loc.map(d.end.valid() ? d.end : d.start);
                d.line = line + 1;
                d.column = column + 1;
                d.endLine = endLine + 1;
                d.endColumn = endColumn + 1;
                if (!s && d.rule != "yaml")
                    continue;
                m_out.push_back(std::move(d));
            }
        }
    }

    /** A config with errors that fits another type better: say so (issue: "does not fit spec.type"). */
    void typeMismatch(schema::Checked &c, const schema::TypeSchema &s, const std::string &gwName)
    {
        const yaml::Node node = c.view.node();
        if (!node.isMapping())
            return;
        const int own = score(s, node);
        const schema::TypeSchema *better = nullptr;
        int best = own;
        for (const auto *other : m_options.knownSchemas) {
            const int sc = score(*other, node);
            const bool complete = std::all_of(other->fields.begin(), other->fields.end(),
                [&](const schema::Field &f) { return !f.required || node.get(f.key).isDefined(); });
            if (other != &s && sc > best && complete) {
                best = sc;
                better = other;
            }
        }
        if (better)
            c.report.error(node, "",
                "this config fits a " + better->type + " source, but "
                    + (gwName.empty() ? std::string("it is checked as") : "Gateway " + quoted(gwName) + " has spec.type") + " " + s.type,
                "configmap.type-mismatch");
    }

    const std::vector<InputFile> &m_files;
    const ValidateOptions &m_options;
    std::deque<GatewayDoc> m_gateways;
    std::deque<Object> m_configMaps;
    std::map<const Object *, std::vector<const GatewayDoc *>> m_typeOf;
    std::vector<Diagnostic> m_out;
};

} // namespace

std::string dataPath(const std::string &key)
{
    if (key.find('.') == std::string::npos)
        return "data." + key;
    return "data[\"" + key + "\"]";
}

EmbeddedLocator::EmbeddedLocator(const yaml::Node &value, std::string_view fileText, const yaml::LineIndex &index, int keyColumn)
    : m_index(&index)
{
    const yaml::Mark start = value.start();
    m_line = std::max(start.line, 0);
    m_column = start.column;
    const auto style = value.style();
    if (style == yaml::ScalarStyle::Literal || style == yaml::ScalarStyle::Folded) {
        m_block = style == yaml::ScalarStyle::Literal;
        m_line += 1; // the content starts on the line after the `|` header
        // The header may carry an indentation indicator; otherwise the first non-blank line sets it.
        int indicator = 0;
        for (std::size_t i = start.offset; i < fileText.size() && fileText[i] != '\n' && fileText[i] != '#'; ++i) {
            if (fileText[i] >= '1' && fileText[i] <= '9')
                indicator = fileText[i] - '0';
        }
        if (indicator) {
            m_indent = keyColumn + indicator;
        } else {
            for (int l = m_line; l < index.lineCount(); ++l) {
                std::size_t i = index.lineStart(l);
                int spaces = 0;
                while (i < fileText.size() && fileText[i] == ' ')
                    ++i, ++spaces;
                if (i < fileText.size() && fileText[i] != '\n' && fileText[i] != '\r') {
                    m_indent = spaces;
                    break;
                }
            }
        }
        m_column = m_indent;
    } else if (style == yaml::ScalarStyle::SingleQuoted || style == yaml::ScalarStyle::DoubleQuoted) {
        m_column += 1;
    }
}

std::pair<int, int> EmbeddedLocator::map(const yaml::Mark &inner) const
{
    if (!inner.valid())
        return {m_line, m_column};
    if (m_block)
        return {m_line + inner.line, m_indent + inner.column};
    if (inner.line == 0)
        return {m_line, m_column + inner.column};
    return {m_line, m_column};
}

std::size_t EmbeddedLocator::offset(const yaml::Mark &inner) const
{
    const auto [line, column] = map(inner);
    return m_index->offset(line, column);
}

std::vector<Diagnostic> validateFiles(const std::vector<InputFile> &files, const ValidateOptions &options)
{
    return Validator(files, options).run();
}

} // namespace gs
