#pragma once
// gRPC's process-wide state. Its core logs to stderr on its own (e.g. "E1204 ... bind failed"):
// route it into gs.grpc instead, at debug level; every failure that matters to a user is reported by
// our own code, in our words. And keep the library initialized for the whole process.

namespace gs {

/** Sends gRPC core's log lines to the gs.grpc category (debug). Call once from a composition root. */
void routeGrpcLogs();

/**
 * Initializes gRPC once for the rest of the process. Without it, stopping the last gateway shuts
 * gRPC down and the next one initializes it again, and gRPC 1.51's callback completion queue is then
 * released twice (an abort in grpc_cq_internal_unref on its "nexting" thread). Every gateway server
 * and client calls it; it is cheap after the first call.
 */
void keepGrpcInitialized();

} // namespace gs
