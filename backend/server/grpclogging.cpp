#include "grpclogging.h"

#include <chrono>

#include <grpc/grpc.h>
#include <grpc/support/log.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/slice.h>

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

void keepGrpcInitialized()
{
    // Deliberately never balanced by grpc_shutdown(), and the channel is never destroyed: the
    // process exit ends both. The channel makes one callback call, which gives it a reference to
    // gRPC's shared callback completion queue for good; otherwise that queue's thread pool is torn
    // down whenever the last gateway stops, and when that happens from one of its own threads (a
    // server or channel released in a callback) gRPC 1.51 frees it under the running thread, which
    // then aborts in grpc_cq_internal_unref (grpc/grpc#32584).
    [[maybe_unused]] static const bool initialized = [] {
        grpc_init();
        auto *channel = new std::shared_ptr<grpc::Channel>(grpc::CreateChannel("127.0.0.1:9", grpc::InsecureChannelCredentials()));
        auto *context = new grpc::ClientContext;
        context->set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(1));
        grpc::Slice empty(std::string {});
        auto *request = new grpc::ByteBuffer(&empty, 1); // a message to send: an empty buffer is none
        auto *response = new grpc::ByteBuffer;
        grpc::GenericStub(*channel).UnaryCall(context, "/gs.keepalive/Hold", grpc::StubOptions(), request, response,
            [context, request, response](const grpc::Status &) {
                delete context;
                delete request;
                delete response;
            });
        return true;
    }();
}

} // namespace gs
