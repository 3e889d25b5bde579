#include "webhookconfig.h"

#include <algorithm>
#include <charconv>
#include <map>

#include "core/printable.h"
#include "http/message.h"

namespace gs::webhook {

namespace {

using schema::Field;

const std::vector<std::string> kMethods {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "CONNECT", "OPTIONS", "TRACE"};
const std::string kMethodChoices = "expected one of GET HEAD POST PUT PATCH DELETE CONNECT OPTIONS TRACE, upper-case";

std::optional<int> portOf(const std::string &text)
{
    int port = -1;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
    if (ec != std::errc() || ptr != text.data() + text.size() || text.empty())
        return std::nullopt;
    return port;
}

std::string normalisedEndpoint(std::string endpoint)
{
    if (endpoint.empty() || endpoint.front() != '/')
        endpoint.insert(0, 1, '/');
    return endpoint;
}

void checkPort(const schema::View &v, schema::Report &r)
{
    if (!v.has("port"))
        return;
    const std::string p = v.text("port");
    const auto port = portOf(p);
    if (!port)
        r.v010(v.where("port"), v.path("port"), "failed to parse server port " + quoted(p) + ". err: expected a decimal port number",
            "webhook.port");
    else if (*port < 1 || *port > 65535)
        r.v010(v.where("port"), v.path("port"), "port " + quoted(p) + " is out of range (expected 1 to 65535)", "webhook.port");
}

void checkEndpoint(const schema::View &v, schema::Report &r)
{
    const std::string e = v.text("endpoint");
    const std::string path = normalisedEndpoint(e);
    if (e.find_first_of("?# \t") != std::string::npos || std::any_of(e.begin(), e.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; }))
        r.v010(v.where("endpoint"), v.path("endpoint"),
            "endpoint " + quoted(path) + " must be a plain path (no query, fragment, spaces or control characters)", "webhook.endpoint");
    else if (e.find('%') != std::string::npos)
        r.v010(v.where("endpoint"), v.path("endpoint"),
            "endpoint " + quoted(path) + " must be written decoded: requests are matched on the decoded path, so %-escapes never match",
            "webhook.endpoint");
    else if (const std::string clean = http::cleanPath(path); clean != path)
        // Requests for it would be redirected to the clean form (as Go's ServeMux does) and never reach this route.
        r.v010(v.where("endpoint"), v.path("endpoint"),
            "endpoint " + quoted(path) + " is not a clean path (write " + quoted(clean) + ": no '//', '.' or '..' elements)",
            "webhook.endpoint");
}

void checkMaxBodySize(const schema::View &v, schema::Report &r)
{
    const auto n = v.integer("maxBodySize");
    if (!n || !v.has("maxBodySize"))
        return;
    if (*n <= 0)
        r.error(v.where("maxBodySize"), v.path("maxBodySize"), "expected a positive number of bytes, found " + std::to_string(*n),
            "webhook.max-body-size");
    else if (static_cast<std::uint64_t>(*n) > kMaxPayloadBytes)
        r.v010(v.where("maxBodySize"), v.path("maxBodySize"),
            "maxBodySize " + std::to_string(*n) + " is above the limit of " + std::to_string(kMaxPayloadBytes)
                + " bytes (a v0.10 gateway-client accepts gRPC messages up to 4 MiB)",
            "webhook.max-body-size");
}

void checkTlsPair(const schema::View &v, schema::Report &r)
{
    if (v.has("serverCertPath") != v.has("serverKeyPath"))
        r.v010(v.where(v.has("serverCertPath") ? "serverCertPath" : "serverKeyPath"),
            v.path(v.has("serverCertPath") ? "serverCertPath" : "serverKeyPath"),
            "serverCertPath and serverKeyPath must be set together (TLS needs both)", "webhook.tls-pair");
}

void checkHmacHeader(const schema::View &v, schema::Report &r)
{
    const auto h = v.object("hmac");
    if (h && h->at("header").isScalar() && !h->at("header").isNull() && h->text("header").empty())
        r.v010(h->where("header"), h->path("header"), "hmac.header can't be empty", "webhook.hmac-header");
}

/** Two sources may not serve the same (port, path, method) (decisions §5). */
void checkRoutes(const std::vector<schema::SourceEntry> &sources)
{
    std::map<std::tuple<int, std::string, std::string>, std::string> routes;
    for (const auto &s : sources) {
        const auto &v = *s.config;
        const auto port = portOf(v.text("port"));
        if (!port || !v.has("endpoint") || !isKnownMethod(v.text("method")))
            continue;
        const auto key = std::make_tuple(*port, normalisedEndpoint(v.text("endpoint")), v.text("method"));
        if (auto [it, fresh] = routes.emplace(key, s.name); !fresh)
            s.report->error(v.where("endpoint"), v.path("endpoint"),
                "route " + std::get<2>(key) + " :" + std::to_string(*port) + std::get<1>(key) + " is also served by " + quoted(it->second)
                    + "; each (port, path, method) may have one source",
                "webhook.duplicate-route");
    }
}

/** Sources sharing a port share its server, so they must agree on TLS (decisions §5). */
void checkPortTls(const std::vector<schema::SourceEntry> &sources)
{
    std::map<int, std::pair<std::string, std::pair<std::string, std::string>>> ports;
    for (const auto &s : sources) {
        const auto &v = *s.config;
        const auto port = portOf(v.text("port"));
        if (!port)
            continue;
        const auto tls = std::make_pair(v.text("serverCertPath"), v.text("serverKeyPath"));
        if (auto [it, fresh] = ports.emplace(*port, std::make_pair(s.name, tls)); !fresh && it->second.second != tls)
            s.report->error(v.where("port"), v.path("port"),
                "port " + std::to_string(*port) + " is also used by " + quoted(it->second.first)
                    + " with other TLS settings; sources on one port must agree on serverCertPath and serverKeyPath",
                "webhook.port-tls");
    }
}

schema::TypeSchema makeSchema()
{
    schema::TypeSchema s;
    s.type = "webhook";
    s.title = "Webhook";
    s.description = "An HTTP endpoint: every request to the path with the method becomes an event whose payload is the raw body.";
    s.reference = "spec §6.2, decisions §5";
    s.modernSection = "webhook";
    s.fields = {
        Field::string("port").need("port can't be empty").eg("\"12000\"").doc("HTTP(S) port the gateway listens on (1 to 65535)."),
        Field::string("endpoint")
            .need("endpoint can't be empty")
            .eg("/example")
            .doc("URL path of the route; a leading '/' is added if missing."),
        Field::oneOf("method", kMethods)
            .need("unknown HTTP method '' (" + kMethodChoices + ")")
            .invalid("unknown HTTP method {value} (" + kMethodChoices + ")")
            .eg("POST")
            .doc("HTTP method the route accepts; others get 405."),
        Field::string("url").doc("Public URL of the endpoint; unused by the webhook gateway itself."),
        Field::string("serverCertPath").doc("TLS certificate file; TLS is on when both paths are set."),
        Field::string("serverKeyPath").doc("TLS private key file; TLS is on when both paths are set."),
        Field::integer("maxBodySize")
            .byDefault("1048576")
            .ours("decisions §5")
            .modern("maxPayloadSize")
            .doc("Largest accepted body in bytes (at most 4000000); larger requests get 413."),
        Field::secretRef("authSecret").ours("decisions §5").doc("Requests must carry 'Authorization: Bearer <secret>'."),
        Field::object("hmac",
            {Field::string("header").byDefault("X-Hub-Signature-256").doc("Header carrying the signature."),
                Field::string("prefix").byDefault("sha256=").doc("Text before the hex digest in the header."),
                Field::secretRef("secret").need().doc("the key of the HMAC-SHA256 signature, as a secret reference")})
            .ours("decisions §5")
            .modern("-")
            .doc("Requests must carry an HMAC-SHA256 signature of the body."),
        Field::list("maskHeaders").ours("decisions §5").modern("-").doc("More header names to mask in what the app records."),
    };
    s.validationOrder = {"method", "endpoint", "port"};
    s.templateKeys = {"port", "endpoint", "method"};
    s.rules = {
        {"webhook.port", "port is a decimal number from 1 to 65535", checkPort},
        {"webhook.endpoint", "endpoint is a clean, decoded path (no query, fragment, spaces, '..' or %-escapes)", checkEndpoint},
        {"webhook.max-body-size", "maxBodySize is positive and at most 4000000 bytes", checkMaxBodySize},
        {"webhook.tls-pair", "serverCertPath and serverKeyPath are set together", checkTlsPair},
        {"webhook.hmac-header", "hmac.header is not empty", checkHmacHeader},
    };
    s.setRules = {
        {"webhook.duplicate-route", "no two sources serve the same (port, path, method)", checkRoutes},
        {"webhook.port-tls", "sources on one port agree on TLS", checkPortTls},
    };
    return s;
}

} // namespace

