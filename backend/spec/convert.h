#pragma once
// v0.10 Gateway + event-source ConfigMap <-> the modern EventSource resource (decisions §10, spec
// §9): lossless where the formats overlap, a warning (with file, line, column and path) for every
// field that has no counterpart. Field renames come from the source schemas (Field::modernKey).

#include <string>
#include <vector>

#include "diagnostic.h"
#include "validator.h"
#include "yamlnode.h"

namespace gs {

struct Conversion {
    std::vector<yaml::Node> documents; ///< the objects written, in order
    std::vector<Diagnostic> warnings; ///< what did not carry over
};

/** Every Gateway of `files` with the ConfigMap it names -> one EventSource per Gateway (v0.17+ shape). */
[[nodiscard]] Result<Conversion> toEventSource(const std::vector<InputFile> &files, const SchemaLookup &schemas);

/**
 * Every EventSource of `files` (v0.17+ shape, or v0.12's with spec.type) -> one Gateway and one
 * ConfigMap per event-source type it holds.
 */
[[nodiscard]] Result<Conversion> toGateway(
    const std::vector<InputFile> &files, const SchemaLookup &schemas, const std::vector<const schema::TypeSchema *> &known);

} // namespace gs
