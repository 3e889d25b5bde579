#pragma once
// The artifact (MinIO bucket notification) event-source config: its schema (v0.10's keys, spec
// §6.4, PC-17) and the typed config the artifact runtime reads through it.

#include <string>
#include <vector>

#include "core/result.h"
#include "spec/schema.h"

namespace gs::artifact {

struct Config {
    std::string endpoint; ///< host:port, no scheme
    std::string bucket;
    std::string region;
    bool insecure = false; ///< plain HTTP
    SecretRef accessKey;
    SecretRef secretKey;
    std::vector<std::string> events; ///< S3/MinIO event names
    std::string prefix; ///< object-key filter; "" when `filter` is absent (PC-17)
    std::string suffix;
};

[[nodiscard]] const schema::TypeSchema &schema();
[[nodiscard]] Config readConfig(const schema::View &view);
[[nodiscard]] Result<Config> loadConfig(std::string_view text);

/** The S3/MinIO bucket event names a notification may ask for. */
[[nodiscard]] const std::vector<std::string> &eventNames();

} // namespace gs::artifact
