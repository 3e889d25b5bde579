#include "samplepublish.h"

#include "core/json.h"
#include "core/timefmt.h"
#include "sources/registry.h"

namespace gs {

bool takesTestMessages(const std::string &type)
{
    return type == "nats" || type == "mqtt" || type == "kafka" || type == "amqp";
}

std::string sampleMessage(const std::string &gateway, const std::string &source)
{
    std::string out = "{\"message\":\"test message from Gateway Studio\",\"gateway\":";
    json::appendString(out, gateway);
    out += ",\"source\":";
    json::appendString(out, source);
    out += ",\"time\":";
    json::appendString(out, formatRfc3339(nowNanos()));
    out += '}';
    return out;
}

Result<std::string> publishSample(
    const Gateway &gateway, const ConfigMap &configMap, const std::string &key, const std::string &data, const std::string &secretsDir)
{
    const std::string *value = nullptr;
    std::string keys;
    for (const auto &[k, v] : configMap.data) {
        keys += (keys.empty() ? "" : ", ") + k;
        if (k == key)
            value = &v;
    }
    if (!value)
        return fail(
            "ConfigMap " + configMap.meta.name + " has no event source '" + key + "'" + (keys.empty() ? "" : " (it has: " + keys + ")"));
    SourceEnvironment env;
    env.secretsDir = secretsDir;
    auto type = makeSourceType(gateway.type, env);
    if (!type)
        return fail("gateway type '" + gateway.type + "' is not bundled: gwctl cannot publish to its sources");
    auto where = type->publishSample(SourceSpec {"", key, *value, kEventSourceVersion}, data);
    if (!where)
        return fail(key + ": " + where.error().text());
    return where;
}

} // namespace gs
