#include "schema.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <map>

#include "core/duration.h"
#include "core/json.h"
#include "core/printable.h"
#include "core/timefmt.h"
#include "sourceconfig.h"
#include "yaml.h"

namespace gs::schema {

// --- names ---------------------------------------------------------------------------------

const char *toString(Kind k)
{
    switch (k) {
    case Kind::String:
        return "string";
    case Kind::Int:
        return "int";
    case Kind::Float:
        return "float";
    case Kind::Bool:
        return "bool";
    case Kind::Enum:
        return "enum";
    case Kind::Nanoseconds:
        return "nanoseconds";
    case Kind::GoDuration:
        return "duration";
    case Kind::Time:
        return "time";
    case Kind::List:
        return "list";
    case Kind::Map:
        return "map";
    case Kind::Object:
        return "object";
    case Kind::SecretRef:
        return "secret-ref";
    case Kind::Any:
        return "any";
    }
    return "any";
}

const char *toString(Origin o)
{
    switch (o) {
    case Origin::V010:
        return "v0.10";
    case Origin::GatewayStudio:
        return "gateway-studio";
    case Origin::Kubernetes:
        return "kubernetes";
    }
    return "v0.10";
}

// --- field builders ------------------------------------------------------------------------

namespace {
Field make(std::string key, Kind kind)
{
    Field f;
    f.key = std::move(key);
    f.kind = kind;
    return f;
}
} // namespace

Field Field::string(std::string key)
{
    return make(std::move(key), Kind::String);
}
Field Field::integer(std::string key)
{
    return make(std::move(key), Kind::Int);
}
Field Field::number(std::string key)
{
    return make(std::move(key), Kind::Float);
}
Field Field::boolean(std::string key)
{
    return make(std::move(key), Kind::Bool);
}
Field Field::oneOf(std::string key, std::vector<std::string> values)
{
    Field f = make(std::move(key), Kind::Enum);
    f.allowed = std::move(values);
    return f;
}
Field Field::nanoseconds(std::string key)
{
    Field f = make(std::move(key), Kind::Nanoseconds);
    f.min = 0;
    return f;
}
Field Field::goDuration(std::string key)
{
    return make(std::move(key), Kind::GoDuration);
}
Field Field::time(std::string key)
{
    return make(std::move(key), Kind::Time);
}
Field Field::list(std::string key, Kind element)
{
    Field f = make(std::move(key), Kind::List);
    f.element = element;
    return f;
}
Field Field::listOf(std::string key, std::vector<Field> fields)
{
    Field f = make(std::move(key), Kind::List);
    f.element = Kind::Object;
    f.fields = std::move(fields);
    return f;
}
Field Field::map(std::string key, Kind element)
{
    Field f = make(std::move(key), Kind::Map);
    f.element = element;
    return f;
}
Field Field::mapOf(std::string key, std::vector<Field> fields)
{
    Field f = make(std::move(key), Kind::Map);
    f.element = Kind::Object;
    f.fields = std::move(fields);
    return f;
}
Field Field::object(std::string key, std::vector<Field> fields)
{
    Field f = make(std::move(key), Kind::Object);
    f.fields = std::move(fields);
    return f;
}
Field Field::secretRef(std::string key)
{
    Field f = make(std::move(key), Kind::SecretRef);
    f.secret = true;
    return f;
}
Field Field::any(std::string key)
{
    return make(std::move(key), Kind::Any);
}

Field Field::need(std::string v010Message) const
{
    Field f = *this;
    f.required = true;
    f.requiredMessage = std::move(v010Message);
    return f;
}
Field Field::invalid(std::string v010Message) const
{
    Field f = *this;
    f.invalidMessage = std::move(v010Message);
    return f;
}
Field Field::byDefault(std::string yamlText) const
{
    Field f = *this;
    f.defaultValue = std::move(yamlText);
    return f;
}
Field Field::doc(std::string text) const
{
    Field f = *this;
    f.description = std::move(text);
    return f;
}
Field Field::eg(std::string yamlText) const
{
    Field f = *this;
    f.example = std::move(yamlText);
    return f;
}
Field Field::range(std::optional<double> lo, std::optional<double> hi) const
{
    Field f = *this;
    f.min = lo;
    f.max = hi;
    return f;
}
Field Field::ours(std::string decision) const
{
    Field f = *this;
    f.origin = Origin::GatewayStudio;
    f.since = std::move(decision);
    return f;
}
Field Field::kubernetes() const
{
    Field f = *this;
    f.origin = Origin::Kubernetes;
    return f;
}
Field Field::openEnded() const
{
    Field f = *this;
    f.open = true;
    return f;
}
Field Field::modern(std::string name) const
{
    Field f = *this;
    f.modernKey = std::move(name);
    return f;
}
Field Field::allow(std::vector<std::string> values) const
{
    Field f = *this;
    f.allowed = std::move(values);
    return f;
}

const Field *Field::child(std::string_view name) const
{
    for (const auto &c : fields) {
        if (c.key == name)
            return &c;
    }
    return nullptr;
}

// --- helpers -------------------------------------------------------------------------------

namespace {

/** True when `f` is or contains a secret: a scalar found there may be the secret itself. */
bool holdsSecret(const Field &f)
{
    return f.secret || f.kind == Kind::SecretRef || std::any_of(f.fields.begin(), f.fields.end(), holdsSecret);
}

/** What was found instead of what `f` expects, without echoing a value that may be a secret. */
std::string found(const yaml::Node &n, const Field &f)
{
    if (n.isScalar() && holdsSecret(f))
        return "a plain value (not shown, as it may be a secret)";
    return yaml::describe(n);
}

std::string lower(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

/** The entry of `key` in a mapping: exact match first, else a case-folded one (ghodss). */
const yaml::Entry *findEntry(const yaml::Node &map, std::string_view key)
{
    const yaml::Entry *folded = nullptr;
    for (const auto &e : map.entries()) {
        if (e.key.scalar() == key)
            return &e;
        if (!folded && e.key.scalar().size() == key.size() && lower(e.key.scalar()) == lower(key))
            folded = &e;
    }
    return folded;
}

std::optional<long long> parseDecimal(std::string_view s)
{
    long long v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size() || s.empty())
        return std::nullopt;
    return v;
}

/** An integer value: a plain YAML integer (any YAML 1.1 form) or a quoted decimal. */
std::optional<long long> intValue(const yaml::Node &n)
{
    if (!n.isScalar() || n.isNull())
        return std::nullopt;
    if (n.isPlain()) {
        if (yaml::classifyPlain11(n.scalar()) != yaml::Plain11::Int)
            return std::nullopt;
        const auto s = readGoString(n);
        return s ? parseDecimal(*s) : std::nullopt;
    }
    return parseDecimal(n.scalar());
}

std::optional<double> floatValue(const yaml::Node &n)
{
    if (!n.isScalar() || n.isNull())
        return std::nullopt;
    if (auto i = intValue(n))
        return static_cast<double>(*i);
    std::string s = n.scalar();
    if (n.isPlain() && yaml::classifyPlain11(s) != yaml::Plain11::Float)
        return std::nullopt;
    s.erase(std::remove(s.begin(), s.end(), '_'), s.end());
    if (s.empty() || s.find(':') != std::string::npos || s.find_first_of("nN") != std::string::npos)
        return std::nullopt;
    char *end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (end != s.c_str() + s.size() || !std::isfinite(v))
        return std::nullopt;
    return v;
}

std::optional<bool> boolValue(const yaml::Node &n)
{
    if (!n.isPlain() || yaml::classifyPlain11(n.scalar()) != yaml::Plain11::Bool)
        return std::nullopt;
    return readGoString(n) == std::optional<std::string>("true");
}

std::string number(double v)
{
    if (v == std::floor(v) && std::fabs(v) < 1e15)
        return std::to_string(static_cast<long long>(v));
    char buf[32];
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, p);
}

std::string rangeText(const Field &f)
{
    if (f.min && f.max)
        return "from " + number(*f.min) + " to " + number(*f.max);
    if (f.min)
        return "of at least " + number(*f.min);
    return "of at most " + number(*f.max);
}

std::string withValue(std::string message, const std::string &value)
{
    if (const auto at = message.find("{value}"); at != std::string::npos)
        message.replace(at, 7, quoted(value));
    return message;
}

std::string child(const std::string &path, std::string_view key)
{
    return path.empty() ? std::string(key) : path + "." + std::string(key);
}

std::string index(const std::string &path, std::size_t i)
{
    return path + "[" + std::to_string(i) + "]";
}

/** The generic checks every schema gets (kinds, required, enums, ranges, keys). */
class Checker
{
public:
    explicit Checker(Report &report)
        : m_report(report)
    {
    }

