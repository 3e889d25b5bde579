#include "formoutline.h"

#include <algorithm>
#include <unordered_set>

#include "objectschemas.h"
#include "yamlwrite.h"

namespace gs::form {

namespace {

using schema::Field;
using schema::Kind;

/** Lists longer than this show their first entries only (edit the rest in YAML). */
constexpr std::size_t kMaxEntries = 200;
/** Keys the schema does not know: the first ones are rows (each is also a warning in the problems). */
constexpr std::size_t kMaxUnknown = 200;

std::string childPath(const std::string &path, std::string_view key)
{
    if (path.empty())
        return std::string(key);
    return path + "." + std::string(key);
}

std::string text(const yaml::Node &n)
{
    return schema::readString(n).value_or(std::string());
}

bool isObjectKind(const Field &f)
{
    return f.kind == Kind::Object && !f.fields.empty();
}

bool isCollectionOfObjects(const Field &f)
{
    return (f.kind == Kind::List || f.kind == Kind::Map) && !f.fields.empty();
}

/** Kinds the form edits as text; the others are typed YAML (numbers, bools, collections). */
bool isTextKind(Kind k)
{
    return k == Kind::String || k == Kind::Enum || k == Kind::Time || k == Kind::GoDuration;
}

/** The node's entry whose key matches `key` exactly, else case-insensitively (as the validator reads). */
const yaml::Entry *findEntry(const yaml::Node &map, std::string_view key)
{
    if (!map.isMapping())
        return nullptr;
    if (const auto *e = map.entry(key))
        return e;
    for (const auto &e : map.entries()) {
        const auto &k = e.key.scalar();
        if (k.size() == key.size()
            && std::equal(k.begin(), k.end(), key.begin(), [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b)); }))
            return &e;
    }
    return nullptr;
}

