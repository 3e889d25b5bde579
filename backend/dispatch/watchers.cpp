#include "watchers.h"

#include <netdb.h>
#include <sys/socket.h>

namespace gs {

std::vector<Target> watcherTargets(const Gateway &gw)
{
    std::vector<Target> out;
    const std::string defaultNs = gw.namespaceOrDefault();
    for (const auto &s : gw.sensors) {
        const std::string ns = s.ns.empty() ? defaultNs : s.ns;
        out.push_back({"sensor " + s.name, "http://" + s.name + "-svc." + ns + ".svc.cluster.local:" + gw.eventProtocol.httpPort + "/"});
    }
    for (const auto &g : gw.gatewayWatchers) {
        const std::string ns = g.ns.empty() ? defaultNs : g.ns;
        out.push_back({"gateway " + g.name, "http://" + g.name + "-svc." + ns + ".svc.cluster.local:" + g.port + g.endpoint});
    }
    return out;
}

std::string urlHost(const std::string &url)
{
    const auto scheme = url.find("://");
    if (scheme == std::string::npos)
        return {};
    std::string rest = url.substr(scheme + 3);
    rest = rest.substr(0, rest.find_first_of("/?#"));
    if (const auto at = rest.rfind('@'); at != std::string::npos)
        rest = rest.substr(at + 1);
    if (!rest.empty() && rest.front() == '[')
        return rest.substr(1, rest.find(']') - 1);
    return rest.substr(0, rest.find(':'));
}

bool hostResolves(const std::string &host)
{
    addrinfo hints {};
    hints.ai_socktype = SOCK_STREAM;
    addrinfo *res = nullptr;
    const int rc = getaddrinfo(host.c_str(), nullptr, &hints, &res);
    if (res)
        freeaddrinfo(res);
    return rc == 0;
}

std::vector<Target> localWatcherTargets(
    const Gateway &gw, const std::map<std::string, std::string> &resolve, std::vector<std::string> &warnings)
{
    std::vector<Target> out;
    for (Target t : watcherTargets(gw)) {
        const std::string name = t.name.substr(t.name.find(' ') + 1);
        if (auto it = resolve.find(name); it != resolve.end()) {
            t.url = it->second;
            out.push_back(std::move(t));
            continue;
        }
        if (!hostResolves(urlHost(t.url))) {
            warnings.push_back(
                "watcher " + t.label() + " does not resolve here and is skipped; map it with --resolve " + name + "=URL");
            continue;
        }
        out.push_back(std::move(t));
    }
    return out;
}

} // namespace gs