    /** `owner` is the key this mapping is the value of (or the mapping itself): missing keys are reported there. */
    void object(const yaml::Node &node, const std::vector<Field> &fields, const std::string &path, bool open, const yaml::Node &owner)
    {
        std::map<std::string, const yaml::Node *> seen;
        for (const auto &e : node.entries()) {
            const std::string &k = e.key.scalar();
            const std::string kpath = child(path, k);
            if (auto [it, fresh] = seen.emplace(lower(k), &e.key); !fresh) {
                m_report.error(e.key, kpath,
                    quoted(k, 80) + " and " + quoted(it->second->scalar(), 80)
                        + " set the same field (keys match case-insensitively); keep one",
                    "duplicate-key", Stage::Parse);
                continue;
            }
            const bool exact = std::any_of(fields.begin(), fields.end(), [&](const Field &f) { return f.key == k; });
            if (exact || open)
                continue;
            const auto folded = std::find_if(fields.begin(), fields.end(), [&](const Field &f) { return lower(f.key) == lower(k); });
            if (folded != fields.end()) {
                m_report.warning(e.key, kpath,
                    quoted(k) + " is read as " + quoted(folded->key)
                        + " by v0.10 (it matches keys case-insensitively), but modern Argo Events and kubectl do not; write "
                        + quoted(folded->key),
                    "key-case");
                continue;
            }
            std::vector<std::string> known;
            for (const auto &f : fields)
                known.push_back(f.key);
            const std::string guess = closest(k, known);
            m_report.warning(e.key, kpath,
                "unknown key " + quoted(k) + (guess.empty() ? std::string() : " (did you mean " + quoted(guess) + "?)") + "; it is ignored"
                    + (known.empty() ? std::string() : " (known keys: " + choices(known, "and") + ")"),
                "unknown-key");
        }
        for (const auto &f : fields) {
            const yaml::Entry *e = findEntry(node, f.key);
            if (!e || e->value.isNull()) {
                if (f.required) {
                    if (!f.requiredMessage.empty())
                        m_report.v010(e ? e->key : owner, child(path, f.key), f.requiredMessage, "required");
                    else
                        m_report.error(e ? e->key : owner, child(path, f.key), requiredText(f), "required");
                    // A missing key is marked at its mapping's key (or start), not across the whole mapping.
                    if (!e && owner.isMapping())
                        m_report.diagnostics().back().end = owner.start();
                }
                continue;
            }
            value(e->value, f, child(path, f.key), e->key);
        }
    }

