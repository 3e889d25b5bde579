#pragma once
// Turning a Gateway's watchers into delivery targets (spec §4.6, decisions §3).

#include <map>
#include <string>
#include <vector>

#include "delivery.h"
#include "spec/manifests.h"

namespace gs {

/** v0.10's URLs: http://<name>-svc.<ns>.svc.cluster.local:<port><path>, sensors first, then gateways. */
[[nodiscard]] std::vector<Target> watcherTargets(const Gateway &gw);

/**
 * For running outside a cluster: a watcher named in `resolve` (NAME=URL) goes to that URL; one whose
 * host does not resolve is dropped with a warning in `warnings`.
 */
[[nodiscard]] std::vector<Target> localWatcherTargets(
    const Gateway &gw, const std::map<std::string, std::string> &resolve, std::vector<std::string> &warnings);

/** True if `host` resolves (blocking DNS lookup). */
[[nodiscard]] bool hostResolves(const std::string &host);

/** The host part of an http(s) URL, or empty. */
[[nodiscard]] std::string urlHost(const std::string &url);

} // namespace gs
