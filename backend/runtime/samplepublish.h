#pragma once
// "Send a test message" for stream sources: publishes to the broker, subject, topic or exchange a
// source of a Gateway's ConfigMap listens to, through SourceType::publishSample (one implementation
// per broker). Shared by `gwctl publish` and the app.

#include <string>

#include "core/result.h"
#include "spec/manifests.h"

namespace gs {

/** True for the types whose sources read from a broker and so take test messages (nats, mqtt, kafka, amqp). */
[[nodiscard]] bool takesTestMessages(const std::string &type);

/** The default test message: a small JSON object naming the gateway, the source and the time. */
[[nodiscard]] std::string sampleMessage(const std::string &gateway, const std::string &source);

/**
 * Publishes `data` once where source `key` of `configMap` (run by `gateway`) listens. Blocks for at
 * most a few seconds; returns where it went, secrets masked. Fails for a key that is not there, a
 * type that reads from no broker, an invalid config or a broker that does not take the message.
 */
[[nodiscard]] Result<std::string> publishSample(
    const Gateway &gateway, const ConfigMap &configMap, const std::string &key, const std::string &data, const std::string &secretsDir);

} // namespace gs
