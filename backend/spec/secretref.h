#pragma once
// Secret references (decisions §5): {file: PATH}, {env: NAME}, {value: TEXT} or a Kubernetes
// Secret {name: SECRET, key: KEY}, read locally from `--secrets-dir DIR` as DIR/SECRET/KEY.
// Resolved values are never logged; describe() names where a secret comes from, never its value.

#include <optional>
#include <string>

#include "core/result.h"
#include "sourceconfig.h"

namespace gs {

struct SecretRef {
    enum class Kind { File, Env, Value, KubeSecret };
    Kind kind = Kind::Value;
    std::string first; ///< path, variable name, the value itself, or the Secret's name
    std::string second; ///< the Secret's key

    /** "file /path", "env NAME", "an inline value", "secret NAME/KEY". */
    [[nodiscard]] std::string describe() const;
};

/**
 * A secret reference written as `node` (a mapping with exactly one form). Errors never quote the
 * value: a plain scalar here is most likely the secret itself.
 */
[[nodiscard]] Result<SecretRef> parseSecretRef(const yaml::Node &node);

/** Reads the secret reference at `key` of `parent`; absent -> nullopt. */
[[nodiscard]] Result<std::optional<SecretRef>> readSecretRef(const SourceConfig &parent, std::string_view key);

/** The secret's value. Errors say which reference failed, never the value. */
[[nodiscard]] Result<std::string> resolveSecret(const SecretRef &ref, const std::string &secretsDir);

/** Compares two secrets in time independent of where they differ. */
[[nodiscard]] bool constantTimeEquals(std::string_view a, std::string_view b);

} // namespace gs