    void value(const yaml::Node &n, const Field &f, const std::string &path, const yaml::Node &owner)
    {
        switch (f.kind) {
        case Kind::List: {
            if (!n.isSequence()) {
                const std::string of = f.element == Kind::Object ? " of mappings" : f.element == Kind::Any ? "" : " of strings";
                m_report.error(n, path, "expected a list" + of + ", found " + found(n, f), "type", Stage::Parse);
                return;
            }
            std::size_t i = 0;
            for (const auto &item : n.items())
                element(item, f, index(path, i++), item);
            return;
        }
        case Kind::Map: {
            if (!n.isMapping()) {
                m_report.error(n, path, "expected a mapping, found " + found(n, f), "type", Stage::Parse);
                return;
            }
            for (const auto &e : n.entries())
                element(e.value, f, child(path, e.key.scalar()), e.key);
            return;
        }
        case Kind::Object:
            if (!n.isMapping()) {
                m_report.error(n, path, "expected a mapping, found " + found(n, f), "type", Stage::Parse);
                return;
            }
            object(n, f.fields, path, f.open, owner);
            return;
        default:
            scalar(n, f.kind, f, path);
        }
    }

private:
    void element(const yaml::Node &n, const Field &f, const std::string &path, const yaml::Node &owner)
    {
        if (f.element == Kind::Object) {
            if (!n.isMapping()) {
                m_report.error(n, path, "expected a mapping, found " + found(n, f), "type", Stage::Parse);
                return;
            }
            object(n, f.fields, path, f.open, owner);
            return;
        }
        if (n.isNull() && f.element != Kind::Any) {
            m_report.error(n, path, "expected " + kindNoun(f.element) + ", found null", "type", Stage::Parse);
            return;
        }
        scalar(n, f.element, f, path);
    }

