#pragma once
// The HTTP side of the webhook gateway: one server per port, routes keyed by (port, path, method).
// A port's server starts with its first route and closes with its last (decisions §5).

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "core/result.h"
#include "sources/emitter.h"
#include "sources/sourcetype.h"
#include "webhookconfig.h"

namespace gs::webhook {

/** A route ready to serve: config plus resolved secrets. */
struct RouteSpec {
    std::string sourceName;
    Config config;
    std::string bearerToken; ///< empty: no authSecret
    std::string hmacKey; ///< used when config.hmac is set
};

class Hub
{
public:
    explicit Hub(SourceEnvironment env);
    ~Hub();
    Hub(const Hub &) = delete;
    Hub &operator=(const Hub &) = delete;

    /** Serves `spec`'s route, opening its port if needed. Conflicts and bind failures are errors. */
    [[nodiscard]] Result<void> add(RouteSpec spec, std::shared_ptr<Emitter> emitter);
    /** Stops serving (port, path, method); closes the port's server when it was the last route. */
    void remove(std::uint16_t port, const std::string &path, const std::string &method);

    /** The base URL a port is reachable at, e.g. http://127.0.0.1:12000. */
    [[nodiscard]] std::string baseUrl(std::uint16_t port) const;

    struct Impl;

private:
    std::unique_ptr<Impl> m_impl;
};

} // namespace gs::webhook
