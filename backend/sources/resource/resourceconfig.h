#pragma once
// The Kubernetes resource event-source config: its schema (v0.10's keys, spec §6.3, PC-16) and the
// typed config the resource runtime reads through it.

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "spec/schema.h"

namespace gs::resource {

struct Filter {
    std::string prefix; ///< metadata.name starts with it ("" passes everything)
    std::vector<std::pair<std::string, std::string>> labels; ///< exact matches; empty: no label filter (PC-16)
    std::vector<std::pair<std::string, std::string>> annotations;
    std::optional<std::chrono::sys_time<std::chrono::nanoseconds>> createdBy; ///< created at or before
};

struct Config {
    std::string ns; ///< empty: all namespaces
    std::string group; ///< empty: the core group
    std::string version;
    std::string kind; ///< a Kind (Pod), not a resource name (pods)
    std::string type; ///< ADDED, MODIFIED, DELETED, ERROR; empty: all
    Filter filter;
};

[[nodiscard]] const schema::TypeSchema &schema();
[[nodiscard]] Config readConfig(const schema::View &view);
[[nodiscard]] Result<Config> loadConfig(std::string_view text);

/** Why `key` is not a Kubernetes label key, or nullopt. */
[[nodiscard]] std::optional<std::string> labelKeyProblem(std::string_view key);
/** Why `value` is not a Kubernetes label value, or nullopt. */
[[nodiscard]] std::optional<std::string> labelValueProblem(std::string_view value);

} // namespace gs::resource
