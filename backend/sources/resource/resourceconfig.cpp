#include "resourceconfig.h"

#include <cctype>

#include "core/printable.h"
#include "core/timefmt.h"

namespace gs::resource {

namespace {

using schema::Field;

bool alnum(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

/** A label name or value: up to 63 of [A-Za-z0-9-_.], starting and ending with a letter or digit. */
std::optional<std::string> nameProblem(std::string_view s, bool allowEmpty)
{
    if (s.empty())
        return allowEmpty ? std::nullopt : std::optional<std::string>("it is empty");
    if (s.size() > 63)
        return "it is longer than 63 characters";
    for (char c : s) {
        if (!alnum(c) && c != '-' && c != '_' && c != '.')
            return "it may only hold letters, digits, '-', '_' and '.'";
    }
    if (!alnum(s.front()) || !alnum(s.back()))
        return "it must start and end with a letter or digit";
    return std::nullopt;
}

void checkVersion(const schema::View &v, schema::Report &r)
{
    const std::string version = v.text("version");
    if (const auto slash = version.find('/'); slash != std::string::npos)
        r.error(v.where("version"), v.path("version"),
            "version is the API version alone (" + quoted(version.substr(slash + 1)) + "); put the group "
                + quoted(version.substr(0, slash)) + " in group",
            "resource.version");
}

void checkKind(const schema::View &v, schema::Report &r)
{
    const std::string kind = v.text("kind");
    if (!kind.empty() && std::islower(static_cast<unsigned char>(kind.front())))
        r.warning(v.where("kind"), v.path("kind"),
            "kind is a Kind such as Pod or Workflow, matched exactly; " + quoted(kind) + " looks like a resource name", "resource.kind");
}

void checkLabels(const schema::View &v, schema::Report &r)
{
    const auto filter = v.object("filter");
    if (!filter)
        return;
    const yaml::Node labels = filter->at("labels");
    for (const auto &e : labels.entries()) {
        const std::string &key = e.key.scalar();
        // A key may carry a DNS-subdomain prefix: example.com/name.
        const auto slash = key.rfind('/');
        const std::string_view name = slash == std::string::npos ? std::string_view(key) : std::string_view(key).substr(slash + 1);
        if (auto p = nameProblem(name, false); p || (slash != std::string::npos && (slash == 0 || slash > 253)))
            r.error(e.key, filter->path("labels") + "." + key,
                quoted(key) + " is not a label key: " + p.value_or("its prefix is empty or too long"), "resource.labels");
        else if (auto value = schema::readString(e.value); value) {
            if (auto vp = nameProblem(*value, true))
                r.error(e.value, filter->path("labels") + "." + key, quoted(*value) + " is not a label value: " + *vp, "resource.labels");
        }
    }
}

schema::TypeSchema makeSchema()
{
    schema::TypeSchema s;
    s.type = "resource";
    s.title = "Kubernetes resource";
    s.description = "Watches Kubernetes objects of one kind; each matching watch event's object is an event.";
    s.reference = "spec §6.3, decisions §7, PC-16";
    s.modernSection = "resource";
    s.fields = {
        Field::string("namespace").eg("argo-events").doc("Namespace to watch; empty: all namespaces."),
        Field::string("group").eg("\"\"").doc("API group; empty: the core group."),
        Field::string("version").need("resource version must be specified").eg("v1").doc("API version, e.g. v1 or v1alpha1."),
        Field::string("kind")
            .need("resource kind must be specified")
            .eg("Pod")
            .modern("resource")
            .doc("Kind to watch, e.g. Pod or Workflow (a Kind, not the plural resource name)."),
        Field::oneOf("type", {"ADDED", "MODIFIED", "DELETED", "ERROR"})
            .modern("eventTypes")
            .eg("ADDED")
            .doc("Watch event type to pass; empty: all. (ADD, UPDATE and DELETE are the names of v0.11 and later.)"),
        Field::object("filter",
            {Field::string("prefix").doc("metadata.name must start with it; empty passes everything."),
                Field::map("labels").doc("Labels the object must carry with exactly these values; {} is no filter."),
                Field::map("annotations").modern("-").doc("Annotations the object must carry with exactly these values."),
                Field::time("createdBy").doc("Only objects created at or before this RFC 3339 time.")})
            .doc("Which objects pass."),
    };
    s.templateKeys = {"namespace", "group", "version", "kind", "type"};
    s.rules = {
        {"resource.version", "version holds no group", checkVersion},
        {"resource.kind", "kind looks like a Kind (warning)", checkKind},
        {"resource.labels", "filter.labels are valid label keys and values", checkLabels},
    };
    return s;
}

} // namespace

std::optional<std::string> labelKeyProblem(std::string_view key)
{
    const auto slash = key.rfind('/');
    return nameProblem(slash == std::string_view::npos ? key : key.substr(slash + 1), false);
}

std::optional<std::string> labelValueProblem(std::string_view value)
{
    return nameProblem(value, true);
}

const schema::TypeSchema &schema()
{
    static const schema::TypeSchema s = makeSchema();
    return s;
}

Config readConfig(const schema::View &v)
{
    Config c;
    c.ns = v.text("namespace");
    c.group = v.text("group");
    c.version = v.text("version");
    c.kind = v.text("kind");
    c.type = v.text("type");
    if (const auto f = v.object("filter")) {
        c.filter.prefix = f->text("prefix");
        c.filter.labels = f->stringMap("labels");
        c.filter.annotations = f->stringMap("annotations");
        if (f->has("createdBy"))
            c.filter.createdBy = parseRfc3339(f->text("createdBy"));
    }
    return c;
}

Result<Config> loadConfig(std::string_view text)
{
    return schema::loadTyped(schema(), &readConfig, text);
}

} // namespace gs::resource
