// gwctl convert, new and schema: authoring Gateways and their event sources from the schemas.

#include <cstdio>

#include "commands.h"
#include "common.h"
#include "sources/schemas.h"
#include "spec/convert.h"
#include "spec/newtemplate.h"
#include "spec/objectschemas.h"
#include "spec/yaml.h"
#include "spec/yamlwrite.h"

namespace gs::cli {

namespace {

const char kTypes[] = "calendar, webhook, resource, artifact, nats, mqtt, kafka or amqp";

void writeOut(const std::string &text)
{
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
}

} // namespace

int convertCommand(const QStringList &args)
{
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Files holding the objects to convert."), QStringLiteral("FILE..."));
    p.addOption({QStringLiteral("to"),
        QStringLiteral("eventsource: v0.10 Gateways and their ConfigMaps -> the modern EventSource; gateway: EventSources (v0.12 or "
                       "v0.17+) -> v0.10 Gateways and ConfigMaps."),
        QStringLiteral("format")});
    addLogLevelOption(p);
    if (int rc = parseOrExit(p, args,
            QStringLiteral(
                "Convert between v0.10 Gateway + ConfigMap and the modern EventSource. The result goes to stdout; what does not carry "
                "over is reported on stderr as file:line:col: warning: path: message."));
        rc >= 0)
        return rc;
    if (!applyLogLevel(p))
        return kUsage;
    const QString to = p.value(QStringLiteral("to"));
    if (to != u"eventsource" && to != u"gateway") {
        printError("--to: expected eventsource or gateway, found '" + to.toStdString() + "'");
        return kUsage;
    }
    if (p.positionalArguments().isEmpty()) {
        printError("no file given (see --help)");
        return kUsage;
    }
    std::vector<InputFile> files;
    for (const QString &path : p.positionalArguments()) {
        auto text = yaml::readFile(path.toStdString());
        if (!text) {
            printError(text.error().text());
            return kFailure;
        }
        files.push_back({path.toStdString(), std::move(*text)});
    }
    const SchemaLookup lookup = [](std::string_view type) { return sourceSchema(type); };
    auto result = to == u"eventsource" ? toEventSource(files, lookup) : toGateway(files, lookup, sourceSchemas());
    if (!result) {
        printError(result.error().text());
        return kFailure;
    }
    sortDiagnostics(result->warnings);
    for (const auto &w : result->warnings)
        std::fprintf(stderr, "%s\n", w.toLine().c_str());
    writeOut(yaml::write(result->documents));
    return kOk;
}

int newCommand(const QStringList &args)
{
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("TYPE"), QString::fromLatin1(kTypes), QStringLiteral("TYPE"));
    p.addOption({QStringLiteral("name"), QStringLiteral("Prefix of the objects' names (default: the type)."), QStringLiteral("name")});
    addLogLevelOption(p);
    if (int rc = parseOrExit(
            p, args, QStringLiteral("Print a commented Gateway and event-source ConfigMap for a gateway type, valid as written."));
        rc >= 0)
        return rc;
    if (!applyLogLevel(p))
        return kUsage;
    if (p.positionalArguments().size() != 1) {
        printError(std::string("expected one type: ") + kTypes);
        return kUsage;
    }
    const std::string type = p.positionalArguments().first().toStdString();
    const auto *s = sourceSchema(type);
    if (!s) {
        printError("unknown type '" + type + "'; expected " + kTypes);
        return kUsage;
    }
    const std::string name = p.isSet(QStringLiteral("name")) ? p.value(QStringLiteral("name")).toStdString() : type;
    if (!configMapKeyProblem(name).empty() || name.find('.') != std::string::npos) {
        printError("--name: expected letters, digits and '-', found '" + name + "'");
        return kUsage;
    }
    writeOut(newGatewayPair(*s, name));
    return kOk;
}

int schemaCommand(const QStringList &args)
{
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("TYPE"),
        QStringLiteral("A source type (%1), Gateway or ConfigMap; all of them when omitted.").arg(QString::fromLatin1(kTypes)),
        QStringLiteral("[TYPE]"));
    addLogLevelOption(p);
    if (int rc = parseOrExit(p, args,
            QStringLiteral(
                "Print the schema a form editor is generated from, as JSON: fields (key, kind, required, default, allowed values, "
                "description, example, origin) and rules."));
        rc >= 0)
        return rc;
    if (!applyLogLevel(p))
        return kUsage;
    const QStringList pos = p.positionalArguments();
    if (pos.size() > 1) {
        printError("expected at most one type");
        return kUsage;
    }
    std::vector<const schema::TypeSchema *> all {&gatewaySchema(), &configMapSchema()};
    for (const auto *s : sourceSchemas())
        all.push_back(s);
    if (pos.isEmpty()) {
        std::string out = "[";
        for (std::size_t i = 0; i < all.size(); ++i)
            out += (i ? ",\n " : "") + schema::toJson(*all[i]);
        printLine(out + "]");
        return kOk;
    }
    for (const auto *s : all) {
        if (QString::fromStdString(s->type) == pos.first()) {
            printLine(schema::toJson(*s));
            return kOk;
        }
    }
    printError("unknown type '" + pos.first().toStdString() + "'; expected " + kTypes + ", Gateway or ConfigMap");
    return kUsage;
}

} // namespace gs::cli
