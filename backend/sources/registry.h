#pragma once
// The bundled gateway types. A new type is one entry here plus its folder under sources/.

#include <memory>
#include <string>
#include <vector>

#include "sourcetype.h"

namespace gs {

/** Names of the bundled types, e.g. {"webhook"}. */
[[nodiscard]] std::vector<std::string> bundledTypes();
[[nodiscard]] bool isBundledType(const std::string &type);
/** A new instance of a bundled type, or nullptr if `type` is not bundled. */
[[nodiscard]] std::unique_ptr<SourceType> makeSourceType(const std::string &type, const SourceEnvironment &env);

} // namespace gs