    static std::string kindNoun(Kind k)
    {
        switch (k) {
        case Kind::Int:
            return "an integer";
        case Kind::Float:
            return "a number";
        case Kind::Bool:
            return "true or false";
        case Kind::Nanoseconds:
            return "an integer number of nanoseconds";
        case Kind::GoDuration:
            return "a duration such as 90s";
        case Kind::Time:
            return "an RFC 3339 time";
        case Kind::List:
            return "a list";
        case Kind::Map:
        case Kind::Object:
            return "a mapping";
        case Kind::SecretRef:
            return "a secret reference";
        default:
            return "a string";
        }
    }

    static std::string requiredText(const Field &f)
    {
        if (f.description.empty())
            return "required " + describeKind(f) + " is missing";
        std::string d = f.description;
        if (d.size() > 1 && std::isupper(static_cast<unsigned char>(d[0])) && std::islower(static_cast<unsigned char>(d[1])))
            d[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(d[0])));
        if (!d.empty() && d.back() == '.')
            d.pop_back();
        return "required: " + d;
    }

    static std::string describeKind(const Field &f)
    {
        if (f.kind == Kind::Enum)
            return "value (" + choices(f.allowed) + ")";
        if (f.kind == Kind::Object)
            return "mapping";
        if (f.kind == Kind::List)
            return "list";
        return "value";
    }