bool isKnownMethod(const std::string &method)
{
    return std::find(kMethods.begin(), kMethods.end(), method) != kMethods.end();
}

const schema::TypeSchema &schema()
{
    static const schema::TypeSchema s = makeSchema();
    return s;
}

Config readConfig(const schema::View &v)
{
    Config c;
    c.port = v.text("port");
    c.portNumber = static_cast<std::uint16_t>(portOf(c.port).value_or(0));
    c.endpoint = normalisedEndpoint(v.text("endpoint"));
    c.method = v.text("method");
    c.url = v.text("url");
    c.serverCertPath = v.text("serverCertPath");
    c.serverKeyPath = v.text("serverKeyPath");
    c.maxBodySize = static_cast<std::uint64_t>(v.integer("maxBodySize").value_or(kDefaultMaxBodySize));
    c.authSecret = v.secret("authSecret");
    if (const auto h = v.object("hmac")) {
        HmacCheck hmac;
        hmac.header = h->text("header");
        hmac.prefix = h->text("prefix");
        if (auto secret = h->secret("secret"))
            hmac.secret = *secret;
        c.hmac = std::move(hmac);
    }
    c.maskHeaders = v.strings("maskHeaders");
    return c;
}

Result<Config> loadConfig(std::string_view text)
{
    return schema::loadTyped(schema(), &readConfig, text);
}

} // namespace gs::webhook
