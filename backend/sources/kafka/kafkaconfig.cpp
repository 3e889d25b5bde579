#include "kafkaconfig.h"

#include <algorithm>
#include <charconv>

#include "core/printable.h"
#include "core/redact.h"

namespace gs::kafka {

namespace {

using schema::Field;

std::optional<int> partitionNumber(const std::string &text)
{
    int v = -1;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || p != text.data() + text.size() || text.empty() || v < 0)
        return std::nullopt;
    return v;
}

void checkUrl(const schema::View &v, schema::Report &r)
{
    if (!v.has("url"))
        return;
    const std::string url = v.text("url");
    std::size_t start = 0;
    while (start <= url.size()) {
        const auto comma = url.find(',', start);
        const std::string broker = url.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        const auto colon = broker.rfind(':');
        if (broker.empty() || broker.find("://") != std::string::npos || broker.find('@') != std::string::npos || colon == std::string::npos
            || colon == 0
            || colon + 1 == broker.size()
            || !std::all_of(broker.begin() + static_cast<std::ptrdiff_t>(colon) + 1, broker.end(),
                [](unsigned char c) { return std::isdigit(c) != 0; })) {
            r.error(v.where("url"), v.path("url"), "expected a broker as host:port (no scheme, no user or password), found " + quoted(redactBrokerUrl(broker)),
                "kafka.url");
            return;
        }
        if (comma == std::string::npos)
            break;
        start = comma + 1;
    }
}

void checkTopic(const schema::View &v, schema::Report &r)
{
    const std::string t = v.text("topic");
    if (t.empty())
        return;
    const bool legal = t.size() <= 249 && t != "." && t != ".."
        && std::all_of(t.begin(), t.end(), [](unsigned char c) { return std::isalnum(c) || c == '.' || c == '_' || c == '-'; });
    if (!legal)
        r.error(v.where("topic"), v.path("topic"), quoted(t) + " is not a Kafka topic name (up to 249 letters, digits, '.', '_' or '-')",
            "kafka.topic");
}

/** PC-22 and decisions §6: one explicit partition without a group; none with a group. */
void checkPartition(const schema::View &v, schema::Report &r)
{
    const bool group = v.has("consumerGroup");
    const std::string p = v.text("partition");
    if (group) {
        if (v.has("partition"))
            r.error(v.where("partition"), v.path("partition"),
                "a consumer group reads every partition; remove partition (or consumerGroup for v0.10's single-partition mode)",
                "kafka.partition");
        return;
    }
    if (p.empty())
        r.v010(v.where("partition"), v.path("partition"), "partition must be specified", "kafka.partition");
    else if (!partitionNumber(p))
        r.error(
            v.where("partition"), v.path("partition"), "expected a partition number (0 or more), found " + quoted(p), "kafka.partition");
}

schema::TypeSchema makeSchema()
{
    schema::TypeSchema s;
    s.type = "kafka";
    s.title = "Kafka";
    s.description = "Consumes a Kafka topic: one partition from the newest offset (v0.10), or every partition with a consumer group.";
    s.reference = "spec §6.7, decisions §6, PC-22";
    s.modernSection = "kafka";
    s.fields = {
        Field::string("url").need("url must be specified").eg("kafka.argo-events:9092").doc("Broker as host:port."),
        Field::string("topic").need("topic must be specified").eg("topic-1").doc("Topic to consume."),
        Field::string("partition")
            .eg("\"0\"")
            .doc("Partition to read (v0.10 mode, required without consumerGroup): read from the newest offset, so messages sent "
                 "while the source is stopped are missed."),
        Field::object("consumerGroup",
            {Field::string("groupName").need().doc("Consumer group name; offsets are committed, so nothing is missed across restarts."),
                Field::boolean("oldest").byDefault("false").doc("A new group starts at the oldest offset instead of the newest.")})
            .ours("decisions §6")
            .doc("Read every partition as a consumer group with committed offsets (instead of partition)."),
        Field::object("sasl",
            {Field::oneOf("mechanism", {"PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"}).need().doc("SASL mechanism."),
                Field::string("username").need().doc("SASL user name."),
                Field::secretRef("password").need().doc("SASL password, as a secret reference.")})
            .ours("decisions §6")
            .doc("SASL authentication."),
        stream::tlsField(),
        stream::backoffField(),
    };
    s.templateKeys = {"url", "topic", "partition"};
    s.rules = {
        {"kafka.url", "url is host:port (or a comma-separated list)", checkUrl},
        {"kafka.topic", "topic is a legal Kafka topic name", checkTopic},
        {"kafka.partition", "partition is a number without consumerGroup, and absent with it", checkPartition},
        stream::tlsPairRule("kafka"),
    };
    return s;
}

} // namespace

const schema::TypeSchema &schema()
{
    static const schema::TypeSchema s = makeSchema();
    return s;
}

Config readConfig(const schema::View &v)
{
    Config c;
    c.url = v.text("url");
    c.topic = v.text("topic");
    if (const auto g = v.object("consumerGroup"))
        c.consumerGroup = ConsumerGroup {g->text("groupName"), g->boolean("oldest").value_or(false)};
    else
        c.partition = partitionNumber(v.text("partition"));
    if (const auto sasl = v.object("sasl"))
        c.sasl = Sasl {sasl->text("mechanism"), sasl->text("username"), sasl->secret("password").value_or(SecretRef {})};
    c.tls = stream::readTls(v);
    c.backoff = stream::readBackoff(v);
    return c;
}

Result<Config> loadConfig(std::string_view text)
{
    return schema::loadTyped(schema(), &readConfig, text);
}

} // namespace gs::kafka