    void scalar(const yaml::Node &n, Kind kind, const Field &f, const std::string &path)
    {
        if (kind == Kind::Any)
            return;
        if (kind == Kind::SecretRef) {
            auto ref = parseSecretRef(n);
            if (!ref)
                m_report.error(n, path, ref.error().message, "secret-ref", Stage::Parse);
            else if (ref->kind == SecretRef::Kind::Value)
                m_report.warning(n, path,
                    "the secret is written in the file; prefer {file: PATH}, {env: NAME} or {name: SECRET, key: KEY} (decisions §8)",
                    "inline-secret");
            return;
        }
        if (!n.isScalar()) {
            m_report.error(n, path, "expected " + kindNoun(kind) + ", found " + yaml::describe(n), "type", Stage::Parse);
            return;
        }
        switch (kind) {
        case Kind::String:
        case Kind::Enum: {
            const auto s = readGoString(n).value_or(std::string());
            if (n.isPlain() && s != n.scalar())
                m_report.warning(n, path,
                    quoted(n.scalar()) + " is read as " + quoted(s) + " by v0.10 (YAML 1.1 typing); quote it if you mean the text "
                        + quoted(n.scalar()),
                    "coerced");
            if (kind == Kind::Enum && !f.allowed.empty() && std::find(f.allowed.begin(), f.allowed.end(), s) == f.allowed.end()) {
                const auto folded
                    = std::find_if(f.allowed.begin(), f.allowed.end(), [&](const std::string &a) { return lower(a) == lower(s); });
                std::string hint;
                if (folded != f.allowed.end())
                    hint = " (values are case-sensitive: write " + quoted(*folded) + ")";
                else if (const auto guess = closest(s, f.allowed); !guess.empty())
                    hint = " (did you mean " + quoted(guess) + "?)";
                if (!f.invalidMessage.empty())
                    m_report.v010(n, path, withValue(f.invalidMessage, s) + hint, "enum");
                else
                    m_report.error(n, path, "expected " + choices(f.allowed) + ", found " + quoted(s) + hint, "enum");
            }
            return;
        }
        case Kind::Int: {
            const auto v = intValue(n);
            if (!v) {
                m_report.error(n, path, "expected an integer, found " + quoted(n.scalar()), "type", Stage::Parse);
                return;
            }
            limits(n, f, path, static_cast<double>(*v), number(static_cast<double>(*v)));
            return;
        }
        case Kind::Float: {
            const auto v = floatValue(n);
            if (!v) {
                m_report.error(n, path, "expected a number, found " + quoted(n.scalar()), "type", Stage::Parse);
                return;
            }
            limits(n, f, path, *v, n.scalar());
            return;
        }
        case Kind::Bool:
            if (!boolValue(n))
                m_report.error(n, path,
                    "expected true or false, found " + quoted(n.scalar()) + (n.isPlain() ? std::string() : " (remove the quotes)"), "type",
                    Stage::Parse);
            return;
        case Kind::Nanoseconds: {
            const auto v = intValue(n);
            if (v && n.isPlain()) {
                limits(n, f, path, static_cast<double>(*v), number(static_cast<double>(*v)));
                return;
            }
            std::string hint;
            if (auto d = parseGoDuration(n.scalar()))
                hint = " (v0.10 reads durations as nanoseconds: " + quoted(n.scalar()) + " is " + std::to_string(d->count()) + ")";
            m_report.error(n, path, "expected an integer number of nanoseconds, found " + quoted(n.scalar()) + hint, "type", Stage::Parse);
            return;
        }
        case Kind::GoDuration: {
            const auto s = readGoString(n).value_or(std::string());
            if (auto d = parseGoDuration(s); !d)
                m_report.error(n, path, "expected a Go duration such as 90s or 1h30m: " + d.error().message, "duration");
            return;
        }
        case Kind::Time: {
            const auto s = readGoString(n).value_or(std::string());
            if (!parseRfc3339(s))
                m_report.error(n, path, "expected an RFC 3339 time such as 2019-04-06T12:52:11Z, found " + quoted(s), "time");
            return;
        }
        default:
            return;
        }
    }

    void limits(const yaml::Node &n, const Field &f, const std::string &path, double v, const std::string &text)
    {
        if ((f.min && v < *f.min) || (f.max && v > *f.max)) {
            if (!f.invalidMessage.empty())
                m_report.v010(n, path, withValue(f.invalidMessage, text), "range");
            else
                m_report.error(n, path, "expected a value " + rangeText(f) + ", found " + text, "range");
        }
    }

    Report &m_report;
};

yaml::Node parseDefault(const std::string &text)
{
    auto n = yaml::parseSingle(text, "<default>");
    return n ? *n : yaml::Node::scalar(text);
}

} // namespace

// --- Report --------------------------------------------------------------------------------

void Report::error(const yaml::Node &at, std::string path, std::string message, std::string rule, Stage stage)
{
    Diagnostic d;
    d.severity = Severity::Error;
    d.stage = stage;
    d.path = std::move(path);
    d.message = std::move(message);
    d.rule = std::move(rule);
    d.start = at.start();
    d.end = at.end();
    m_diagnostics.push_back(std::move(d));
}

void Report::warning(const yaml::Node &at, std::string path, std::string message, std::string rule)
{
    error(at, std::move(path), std::move(message), std::move(rule));
    m_diagnostics.back().severity = Severity::Warning;
}

void Report::v010(const yaml::Node &at, std::string path, std::string message, std::string rule)
{
    error(at, std::move(path), std::move(message), std::move(rule));
    m_diagnostics.back().standalone = true;
}

void Report::add(Diagnostic d)
{
    m_diagnostics.push_back(std::move(d));
}

bool Report::hasErrors() const
{
    return gs::hasErrors(m_diagnostics);
}

