#pragma once
// A problem found in a file: severity, location (file, line, column and the end of the span),
// field path (`data.build.method`) and a message that says what was expected.

#include <string>
#include <vector>

#include "yamlnode.h"

namespace gs {

enum class Severity { Error, Warning };

/** v0.10 reports two kinds of failure: the config does not decode ("parse") or breaks a rule ("validate"). */
enum class Stage { Parse, Validate };

struct Diagnostic {
    Severity severity = Severity::Error;
    Stage stage = Stage::Validate;
    std::string path; ///< field path, e.g. "data.build.method"; empty for the whole document
    std::string message; ///< what is wrong and what was expected
    std::string rule; ///< which check found it, e.g. "required", "webhook.duplicate-route"
    /** The message names its field on its own (v0.10's wording, e.g. "url must be specified"). */
    bool standalone = false;

    yaml::Mark start; ///< in the text the checked node came from
    yaml::Mark end;

    std::string file; ///< set when placed in a file
    int line = 0; ///< 1-based; 0 when unknown
    int column = 0;
    int endLine = 0;
    int endColumn = 0;

    [[nodiscard]] bool isError() const { return severity == Severity::Error; }
    /** "file:line:col: severity: path: message" (the `gwctl validate` line). */
    [[nodiscard]] std::string toLine() const;
    /** One JSON object with file, line, column, severity, path and message (plus rule, endLine, endColumn). */
    [[nodiscard]] std::string toJson() const;
    /**
     * The v0.10-style reason for ValidateEventSource: the message (prefixed by the path unless it
     * names its field), with "(line L, column C)" for decoding errors.
     */
    [[nodiscard]] std::string reason() const;
};

[[nodiscard]] const char *toString(Severity s);

/** Sorts by file, line, column (stable otherwise). */
void sortDiagnostics(std::vector<Diagnostic> &diagnostics);

/** True if any diagnostic is an error. */
[[nodiscard]] bool hasErrors(const std::vector<Diagnostic> &diagnostics);

/** "[{...},{...}]" */
[[nodiscard]] std::string diagnosticsToJson(const std::vector<Diagnostic> &diagnostics);

} // namespace gs
