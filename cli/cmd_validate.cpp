// gwctl validate: every problem in Gateway and ConfigMap files, one line each, or JSON.

#include <cstdio>

#include "commands.h"
#include "common.h"
#include "sources/schemas.h"
#include "spec/validator.h"
#include "spec/yaml.h"

namespace gs::cli {

int validateCommand(const QStringList &args)
{
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("FILE"),
        QStringLiteral("Gateway and ConfigMap files (several documents each); checked together."), QStringLiteral("FILE..."));
    p.addOption({QStringLiteral("output"), QStringLiteral("text (default: file:line:col: severity: path: message) or json."),
        QStringLiteral("format"), QStringLiteral("text")});
    p.addOption({QStringLiteral("type"),
        QStringLiteral("Check ConfigMaps that no given Gateway names as sources of this type (default: guessed from their keys)."),
        QStringLiteral("type")});
    p.addOption({QStringLiteral("local"),
        QStringLiteral("Report what only a v0.10 controller in a cluster needs (labels, pod template, watchers) as warnings.")});
    addLogLevelOption(p);
    if (int rc = parseOrExit(
            p, args, QStringLiteral("Validate Gateway and event-source ConfigMap files. Exit code 1 when there is an error, 0 otherwise."));
        rc >= 0)
        return rc;
    if (!applyLogLevel(p))
        return kUsage;
    const QString output = p.value(QStringLiteral("output"));
    if (output != u"text" && output != u"json") {
        printError("--output: expected text or json, found '" + output.toStdString() + "'");
        return kUsage;
    }
    if (p.positionalArguments().isEmpty()) {
        printError("no file given (see --help)");
        return kUsage;
    }
    ValidateOptions options;
    options.sourceSchema = [](std::string_view type) { return sourceSchema(type); };
    options.knownSchemas = sourceSchemas();
    options.type = p.value(QStringLiteral("type")).toStdString();
    options.local = p.isSet(QStringLiteral("local"));
    if (!options.type.empty() && !sourceSchema(options.type)) {
        printError(
            "--type: expected one of calendar, webhook, resource, artifact, nats, mqtt, kafka or amqp, found '" + options.type + "'");
        return kUsage;
    }

    std::vector<InputFile> files;
    std::vector<Diagnostic> unreadable;
    for (const QString &path : p.positionalArguments()) {
        const std::string name = path.toStdString();
        auto text = yaml::readFile(name);
        if (!text) {
            Diagnostic d;
            d.file = name;
            d.line = d.column = d.endLine = d.endColumn = 1;
            d.message = text.error().message;
            d.rule = "file";
            unreadable.push_back(std::move(d));
            continue;
        }
        files.push_back({name, std::move(*text)});
    }
    auto diagnostics = validateFiles(files, options);
    diagnostics.insert(diagnostics.begin(), unreadable.begin(), unreadable.end());

    if (output == u"json") {
        printLine(diagnosticsToJson(diagnostics));
    } else {
        for (const auto &d : diagnostics)
            printLine(d.toLine());
    }
    const auto errors = std::count_if(diagnostics.begin(), diagnostics.end(), [](const Diagnostic &d) { return d.isError(); });
    const auto warnings = static_cast<std::ptrdiff_t>(diagnostics.size()) - errors;
    if (output == u"text" && !diagnostics.empty())
        std::fprintf(stderr, "gwctl: %td error%s, %td warning%s\n", errors, errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
    return errors > 0 ? kFailure : kOk;
}

} // namespace gs::cli
