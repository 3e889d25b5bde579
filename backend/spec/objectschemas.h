#pragma once
// The Kubernetes objects of spec §2 and §3 as schemas: the whole Gateway CRD (spec, the labels the
// controller selects on, status with its nodes) and the event-source ConfigMap, with the v0.10
// controller's checks (§3.5, in its wording) and ours.

#include <string>

#include "schema.h"

namespace gs {

/** The Gateway CRD (argoproj.io/v1alpha1). */
[[nodiscard]] const schema::TypeSchema &gatewaySchema();
/** The event-source ConfigMap (v1); its `data` values are checked by the source schema of the Gateway's type. */
[[nodiscard]] const schema::TypeSchema &configMapSchema();

/**
 * Findings that only matter to a v0.10 controller in a cluster (labels, pod template, watchers);
 * running locally (`gwctl run`, the app) reports them as warnings.
 */
[[nodiscard]] bool isClusterOnly(const Diagnostic &d);

/** Why `key` is not a valid ConfigMap key (the API server's rule), or empty. */
[[nodiscard]] std::string configMapKeyProblem(const std::string &key);

} // namespace gs
