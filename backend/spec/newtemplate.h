#pragma once
// `gwctl new TYPE`: a commented Gateway and event-source ConfigMap for one type, generated from the
// type's schema (descriptions become comments, examples the values), valid as written.

#include <string>

#include "schema.h"

namespace gs {

/** The pair as YAML text; `name` prefixes the objects' names ("<name>-gateway", "<name>-event-source"). */
[[nodiscard]] std::string newGatewayPair(const schema::TypeSchema &source, const std::string &name);

/** One event source's config (a ConfigMap data value) for `source`: its template keys, the others commented out. */
[[nodiscard]] std::string newSourceConfig(const schema::TypeSchema &source);

} // namespace gs
