#pragma once
// Masking secrets in broker URLs before they are shown or logged (decisions §6, §8).

#include <string>
#include <string_view>

namespace gs {

/**
 * `url` with its password masked, for messages and the UI: `nats://alice:s3cret@host:4222` becomes
 * `nats://alice:***@host:4222`, a token or lone user-info (`nats://t0k3n@host`) becomes `***`, and
 * query values whose key names a secret (password, token, secret, key, ...) become `***`. Handles
 * comma-separated server lists (`nats://a:p@h1:4222,nats://a:p@h2:4222`) and URLs without a scheme.
 */
[[nodiscard]] std::string redactBrokerUrl(std::string_view url);

} // namespace gs
