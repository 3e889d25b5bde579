#include "mqttconfig.h"

#include <algorithm>
#include <map>

#include "core/printable.h"
#include "core/redact.h"
#include "topicfilter.h"

namespace gs::mqtt {

namespace {

using schema::Field;

void checkUrl(const schema::View &v, schema::Report &r)
{
    if (!v.has("url"))
        return;
    static const std::vector<std::string> kSchemes {"tcp", "ssl", "ws", "wss", "mqtt", "mqtts"};
    const std::string scheme = stream::urlScheme(v.text("url"));
    if (std::find(kSchemes.begin(), kSchemes.end(), scheme) == kSchemes.end())
        r.error(v.where("url"), v.path("url"),
            "expected a broker URL such as tcp://host:1883 (schemes tcp, ssl, ws, wss, mqtt, mqtts), found " + quoted(redactBrokerUrl(v.text("url"))),
            "mqtt.url");
}

void checkTopic(const schema::View &v, schema::Report &r)
{
    if (!v.has("topic"))
        return;
    if (auto problem = filterProblem(v.text("topic")))
        r.error(v.where("topic"), v.path("topic"), quoted(v.text("topic")) + " is not a valid topic filter: " + *problem, "mqtt.topic");
}

void checkClientId(const schema::View &v, schema::Report &r)
{
    const std::string id = v.text("clientId");
    if (id.empty())
        return;
    const bool plain = std::all_of(id.begin(), id.end(), [](unsigned char c) { return std::isalnum(c); });
    if (id.size() > 23 || !plain)
        r.warning(v.where("clientId"), v.path("clientId"),
            "MQTT 3.1.1 brokers must accept client ids of 1 to 23 letters and digits and may refuse others; " + quoted(id) + " is not one",
            "mqtt.client-id");
}

void checkAuth(const schema::View &v, schema::Report &r)
{
    if (v.has("password") && !v.has("username"))
        r.error(v.where("password"), v.path("password"), "a password needs a username", "mqtt.auth");
}

/** PC-21: the broker drops the older connection whenever another connects with the same client id (MQTT 3.1.1 §3.1.4). */
void checkSharedClientId(const std::vector<schema::SourceEntry> &sources)
{
    std::map<std::pair<std::string, std::string>, std::string> seen;
    for (const auto &s : sources) {
        const auto &v = *s.config;
        if (v.text("clientId").empty())
            continue;
        std::string url = v.text("url");
        std::transform(url.begin(), url.end(), url.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (auto [it, fresh] = seen.emplace(std::make_pair(url, v.text("clientId")), s.name); !fresh)
            s.report->error(v.where("clientId"), v.path("clientId"),
                "clientId " + quoted(v.text("clientId")) + " is also used by " + quoted(it->second)
                    + " on the same broker; the broker drops one connection whenever the other connects (MQTT 3.1.1 §3.1.4)",
                "mqtt.shared-client-id");
    }
}

schema::TypeSchema makeSchema()
{
    schema::TypeSchema s;
    s.type = "mqtt";
    s.title = "MQTT";
    s.description = "Subscribes to a topic filter on an MQTT broker; each message's payload is an event.";
    s.reference = "spec §6.6, decisions §6, PC-20, PC-21";
    s.modernSection = "mqtt";
    s.fields = {
        Field::string("url")
            .need("url must be specified")
            .eg("tcp://mqtt.argo-events:1883")
            .doc("Broker URL: tcp://, ssl://, ws://, wss://, mqtt:// or mqtts://."),
        Field::string("topic")
            .need("topic must be specified")
            .eg("plant/+/temperature")
            .doc("Topic filter; '+' matches one level, '#' every level below."),
        Field::string("clientId")
            .need("client id must be specified")
            .eg("gateway1")
            .doc("MQTT client id; unique per broker (the broker drops a second connection with the same id)."),
        Field::integer("qos")
            .byDefault("0")
            .range(0, 2)
            .ours("decisions §6")
            .modern("-")
            .doc("Subscription quality of service: 0, 1 or 2."),
        Field::string("username").ours("decisions §6").modern("auth.username").doc("User name for the broker."),
        Field::secretRef("password").ours("decisions §6").modern("auth.password").doc("Password for the broker, as a secret reference."),
        stream::tlsField(),
        stream::backoffField(),
    };
    s.templateKeys = {"url", "topic", "clientId"};
    s.rules = {
        {"mqtt.url", "url has an MQTT scheme", checkUrl},
        {"mqtt.topic", "topic is a valid MQTT topic filter", checkTopic},
        {"mqtt.client-id", "clientId is what every MQTT 3.1.1 broker accepts (warning)", checkClientId},
        {"mqtt.auth", "a password comes with a username", checkAuth},
        stream::tlsPairRule("mqtt"),
    };
    s.setRules = {{"mqtt.shared-client-id", "no two sources use one clientId on one broker", checkSharedClientId}};
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
    c.clientId = v.text("clientId");
    c.qos = static_cast<int>(v.integer("qos").value_or(0));
    c.username = v.text("username");
    c.password = v.secret("password");
    c.tls = stream::readTls(v);
    c.backoff = stream::readBackoff(v);
    return c;
}

Result<Config> loadConfig(std::string_view text)
{
    return schema::loadTyped(schema(), &readConfig, text);
}

} // namespace gs::mqtt
