#include "webhookconfig.h"

#include <array>
#include <charconv>

#include "core/printable.h"

namespace gs::webhook {

bool isKnownMethod(const std::string &method)
{
    static constexpr std::array<std::string_view, 9> kMethods {
        "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "CONNECT", "OPTIONS", "TRACE"};
    return std::find(kMethods.begin(), kMethods.end(), method) != kMethods.end();
}

Result<Config> parseConfig(const SourceConfig &raw)
{
    Config c;
    auto str = [&](std::string_view key, std::string &into) -> Result<void> {
        auto v = raw.string(key);
        if (!v)
            return tl::unexpected(v.error());
        into = v->value_or(std::string());
        return {};
    };
    for (auto [key, into] : {std::pair<std::string_view, std::string *> {"port", &c.port}, {"endpoint", &c.endpoint}, {"method", &c.method},
             {"url", &c.url}, {"serverCertPath", &c.serverCertPath}, {"serverKeyPath", &c.serverKeyPath}}) {
        if (auto ok = str(key, *into); !ok)
            return tl::unexpected(ok.error());
    }
    auto maxBody = raw.integer("maxBodySize");
    if (!maxBody)
        return tl::unexpected(maxBody.error());
    if (*maxBody) {
        if (**maxBody <= 0)
            return fail("maxBodySize: expected a positive number of bytes, found " + std::to_string(**maxBody));
        c.maxBodySize = static_cast<std::uint64_t>(**maxBody);
    }
    auto auth = readSecretRef(raw, "authSecret");
    if (!auth)
        return tl::unexpected(auth.error());
    c.authSecret = *auth;
    auto hmac = raw.mapping("hmac");
    if (!hmac)
        return tl::unexpected(hmac.error());
    if (*hmac) {
        HmacCheck h;
        auto header = (*hmac)->string("header");
        auto prefix = (*hmac)->string("prefix");
        if (!header)
            return tl::unexpected(header.error());
        if (!prefix)
            return tl::unexpected(prefix.error());
        if (*header && !(*header)->empty())
            h.header = **header;
        if (*prefix)
            h.prefix = **prefix;
        auto secret = readSecretRef(**hmac, "secret");
        if (!secret)
            return tl::unexpected(secret.error());
        if (!*secret)
            return fail("hmac.secret: required: the key of the HMAC-SHA256 signature, as a secret reference");
        h.secret = **secret;
        c.hmac = std::move(h);
    }
    auto mask = raw.stringList("maskHeaders");
    if (!mask)
        return tl::unexpected(mask.error());
    c.maskHeaders = std::move(*mask);
    return c;
}

Result<void> checkConfig(Config &c)
{
    // v0.10's rules, in its order and wording.
    if (!isKnownMethod(c.method))
        return fail("unknown HTTP method " + quoted(c.method)
            + " (expected one of GET HEAD POST PUT PATCH DELETE CONNECT OPTIONS TRACE, upper-case)");
    if (c.endpoint.empty())
        return fail("endpoint can't be empty");
    if (c.port.empty())
        return fail("port can't be empty");
    int port = -1;
    auto [ptr, ec] = std::from_chars(c.port.data(), c.port.data() + c.port.size(), port);
    if (ec != std::errc() || ptr != c.port.data() + c.port.size())
        return fail("failed to parse server port " + quoted(c.port) + ". err: expected a decimal port number");
    if (port < 1 || port > 65535)
        return fail("port " + quoted(c.port) + " is out of range (expected 1 to 65535)");
    c.portNumber = static_cast<std::uint16_t>(port);
    if (c.endpoint.front() != '/')
        c.endpoint.insert(0, 1, '/');
    if (c.endpoint.find_first_of("?# \t") != std::string::npos)
        return fail("endpoint " + quoted(c.endpoint) + " must be a plain path (no query, fragment or spaces)");

    // Ours (decisions §5).
    if (c.maxBodySize > kMaxPayloadBytes)
        return fail("maxBodySize " + std::to_string(c.maxBodySize) + " is above the limit of " + std::to_string(kMaxPayloadBytes)
            + " bytes (a v0.10 gateway-client accepts gRPC messages up to 4 MiB)");
    if (c.serverCertPath.empty() != c.serverKeyPath.empty())
        return fail("serverCertPath and serverKeyPath must be set together (TLS needs both)");
    if (c.hmac && c.hmac->header.empty())
        return fail("hmac.header can't be empty");
    return {};
}

} // namespace gs::webhook
