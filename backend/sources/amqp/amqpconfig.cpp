#include "amqpconfig.h"

#include <algorithm>

#include "core/printable.h"

namespace gs::amqp {

namespace {

using schema::Field;

void checkUrl(const schema::View &v, schema::Report &r)
{
    if (!v.has("url"))
        return;
    const std::string url = v.text("url");
    const std::string scheme = stream::urlScheme(url);
    if (scheme != "amqp" && scheme != "amqps") {
        r.error(v.where("url"), v.path("url"),
            "expected an AMQP URL such as amqp://user:pass@host:5672/vhost, found a URL with scheme "
                + quoted(scheme.empty() ? std::string("(none)") : scheme),
            "amqp.url");
        return;
    }
    const auto authority = url.substr(url.find("://") + 3);
    if (authority.substr(0, authority.find('/')).find('@') != std::string::npos && v.has("auth"))
        r.warning(v.where("auth"), v.path("auth"), "credentials are given both in url and in auth; auth wins", "amqp.url");
}

void checkExchangeType(const schema::View &v, schema::Report &r)
{
    static const std::vector<std::string> kTypes {"direct", "fanout", "topic", "headers"};
    const std::string t = v.text("exchangeType");
    if (!t.empty() && std::find(kTypes.begin(), kTypes.end(), t) == kTypes.end())
        r.warning(v.where("exchangeType"), v.path("exchangeType"),
            quoted(t) + " is not a built-in exchange type (direct, fanout, topic or headers); the broker needs a plugin for it",
            "amqp.exchange-type");
}

void checkDeclare(const schema::View &v, schema::Report &r)
{
    const auto d = v.object("exchangeDeclare");
    if (d && d->boolean("skip").value_or(false) && d->has("passive") && d->boolean("passive").value_or(false))
        r.warning(d->where("passive"), d->path("passive"), "skip wins: the exchange is not declared, not even passively",
            "amqp.exchange-declare");
}

schema::TypeSchema makeSchema()
{
    schema::TypeSchema s;
    s.type = "amqp";
    s.title = "AMQP (RabbitMQ)";
    s.description = "Binds a server-named queue to an exchange with a routing key; each message's body is an event.";
    s.reference = "spec §6.8, decisions §6, PC-23";
    s.modernSection = "amqp";
    s.fields = {
        Field::string("url")
            .need("url must be specified")
            .eg("amqp://guest:guest@rabbitmq.argo-events:5672/")
            .doc("Broker URL, amqp:// or amqps://."),
        Field::string("exchangeName").need("exchange name must be specified").eg("orders").doc("Exchange to bind to."),
        Field::string("exchangeType")
            .need("exchange type must be specified")
            .eg("topic")
            .allow({"direct", "fanout", "topic", "headers"})
            .doc("Exchange type: direct, fanout, topic or headers."),
        Field::string("routingKey").need("routing key must be specified").eg("\"#\"").doc("Binding key of the queue."),
        Field::object("exchangeDeclare",
            {Field::boolean("durable").byDefault("true").doc("Declare the exchange durable."),
                Field::boolean("autoDelete").byDefault("false").doc("Delete the exchange when unused."),
                Field::boolean("internal").byDefault("false").doc("Internal exchange (no direct publishing)."),
                Field::boolean("noWait").byDefault("false").doc("Do not wait for the broker's answer."),
                Field::boolean("passive").byDefault("false").modern("-").doc(
                    "Only check that the exchange exists (avoids PRECONDITION_FAILED)."),
                Field::boolean("skip").byDefault("false").modern("-").doc("Do not declare the exchange at all.")})
            .ours("decisions §6")
            .doc("How the exchange is declared (v0.10: durable, not auto-deleted, not internal)."),
        Field::object("auth",
            {Field::string("username").need().doc("User name."),
                Field::secretRef("password").need().doc("Password, as a secret reference.")})
            .ours("decisions §6")
            .doc("Credentials, instead of writing them into url."),
        stream::tlsField(),
        stream::backoffField(),
    };
    s.validationOrder = {"url", "routingKey", "exchangeName", "exchangeType"};
    s.templateKeys = {"url", "exchangeName", "exchangeType", "routingKey"};
    s.rules = {
        {"amqp.url", "url is an AMQP URL", checkUrl},
        {"amqp.exchange-type", "exchangeType is a built-in type (warning)", checkExchangeType},
        {"amqp.exchange-declare", "skip and passive are not both set (warning)", checkDeclare},
        stream::tlsPairRule("amqp"),
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
    c.exchangeName = v.text("exchangeName");
    c.exchangeType = v.text("exchangeType");
    c.routingKey = v.text("routingKey");
    if (const auto d = v.object("exchangeDeclare")) {
        c.exchangeDeclare.durable = d->boolean("durable").value_or(true);
        c.exchangeDeclare.autoDelete = d->boolean("autoDelete").value_or(false);
        c.exchangeDeclare.internal = d->boolean("internal").value_or(false);
        c.exchangeDeclare.noWait = d->boolean("noWait").value_or(false);
        c.exchangeDeclare.passive = d->boolean("passive").value_or(false);
        c.exchangeDeclare.skip = d->boolean("skip").value_or(false);
    }
    if (const auto a = v.object("auth")) {
        c.username = a->text("username");
        c.password = a->secret("password");
    }
    c.tls = stream::readTls(v);
    c.backoff = stream::readBackoff(v);
    return c;
}

Result<Config> loadConfig(std::string_view text)
{
    return schema::loadTyped(schema(), &readConfig, text);
}

} // namespace gs::amqp
