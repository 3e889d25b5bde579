#include "grpclogging.h"

#include <grpc/support/log.h>

#include "core/logging.h"
#include "core/printable.h"

namespace gs {

namespace {
void toQtLog(gpr_log_func_args *args)
{
    qCDebug(lcGrpc).noquote() << QString::fromStdString(printable(args->message ? args->message : ""));
}
} // namespace

void routeGrpcLogs()
{
    gpr_set_log_function(&toQtLog);
}

} // namespace gs
