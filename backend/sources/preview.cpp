#include "preview.h"

#include "calendar/calendarconfig.h"
#include "calendar/schedule.h"
#include "core/ids.h"
#include "core/json.h"
#include "spec/yaml.h"

namespace gs::preview {

namespace {

std::string field(const yaml::Node &root, std::string_view key, std::string fallback = {})
{
    const yaml::Node n = root.get(key);
    return n.isScalar() && !n.scalar().empty() ? n.scalar() : fallback;
}

std::string jsonString(std::string_view s)
{
    std::string out;
    json::appendString(out, s);
    return out;
}

/** A message body for the stream types and the webhook, whose payloads come from outside. */
std::string sampleBody(std::string_view type, std::string_view where, SysNanos at)
{
    return R"({"message":"sample )" + std::string(type) + R"( event from Gateway Studio","to":)" + jsonString(where) + R"(,"sentAt":")"
        + formatRfc3339(at) + "\"}";
}

/** An S3 notification record (spec §6.4: the first record of a notification). */
std::string artifactRecord(const yaml::Node &root, SysNanos at)
{
    const yaml::Node bucket = root.get("bucket");
    const std::string name = field(bucket, "name", "my-bucket");
    const yaml::Node events = root.get("events");
    const std::string event = events.isSequence() && events.size() > 0 && events.items()[0].isScalar() ? events.items()[0].scalar()
                                                                                                         : "s3:ObjectCreated:Put";
    const std::string key = field(root.get("filter"), "prefix") + "sample" + field(root.get("filter"), "suffix", ".txt");
    return R"({"eventVersion":"2.0","eventSource":"minio:s3","awsRegion":"","eventTime":")" + formatRfc3339(at) + R"(","eventName":)"
        + jsonString(event) + R"(,"userIdentity":{"principalId":"minio"},"requestParameters":{},"responseElements":{},)"
        + R"("s3":{"s3SchemaVersion":"1.0","configurationId":"Config","bucket":{"name":)" + jsonString(name)
        + R"(,"ownerIdentity":{"principalId":"minio"},"arn":"arn:aws:s3:::)" + name + R"("},"object":{"key":)" + jsonString(key)
        + R"(,"size":42,"sequencer":"16F1F3A55E9B6C1E"}},"source":{"host":"","port":"","userAgent":""}})";
}

/** A Kubernetes object of the watched resource (spec §6.3: the object as the API server returns it). */
std::string resourceObject(const yaml::Node &root)
{
    const std::string group = field(root, "group");
    const std::string version = field(root, "version", "v1");
    return R"({"apiVersion":)" + jsonString(group.empty() ? version : group + "/" + version) + R"(,"kind":)"
        + jsonString(field(root, "kind", "Pod")) + R"(,"metadata":{"name":"sample","namespace":)" + jsonString(field(root, "namespace", "default"))
        + R"(,"uid":"7c0b1a52-5d6e-4d8a-9a43-0d1f2f6b8e11"}})";
}

} // namespace

Result<Firings> calendarFirings(std::string_view configText, SysNanos from, int count)
{
    auto config = calendar::loadConfig(configText);
    if (!config)
        return tl::unexpected(config.error());
    auto schedule = calendar::Schedule::build(config->schedule);
    if (!schedule)
        return tl::unexpected(schedule.error());
    Firings out;
    SysNanos t = from;
    for (int i = 0; i < count; ++i) {
        const auto n = schedule->next(t, from);
        if (!n)
            break;
        if (!out.first)
            out.first = *n;
        const auto offset = schedule->zone().offsetAt(std::chrono::floor<std::chrono::seconds>(*n));
        out.lines.push_back(formatRfc3339(*n) + "  (" + formatRfc3339(*n, offset, false) + " " + schedule->zone().name() + ")");
        t = *n;
    }
    return out;
}

Event sampleEvent(std::string_view type, std::string_view configText, const std::string &gateway, const std::string &source, SysNanos at)
{
    Event ev;
    ev.id = newUuid();
    ev.time = std::chrono::floor<std::chrono::microseconds>(at);
    ev.gateway = gateway;
    ev.type = std::string(type);
    ev.source = source;
    const auto parsed = yaml::parseSingle(configText, "config");
    const yaml::Node root = parsed && parsed->isMapping() ? *parsed : yaml::Node();
    if (type == "calendar") {
        if (auto config = calendar::loadConfig(configText)) {
            auto schedule = calendar::Schedule::build(config->schedule);
            const auto next = schedule ? schedule->next(at, at) : std::nullopt;
            ev.payload = calendar::firingPayload(next.value_or(at), schedule ? schedule->zone() : calendar::Zone::utc(), config->userPayloadJson);
        } else {
            ev.payload = calendar::firingPayload(at, calendar::Zone::utc(), "null");
        }
    } else if (type == "artifact") {
        ev.payload = artifactRecord(root, at);
    } else if (type == "resource") {
        ev.payload = resourceObject(root);
    } else {
        const std::string where = type == "webhook" ? field(root, "endpoint", "/") : type == "nats" ? field(root, "subject")
            : type == "mqtt" || type == "kafka"                                                       ? field(root, "topic")
            : type == "amqp"                                                                          ? field(root, "exchangeName")
                                                                                                      : source;
        ev.payload = sampleBody(type, where, at);
    }
    ev.meta = {{"content-type", "application/json"}};
    if (type == "webhook")
        ev.meta.emplace_back("http-method", field(root, "method", "POST"));
    return ev;
}

} // namespace gs::preview
