// gwctl fmt: the canonical layout of a YAML file, comments kept; on stdout or in place.

#include <cstdio>

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include "commands.h"
#include "common.h"
#include "spec/yaml.h"
#include "spec/yamlwrite.h"

namespace gs::cli {

int fmtCommand(const QStringList &args)
{
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("YAML files (several documents each)."), QStringLiteral("FILE..."));
    p.addOption({QStringLiteral("write"), QStringLiteral("Rewrite the files in place instead of printing (only when they change).")});
    p.addOption({QStringLiteral("check"), QStringLiteral("Print nothing; exit 1 if a file is not in canonical layout.")});
    addLogLevelOption(p);
    if (int rc = parseOrExit(p, args,
            QStringLiteral("Write YAML files in canonical layout: 2-space indentation, block style, key order, unknown fields and comments "
                           "kept, ConfigMap data as literal blocks, strings a YAML 1.1 reader would misread quoted. Idempotent."));
        rc >= 0)
        return rc;
    if (!applyLogLevel(p))
        return kUsage;
    const QStringList files = p.positionalArguments();
    const bool write = p.isSet(QStringLiteral("write"));
    const bool check = p.isSet(QStringLiteral("check"));
    if (files.isEmpty()) {
        printError("no file given (see --help)");
        return kUsage;
    }
    if (files.size() > 1 && !write && !check) {
        printError("several files need --write or --check");
        return kUsage;
    }
    int rc = kOk;
    for (const QString &file : files) {
        const std::string path = file.toStdString();
        auto text = yaml::readFile(path);
        if (!text) {
            printError(text.error().text());
            rc = kFailure;
            continue;
        }
        auto formatted = yaml::format(*text, path);
        if (!formatted) {
            printError(formatted.error().text());
            rc = kFailure;
            continue;
        }
        if (check) {
            if (*formatted != *text) {
                printWarning(path + ": not in canonical layout (gwctl fmt --write " + path + ")");
                rc = kFailure;
            }
        } else if (write) {
            if (*formatted == *text)
                continue;
            // QSaveFile writes a temporary file and renames it: never a half-written file.
            QSaveFile out(file);
            out.setDirectWriteFallback(false);
            if (!out.open(QIODevice::WriteOnly) || out.write(formatted->data(), static_cast<qint64>(formatted->size())) < 0
                || !out.commit()) {
                printError(path + ": cannot write: " + out.errorString().toStdString());
                rc = kFailure;
            }
        } else {
            std::fwrite(formatted->data(), 1, formatted->size(), stdout);
            std::fflush(stdout);
        }
    }
    return rc;
}

} // namespace gs::cli
