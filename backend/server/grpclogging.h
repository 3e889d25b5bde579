#pragma once
// gRPC core logs to stderr on its own (e.g. "E1204 ... bind failed"); route it into gs.grpc instead,
// at debug level: every failure that matters to a user is reported by our own code, in our words.

namespace gs {

/** Sends gRPC core's log lines to the gs.grpc category (debug). Call once from a composition root. */
void routeGrpcLogs();

} // namespace gs
