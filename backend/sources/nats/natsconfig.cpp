#include "natsconfig.h"

#include "core/printable.h"
#include "core/redact.h"

namespace gs::nats {

namespace {

using schema::Field;

void checkUrl(const schema::View &v, schema::Report &r)
{
    if (!v.has("url"))
        return;
    const std::string scheme = stream::urlScheme(v.text("url"));
    if (!scheme.empty() && scheme != "nats" && scheme != "tls")
        r.error(v.where("url"), v.path("url"),
            "expected a NATS URL such as nats://host:4222 (schemes nats or tls), found " + quoted(redactBrokerUrl(v.text("url"))), "nats.url");
}

void checkSubject(const schema::View &v, schema::Report &r)
{
    if (!v.has("subject"))
        return;
    if (auto problem = subjectProblem(v.text("subject")))
        r.error(
            v.where("subject"), v.path("subject"), quoted(v.text("subject")) + " is not a valid NATS subject: " + *problem, "nats.subject");
}

void checkAuth(const schema::View &v, schema::Report &r)
{
    const auto auth = v.object("auth");
    if (!auth)
        return;
    const bool token = auth->has("token");
    const bool user = auth->has("username") || auth->has("password");
    if (token == user)
        r.error(v.where("auth"), v.path("auth"), "expected either {token: <secret>} or {username: NAME, password: <secret>}", "nats.auth");
    else if (user && !(auth->has("username") && auth->has("password")))
        r.error(v.where("auth"), v.path("auth"), "username and password are given together", "nats.auth");
}

schema::TypeSchema makeSchema()
{
    schema::TypeSchema s;
    s.type = "nats";
    s.title = "NATS";
    s.description = "Subscribes to a NATS subject; each message's data is an event.";
    s.reference = "spec §6.5, decisions §6";
    s.modernSection = "nats";
    s.fields = {
        Field::string("url").need("url must be specified").eg("nats://nats.argo-events:4222").doc("NATS server URL (nats:// or tls://)."),
        Field::string("subject")
            .need("subject must be specified")
            .eg("orders.created")
            .doc("Subject to subscribe to; '*' matches one token, '>' the rest."),
        Field::object("auth",
            {Field::secretRef("token").doc("Token, as a secret reference."), Field::string("username").doc("User name (with password)."),
                Field::secretRef("password").doc("Password, as a secret reference (with username).")})
            .ours("decisions §6")
            .doc("Credentials: {token} or {username, password}."),
        stream::tlsField(),
        stream::backoffField(),
    };
    s.templateKeys = {"url", "subject"};
    s.rules = {
        {"nats.url", "url has a NATS scheme", checkUrl},
        {"nats.subject", "subject is a valid NATS subject", checkSubject},
        {"nats.auth", "auth is a token or a username with a password", checkAuth},
        stream::tlsPairRule("nats"),
    };
    return s;
}

} // namespace

std::optional<std::string> subjectProblem(std::string_view subject)
{
    if (subject.find_first_of(" \t\r\n") != std::string_view::npos)
        return "it contains white space";
    std::size_t start = 0;
    while (true) {
        const auto dot = subject.find('.', start);
        const auto token = subject.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
        if (token.empty())
            return "it has an empty token (two dots, or a dot at an end)";
        if (token.find_first_of("*>") != std::string_view::npos && token.size() > 1)
            return "'*' and '>' must be whole tokens";
        if (token == ">" && dot != std::string_view::npos)
            return "'>' must be the last token";
        if (dot == std::string_view::npos)
            return std::nullopt;
        start = dot + 1;
    }
}

const schema::TypeSchema &schema()
{
    static const schema::TypeSchema s = makeSchema();
    return s;
}

Config readConfig(const schema::View &v)
{
    Config c;
    c.url = v.text("url");
    c.subject = v.text("subject");
    if (const auto auth = v.object("auth")) {
        c.token = auth->secret("token");
        c.username = auth->text("username");
        c.password = auth->secret("password");
    }
    c.tls = stream::readTls(v);
    c.backoff = stream::readBackoff(v);
    return c;
}

Result<Config> loadConfig(std::string_view text)
{
    return schema::loadTyped(schema(), &readConfig, text);
}

} // namespace gs::nats
