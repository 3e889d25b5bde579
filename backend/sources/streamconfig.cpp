#include "streamconfig.h"

#include <algorithm>
#include <cctype>

namespace gs::stream {

using schema::Field;

Field backoffField()
{
    return Field::object("backoff",
        {Field::nanoseconds("duration")
                .byDefault("1000000000")
                .eg("1000000000")
                .doc("First sleep in nanoseconds (v0.10 reads durations as nanoseconds: 1s is 1000000000)."),
            Field::number("factor")
                .byDefault("2")
                .range(1, std::nullopt)
                .doc("Multiplier applied to the sleep after each attempt, at least 1."),
            Field::number("jitter").byDefault("0").range(0, std::nullopt).doc("Random extra sleep, up to jitter times the sleep."),
            Field::integer("steps").need().range(1, std::nullopt).eg("5").doc("Total number of connection attempts (at least 1).")})
        .modern("connectionBackoff")
        .doc("Initial connection attempts; without it: 1s doubling to 60s, unlimited. Lost connections are always re-established.");
}

Field tlsField()
{
    return Field::object("tls",
        {Field::string("caCertPath").doc("CA certificate file to verify the broker."),
            Field::string("clientCertPath").doc("Client certificate file (with clientKeyPath)."),
            Field::string("clientKeyPath").doc("Client private key file (with clientCertPath)."),
            Field::boolean("insecureSkipVerify").byDefault("false").doc("Skip verifying the broker's certificate (tests only).")})
        .ours("decisions §6")
        .doc("TLS to the broker, on when the block is present.");
}

schema::Rule tlsPairRule(const std::string &type)
{
    const std::string id = type + ".tls-pair";
    return {id, "tls.clientCertPath and tls.clientKeyPath are set together", [id](const schema::View &v, schema::Report &r) {
                const auto tls = v.object("tls");
                if (tls && tls->has("clientCertPath") != tls->has("clientKeyPath")) {
                    const char *given = tls->has("clientCertPath") ? "clientCertPath" : "clientKeyPath";
                    r.error(tls->where(given), tls->path(given), "clientCertPath and clientKeyPath must be set together", id);
                }
            }};
}

Backoff readBackoff(const schema::View &v)
{
    Backoff b;
    const auto o = v.object("backoff");
    if (!o)
        return b;
    b.given = true;
    b.duration = std::chrono::nanoseconds(o->integer("duration").value_or(1000000000));
    b.factor = o->number("factor").value_or(2);
    b.jitter = o->number("jitter").value_or(0);
    b.steps = static_cast<int>(o->integer("steps").value_or(1));
    return b;
}

std::optional<TlsConfig> readTls(const schema::View &v)
{
    const auto o = v.object("tls");
    if (!o)
        return std::nullopt;
    return TlsConfig {
        o->text("caCertPath"), o->text("clientCertPath"), o->text("clientKeyPath"), o->boolean("insecureSkipVerify").value_or(false)};
}

std::string urlScheme(const std::string &url)
{
    const auto sep = url.find("://");
    if (sep == std::string::npos)
        return {};
    std::string s = url.substr(0, sep);
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

} // namespace gs::stream
