#pragma once
// The schemas of every event-source type of spec §6, whether or not this build runs it, plus the
// free-form schema of custom types. The validator, the CLI and the editor look types up here.

#include <string_view>
#include <vector>

#include "spec/schema.h"

namespace gs {

/** The schema of `type` (calendar, webhook, resource, artifact, nats, mqtt, kafka, amqp), or nullptr. */
[[nodiscard]] const schema::TypeSchema *sourceSchema(std::string_view type);
/** The eight schemas, in spec order. */
[[nodiscard]] const std::vector<const schema::TypeSchema *> &sourceSchemas();
/** Any YAML: what a custom gateway type gets (its server is the judge). */
[[nodiscard]] const schema::TypeSchema &customSchema();

} // namespace gs
