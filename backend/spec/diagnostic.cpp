#include "diagnostic.h"

#include <algorithm>

#include "core/json.h"
#include "core/printable.h"

namespace gs {

const char *toString(Severity s)
{
    return s == Severity::Error ? "error" : "warning";
}

std::string Diagnostic::toLine() const
{
    std::string out = file.empty() ? std::string("-") : file;
    out += ":" + std::to_string(std::max(line, 1)) + ":" + std::to_string(std::max(column, 1)) + ": ";
    out += toString(severity);
    out += ": ";
    out += path.empty() ? std::string(".") : path;
    out += ": ";
    out += message;
    return printable(out, 8192);
}

std::string Diagnostic::toJson() const
{
    std::string out = "{\"file\":";
    json::appendString(out, file);
    out += ",\"line\":" + std::to_string(line) + ",\"column\":" + std::to_string(column) + ",\"severity\":";
    json::appendString(out, toString(severity));
    out += ",\"path\":";
    json::appendString(out, path);
    out += ",\"message\":";
    json::appendString(out, message);
    out += ",\"rule\":";
    json::appendString(out, rule);
    out += ",\"endLine\":" + std::to_string(endLine) + ",\"endColumn\":" + std::to_string(endColumn) + "}";
    return out;
}

std::string Diagnostic::reason() const
{
    std::string out = standalone || path.empty() ? message : path + ": " + message;
    if (stage == Stage::Parse && start.valid())
        out += " (line " + std::to_string(start.line + 1) + ", column " + std::to_string(start.column + 1) + ")";
    return out;
}

void sortDiagnostics(std::vector<Diagnostic> &diagnostics)
{
    std::stable_sort(diagnostics.begin(), diagnostics.end(),
        [](const Diagnostic &a, const Diagnostic &b) { return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column); });
}

bool hasErrors(const std::vector<Diagnostic> &diagnostics)
{
    return std::any_of(diagnostics.begin(), diagnostics.end(), [](const Diagnostic &d) { return d.isError(); });
}

std::string diagnosticsToJson(const std::vector<Diagnostic> &diagnostics)
{
    std::string out = "[";
    for (std::size_t i = 0; i < diagnostics.size(); ++i) {
        if (i)
            out += ",\n ";
        out += diagnostics[i].toJson();
    }
    out += "]";
    return out;
}

} // namespace gs