const Diagnostic *Report::firstError(const std::vector<std::string> &order) const
{
    const auto rank = [&](const Diagnostic &d) {
        const std::string top = d.path.substr(0, d.path.find_first_of(".["));
        const auto it = std::find(order.begin(), order.end(), top);
        return static_cast<std::size_t>(it - order.begin());
    };
    const Diagnostic *first = nullptr;
    for (const auto &d : m_diagnostics) {
        if (!d.isError())
            continue;
        if (d.stage == Stage::Parse)
            return &d;
        if (!first || rank(d) < rank(*first))
            first = &d;
    }
    return first;
}

// --- View ----------------------------------------------------------------------------------

View::View(yaml::Node node, const std::vector<Field> *fields, std::string path)
    : m_node(std::move(node))
    , m_fields(fields)
    , m_path(std::move(path))
{
}

const Field *View::field(std::string_view key) const
{
    if (!m_fields)
        return nullptr;
    for (const auto &f : *m_fields) {
        if (f.key == key)
            return &f;
    }
    return nullptr;
}

yaml::Node View::at(std::string_view key) const
{
    const yaml::Entry *e = findEntry(m_node, key);
    return e ? e->value : yaml::Node();
}

yaml::Node View::where(std::string_view key) const
{
    const yaml::Entry *e = findEntry(m_node, key);
    if (!e)
        return m_node;
    return e->value.isNull() ? e->key : e->value;
}

bool View::has(std::string_view key) const
{
    const yaml::Node n = at(key);
    if (n.isNull())
        return false;
    // A value of the wrong kind was refused by the checker: rules treat it as absent.
    const Field *f = field(key);
    if (!f)
        return true;
    switch (f->kind) {
    case Kind::Object:
    case Kind::Map:
        return n.isMapping();
    case Kind::List:
        return n.isSequence();
    case Kind::Any:
    case Kind::SecretRef:
        return true;
    default:
        return n.isScalar();
    }
}

std::string View::path(std::string_view key) const
{
    return child(m_path, key);
}

yaml::Node View::valueOrDefault(std::string_view key) const
{
    yaml::Node n = at(key);
    if (!n.isNull())
        return n;
    const Field *f = field(key);
    if (!f || f->defaultValue.empty())
        return n;
    // Defaults are tiny; parsing them on use keeps Field a plain value.
    return parseDefault(f->defaultValue);
}

std::optional<std::string> View::string(std::string_view key) const
{
    return readGoString(valueOrDefault(key));
}

std::string View::text(std::string_view key) const
{
    return string(key).value_or(std::string());
}

std::optional<long long> View::integer(std::string_view key) const
{
    const yaml::Node n = valueOrDefault(key);
    const Field *f = field(key);
    if (f && f->kind == Kind::Nanoseconds && !n.isPlain())
        return std::nullopt;
    return intValue(n);
}

std::optional<double> View::number(std::string_view key) const
{
    return floatValue(valueOrDefault(key));
}

std::optional<bool> View::boolean(std::string_view key) const
{
    return boolValue(valueOrDefault(key));
}

std::vector<std::string> View::strings(std::string_view key) const
{
    std::vector<std::string> out;
    for (const auto &item : valueOrDefault(key).items()) {
        if (auto s = readGoString(item))
            out.push_back(*s);
    }
    return out;
}

std::vector<std::pair<std::string, std::string>> View::stringMap(std::string_view key) const
{
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto &e : valueOrDefault(key).entries()) {
        if (e.value.isNull() || e.value.isScalar())
            out.emplace_back(e.key.scalar(), readGoString(e.value).value_or(std::string()));
    }
    return out;
}

std::optional<View> View::object(std::string_view key) const
{
    const yaml::Node n = valueOrDefault(key);
    if (!n.isMapping())
        return std::nullopt;
    const Field *f = field(key);
    return View(n, f ? &f->fields : nullptr, path(key));
}