std::string lower(std::string_view s)
{
    std::string out(s);
    for (auto &c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

/** An unknown key that should not be shown in clear: a misspelt secret field, or a secret-like name or value. */
bool looksSecret(const std::string &key, const yaml::Node &value, const std::vector<Field> &fields)
{
    const std::string k = lower(key);
    for (const auto &f : fields) {
        if (f.secret && lower(f.key) == k)
            return true;
    }
    for (const char *word : {"secret", "password", "passwd", "token", "credential", "apikey", "api_key"}) {
        if (k.find(word) != std::string::npos)
            return true;
    }
    return value.isMapping() && value.get("value").isDefined();
}

class RowBuilder
{
public:
    explicit RowBuilder(std::vector<Row> &out)
        : m_out(out)
    {
    }

    /** Rows for the fields of an object at `node` (may be undefined). */
    void object(const std::vector<Field> &fields, const yaml::Node &node, const std::string &path, const yaml::Path &editPath, int depth,
        const std::vector<std::string> &skip = {})
    {
        std::unordered_set<const yaml::Entry *> known;
        for (const auto &f : fields) {
            if (std::find(skip.begin(), skip.end(), f.key) != skip.end())
                continue;
            const yaml::Entry *e = findEntry(node, f.key);
            if (e)
                known.insert(e);
            const std::string key = e ? e->key.scalar() : f.key;
            field(f, e ? e->value : yaml::Node(), childPath(path, key), append(editPath, key), depth);
        }
        // Keys the schema does not know: shown so they can be seen and removed (the validator warns).
        if (!node.isMapping())
            return;
        std::size_t unknown = 0;
        for (const auto &e : node.entries()) {
            const auto &k = e.key.scalar();
            if (known.count(&e) || std::find(skip.begin(), skip.end(), k) != skip.end())
                continue;
            if (++unknown > kMaxUnknown)
                break;
            Row r;
            r.label = k;
            r.path = childPath(path, k);
            r.editPath = append(editPath, k);
            r.depth = depth;
            r.present = true;
            r.value = e.value.isScalar() ? e.value.scalar() : flowText(e.value);
            r.yamlValue = true;
            r.canRemove = true;
            r.secret = looksSecret(k, e.value, fields);
            m_out.push_back(std::move(r));
        }
    }

private:
    static yaml::Path append(yaml::Path p, std::string key)
    {
        p.push_back({std::move(key), -1});
        return p;
    }
    static yaml::Path append(yaml::Path p, int index)
    {
        p.push_back({{}, index});
        return p;
    }

    void field(const Field &f, const yaml::Node &node, const std::string &path, const yaml::Path &editPath, int depth)
    {
        Row r;
        r.label = f.key;
        r.path = path;
        r.editPath = editPath;
        r.depth = depth;
        r.field = &f;
        r.present = node.isDefined() && !node.isNull();
        r.canRemove = r.present && !f.required;
        r.secret = f.secret;
        if (isObjectKind(f) && (!r.present || node.isMapping())) {
            r.role = RowRole::Group;
            m_out.push_back(r);
            object(f.fields, node, path, editPath, depth + 1);
            return;
        }
        if (isCollectionOfObjects(f) && (!r.present || (f.kind == Kind::List ? node.isSequence() : node.isMapping()))) {
            r.role = RowRole::Group;
            r.canAdd = true;
            m_out.push_back(r);
            entries(f, node, path, editPath, depth + 1);
            return;
        }
        if (node.isScalar() && (isTextKind(f.kind) || f.kind == Kind::Any)) {
            r.value = f.kind == Kind::Any ? node.scalar() : text(node);
            r.yamlValue = f.kind == Kind::Any;
        } else if (node.isScalar()) {
            r.value = node.isNull() ? std::string() : node.scalar();
            r.yamlValue = true;
        } else {
            r.value = node.isDefined() ? flowText(node) : std::string();
            r.yamlValue = true;
        }
        if (!r.present)
            r.yamlValue = !isTextKind(f.kind);
        m_out.push_back(std::move(r));
    }

    void entries(const Field &f, const yaml::Node &node, const std::string &path, const yaml::Path &editPath, int depth)
    {
        auto entryRow = [&](std::string label, std::string entryPath, yaml::Path entryEdit) {
            Row e;
            e.role = RowRole::Entry;
            e.label = std::move(label);
            e.path = std::move(entryPath);
            e.editPath = std::move(entryEdit);
            e.depth = depth;
            e.field = &f;
            e.present = true;
            e.canRemove = true;
            m_out.push_back(e);
        };
        if (node.isSequence()) {
            const auto &items = node.items();
            for (std::size_t i = 0; i < std::min(items.size(), kMaxEntries); ++i) {
                const std::string p = path + "[" + std::to_string(i) + "]";
                const yaml::Path ep = append(editPath, static_cast<int>(i));
                entryRow("[" + std::to_string(i) + "]", p, ep);
                object(f.fields, items[i], p, ep, depth + 1);
            }
        } else if (node.isMapping()) {
            std::size_t n = 0;
            for (const auto &e : node.entries()) {
                if (++n > kMaxEntries)
                    break;
                const std::string &k = e.key.scalar();
                const std::string p = childPath(path, k);
                const yaml::Path ep = append(editPath, k);
                entryRow(k, p, ep);
                object(f.fields, e.value, p, ep, depth + 1);
            }
        }
    }

    std::vector<Row> &m_out;
};

void flow(const yaml::Node &n, std::string &out)
{
    if (n.isMapping()) {
        out += '{';
        bool first = true;
        for (const auto &e : n.entries()) {
            if (!first)
                out += ", ";
            first = false;
            out += yaml::stringScalar(e.key.scalar(), true);
            out += ": ";
            flow(e.value, out);
        }
        out += '}';
    } else if (n.isSequence()) {
        out += '[';
        bool first = true;
        for (const auto &i : n.items()) {
            if (!first)
                out += ", ";
            first = false;
            flow(i, out);
        }
        out += ']';
    } else if (n.isScalar()) {
        // Plain scalars keep their YAML meaning (numbers, bools); quoted ones stay text.
        out += n.isPlain() ? n.scalar() : yaml::doubleQuoted(n.scalar());
    }
}

std::string nameOf(const yaml::Node &root)
{
    return text(root.get("metadata").get("name"));
}

} // namespace

std::string flowText(const yaml::Node &node)
{
    std::string out;
    flow(node, out);
    return out;
}

std::vector<Section> sections(
    const std::vector<yaml::Document> &docs, const SchemaLookup &lookup, const std::vector<const schema::TypeSchema *> &known)
{
    // Which type each ConfigMap's sources are: the Gateway in the file that names it says so.
    std::vector<std::pair<std::string, std::string>> named; // ConfigMap name -> type
    for (const auto &d : docs) {
        if (text(d.root.get("kind")) != "Gateway")
            continue;
        std::string cm = text(d.root.get("spec").get("eventSource"));
        if (const auto slash = cm.find('/'); slash != std::string::npos)
            cm = cm.substr(slash + 1);
        named.emplace_back(cm, text(d.root.get("spec").get("type")));
    }
    std::vector<Section> out;
    for (std::size_t i = 0; i < docs.size(); ++i) {
        const yaml::Node &root = docs[i].root;
        const std::string kind = text(root.get("kind"));
        const std::string name = nameOf(root);
        Section s;
        s.document = i;
        s.line = root.start().line + 1;
        if (kind == "Gateway") {
            s.title = "Gateway " + (name.empty() ? std::string("(unnamed)") : name);
            s.schema = &gatewaySchema();
            out.push_back(s);
            continue;
        }
        if (kind != "ConfigMap") {
            s.title = (kind.empty() ? std::string("Document") : kind) + " " + name + " (YAML only)";
            out.push_back(s);
            continue;
        }
        s.title = "ConfigMap " + (name.empty() ? std::string("(unnamed)") : name);
        s.schema = &configMapSchema();
        out.push_back(s);
        const yaml::Node data = root.get("data");
        if (!data.isMapping())
            continue;
        std::string type;
        for (const auto &[cm, t] : named) {
            if (cm == name)
                type = t;
        }
        const schema::TypeSchema *sourceSchema = nullptr;
        if (!type.empty() && lookup) {
            sourceSchema = lookup(type);
        } else if (type.empty()) {
            std::vector<yaml::Node> configs;
            for (const auto &e : data.entries()) {
                if (auto parsed = yaml::parseSingle(e.value.isScalar() ? e.value.scalar() : std::string(), "config"); parsed && parsed->isMapping())
                    configs.push_back(*parsed);
            }
            sourceSchema = guessSourceSchema(known, configs);
            if (sourceSchema)
                type = sourceSchema->type;
        }
        for (const auto &e : data.entries()) {
            Section src;
            src.document = i;
            src.base = {{"data", -1}, {e.key.scalar(), -1}};
            src.pathPrefix = dataPath(e.key.scalar());
            src.schema = sourceSchema && !sourceSchema->freeForm ? sourceSchema : nullptr;
            src.sourceType = type.empty() ? std::string("custom") : type;
            src.sourceName = e.key.scalar();
            src.title = e.key.scalar() + " (" + src.sourceType + ")";
            src.line = e.key.start().line + 1;
            out.push_back(std::move(src));
        }
    }
    return out;
}

std::vector<Row> rows(const Section &section, const yaml::DocumentEditor &editor)
{
    std::vector<Row> out;
    if (!section.schema || section.document >= editor.documents().size())
        return out;
    yaml::Node node = section.base.empty() ? editor.documents()[section.document].root : editor.find(section.document, section.base);
    if (!section.sourceName.empty()) {
        // A data value is text holding the source's YAML: the form shows that document.
        auto parsed = yaml::parseSingle(node.isScalar() ? node.scalar() : std::string(), "config");
        node = parsed ? *parsed : yaml::Node();
    }
    RowBuilder b(out);
    // A ConfigMap's data entries are sections of their own.
    const bool configMap = section.schema == &configMapSchema();
    b.object(section.schema->fields, node, section.pathPrefix, section.base, 0, configMap ? std::vector<std::string> {"data"} : std::vector<std::string> {});
    return out;
}

} // namespace gs::form
