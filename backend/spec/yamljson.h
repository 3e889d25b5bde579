#pragma once
// A YAML value as JSON, the way Argo's ghodss/yaml converts it (YAML 1.1 typing of plain scalars):
// used for values copied into payloads as raw JSON (calendar `userPayload`).

#include <string>

#include "core/result.h"
#include "yamlnode.h"

namespace gs::yaml {

/** Compact JSON of `node`; an undefined node is `null`. `path` names the field in errors (".inf" has no JSON form). */
[[nodiscard]] Result<std::string> toJson(const Node &node, const std::string &path);

} // namespace gs::yaml