std::vector<View> View::objects(std::string_view key) const
{
    std::vector<View> out;
    const Field *f = field(key);
    std::size_t i = 0;
    for (const auto &item : valueOrDefault(key).items()) {
        if (item.isMapping())
            out.emplace_back(item, f ? &f->fields : nullptr, index(path(key), i));
        ++i;
    }
    return out;
}

std::optional<SecretRef> View::secret(std::string_view key) const
{
    const yaml::Node n = at(key);
    if (n.isNull())
        return std::nullopt;
    auto ref = parseSecretRef(n);
    return ref ? std::optional(*ref) : std::nullopt;
}

// --- checking ------------------------------------------------------------------------------

Checked check(const TypeSchema &schema, const yaml::Node &root, const std::string &path)
{
    Checked out;
    out.schema = &schema;
    out.view = View(root, &schema.fields, path);
    if (schema.freeForm)
        return out;
    if (root.isNull()) {
        out.report.v010(root, path, "event source can't be nil", "nil");
        return out;
    }
    if (!root.isMapping()) {
        out.report.error(root, path, "expected a mapping of keys to values, found " + yaml::describe(root), "type", Stage::Parse);
        return out;
    }
    Checker(out.report).object(root, schema.fields, path, schema.open, root);
    for (const auto &rule : schema.rules)
        rule.check(out.view, out.report);
    return out;
}

Checked checkText(const TypeSchema &schema, std::string_view text)
{
    auto root = yaml::parseSingle(text, "config");
    if (!root) {
        Checked out;
        out.schema = &schema;
        Diagnostic d;
        d.stage = Stage::Parse;
        d.rule = "yaml";
        d.message = root.error().message;
        // where is "config:L:C" when the parser knows the place.
        const std::string &w = root.error().where;
        if (const auto c2 = w.rfind(':'); c2 != std::string::npos && c2 > 0) {
            if (const auto c1 = w.rfind(':', c2 - 1); c1 != std::string::npos) {
                const auto line = parseDecimal(std::string_view(w).substr(c1 + 1, c2 - c1 - 1));
                const auto col = parseDecimal(std::string_view(w).substr(c2 + 1));
                if (line && col) {
                    d.start.line = static_cast<int>(*line) - 1;
                    d.start.column = static_cast<int>(*col) - 1;
                    d.start.offset = yaml::LineIndex(text).offset(d.start.line, d.start.column);
                    d.end = d.start;
                }
            }
        }
        out.report.add(std::move(d));
        return out;
    }
    return check(schema, *root);
}

std::string verdict(const Checked &checked)
{
    const Diagnostic *first = checked.report.firstError(checked.schema ? checked.schema->validationOrder : std::vector<std::string> {});
    if (!first)
        return {};
    std::string out = first->stage == Stage::Parse ? "failed to parse event source. err: " : "failed to validate event source. err: ";
    out += first->reason();
    const auto errors = std::count_if(
        checked.report.diagnostics().begin(), checked.report.diagnostics().end(), [](const Diagnostic &d) { return d.isError(); });
    if (errors > 1)
        out += " (and " + std::to_string(errors - 1) + " more " + (errors == 2 ? "problem" : "problems") + ")";
    return out;
}

void checkAcross(const TypeSchema &schema, const std::vector<SourceEntry> &sources)
{
    for (const auto &rule : schema.setRules)
        rule.check(sources);
}

// --- description as JSON -------------------------------------------------------------------

