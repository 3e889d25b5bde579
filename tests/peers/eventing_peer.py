#!/usr/bin/env python3
"""An independent gateways.Eventing peer written with Debian's python3-grpcio (not our code).

  client: behaves like Argo's v0.10 gateway-client for one source: Validate, then Start, printing
          every streamed Event as a JSON line (payload base64), then the stream's end.
  server: a custom gateway server (any language works with Argo): each source emits an event every
          `intervalMs` with payload {"source", "n", "message"}; Validate requires `message`.
"""
import argparse, base64, json, os, sys, tempfile, threading, time
from concurrent import futures

import grpc
from grpc_tools import protoc
import yaml


def load_stubs(proto_dir):
    out = tempfile.mkdtemp(prefix="gs-peer-")
    rc = protoc.main(["protoc", f"-I{proto_dir}", f"--python_out={out}", f"--grpc_python_out={out}",
                      os.path.join(proto_dir, "eventing.proto")])
    if rc != 0:
        sys.exit(f"protoc failed: {rc}")
    sys.path.insert(0, out)
    import eventing_pb2, eventing_pb2_grpc
    return eventing_pb2, eventing_pb2_grpc


def emit(obj):
    print(json.dumps(obj), flush=True)


def run_client(args, pb, rpc):
    channel = grpc.insecure_channel(args.target)
    grpc.channel_ready_future(channel).result(timeout=10)
    stub = rpc.EventingStub(channel)
    data = open(args.data_file).read()
    es = pb.EventSource(id="1", name=args.name, data=data, version=args.version)
    verdict = stub.ValidateEventSource(es, timeout=10)
    emit({"valid": verdict.isValid, "reason": verdict.reason})
    if not verdict.isValid:
        return
    stream = stub.StartEventSource(es)  # no metadata: a plain v0.10 client
    try:
        for ev in stream:
            emit({"name": ev.name, "payload": base64.b64encode(ev.payload).decode(),
                  "meta": dict(ev.meta), "hasState": ev.HasField("state")})
        emit({"end": "OK"})
    except grpc.RpcError as e:
        emit({"end": e.code().name, "details": e.details()})


def run_server(args, pb, rpc):
    class Eventing(rpc.EventingServicer):
        def ValidateEventSource(self, request, context):
            try:
                cfg = yaml.safe_load(request.data) or {}
            except yaml.YAMLError as e:
                return pb.ValidEventSource(isValid=False, reason=f"not YAML: {e}")
            if not isinstance(cfg, dict) or "message" not in cfg:
                return pb.ValidEventSource(isValid=False, reason="message is required")
            return pb.ValidEventSource(isValid=True)

        def StartEventSource(self, request, context):
            cfg = yaml.safe_load(request.data) or {}
            interval = float(cfg.get("intervalMs", 200)) / 1000.0
            n = 0
            while context.is_active():
                n += 1
                body = json.dumps({"source": request.name, "n": n, "message": cfg["message"]}).encode()
                yield pb.Event(name=request.name, payload=body)
                time.sleep(interval)

    server = grpc.server(futures.ThreadPoolExecutor(max_workers=16))
    rpc.add_EventingServicer_to_server(Eventing(), server)
    port = server.add_insecure_port(f"127.0.0.1:{args.port}")
    server.start()
    emit({"listening": port})
    server.wait_for_termination()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=["client", "server"])
    p.add_argument("--proto", required=True)
    p.add_argument("--target")
    p.add_argument("--name", default="example")
    p.add_argument("--data-file")
    p.add_argument("--version", default="v0.10")
    p.add_argument("--port", type=int, default=0)
    args = p.parse_args()
    pb, rpc = load_stubs(args.proto)
    (run_client if args.mode == "client" else run_server)(args, pb, rpc)


if __name__ == "__main__":
    main()