namespace {
void appendField(std::string &out, const Field &f)
{
    const auto str = [&out](const char *name, const std::string &v, bool always = false) {
        if (v.empty() && !always)
            return;
        out += ",\"";
        out += name;
        out += "\":";
        json::appendString(out, v);
    };
    out += "{\"key\":";
    json::appendString(out, f.key);
    str("kind", toString(f.kind), true);
    if (f.kind == Kind::List || f.kind == Kind::Map)
        str("element", toString(f.element), true);
    out += ",\"required\":";
    out += f.required ? "true" : "false";
    str("requiredMessage", f.requiredMessage);
    str("default", f.defaultValue);
    if (!f.allowed.empty()) {
        out += ",\"allowed\":[";
        for (std::size_t i = 0; i < f.allowed.size(); ++i) {
            if (i)
                out += ',';
            json::appendString(out, f.allowed[i]);
        }
        out += ']';
    }
    if (f.min)
        out += ",\"min\":" + number(*f.min);
    if (f.max)
        out += ",\"max\":" + number(*f.max);
    str("description", f.description);
    str("example", f.example);
    str("origin", toString(f.origin), true);
    str("since", f.since);
    if (f.secret)
        out += ",\"secret\":true";
    if (f.open)
        out += ",\"open\":true";
    str("modernKey", f.modernKey);
    if (!f.fields.empty()) {
        out += ",\"fields\":[";
        for (std::size_t i = 0; i < f.fields.size(); ++i) {
            if (i)
                out += ',';
            appendField(out, f.fields[i]);
        }
        out += ']';
    }
    out += '}';
}

template<class R>
void appendRules(std::string &out, const char *name, const std::vector<R> &rules)
{
    out += ",\"";
    out += name;
    out += "\":[";
    for (std::size_t i = 0; i < rules.size(); ++i) {
        if (i)
            out += ',';
        out += "{\"id\":";
        json::appendString(out, rules[i].id);
        out += ",\"description\":";
        json::appendString(out, rules[i].description);
        out += '}';
    }
    out += ']';
}
} // namespace

std::string toJson(const TypeSchema &schema)
{
    std::string out = "{\"type\":";
    json::appendString(out, schema.type);
    out += ",\"title\":";
    json::appendString(out, schema.title);
    out += ",\"description\":";
    json::appendString(out, schema.description);
    out += ",\"reference\":";
    json::appendString(out, schema.reference);
    out += ",\"modernSection\":";
    json::appendString(out, schema.modernSection);
    out += ",\"freeForm\":";
    out += schema.freeForm ? "true" : "false";
    out += ",\"fields\":[";
    for (std::size_t i = 0; i < schema.fields.size(); ++i) {
        if (i)
            out += ',';
        appendField(out, schema.fields[i]);
    }
    out += ']';
    appendRules(out, "rules", schema.rules);
    appendRules(out, "setRules", schema.setRules);
    out += '}';
    return out;
}

// --- small text helpers --------------------------------------------------------------------

std::optional<std::string> readString(const yaml::Node &node)
{
    return readGoString(node);
}

std::string closest(std::string_view word, const std::vector<std::string> &candidates)
{
    const std::string w = lower(word);
    std::string best;
    std::size_t bestDistance = 3;
    for (const auto &c : candidates) {
        const std::string l = lower(c);
        // Edit distance with transpositions (optimal string alignment), small strings only.
        if (w.size() > 64 || l.size() > 64)
            continue;
        std::vector<std::vector<std::size_t>> d(w.size() + 1, std::vector<std::size_t>(l.size() + 1));
        for (std::size_t i = 0; i <= w.size(); ++i)
            d[i][0] = i;
        for (std::size_t j = 0; j <= l.size(); ++j)
            d[0][j] = j;
        for (std::size_t i = 1; i <= w.size(); ++i) {
            for (std::size_t j = 1; j <= l.size(); ++j) {
                d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (w[i - 1] == l[j - 1] ? 0 : 1)});
                if (i > 1 && j > 1 && w[i - 1] == l[j - 2] && w[i - 2] == l[j - 1])
                    d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
        std::size_t distance = d[w.size()][l.size()];
        // A prefix is a likely slip too (ADD for ADDED).
        if (w.size() >= 3 && w.size() < l.size() && l.compare(0, w.size(), w) == 0)
            distance = std::min<std::size_t>(distance, 1);
        if (distance < bestDistance && distance * 3 <= std::max(w.size(), l.size())) {
            bestDistance = distance;
            best = c;
        }
    }
    return best;
}

std::string choices(const std::vector<std::string> &values, std::string_view last)
{
    std::string out;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i)
            out += i + 1 == values.size() ? " " + std::string(last) + " " : ", ";
        out += values[i];
    }
    return out;
}

} // namespace gs::schema
