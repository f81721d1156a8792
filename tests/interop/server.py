#!/usr/bin/python3
"""Reference gRPC interop server built on grpcio (Debian python3-grpcio).

Implements grpc.testing.TestService as described in grpc/grpc
doc/interop-test-descriptions.md, plus grpc.health.v1.Health, on an insecure
127.0.0.1 listener. Prints exactly one line, `listening <port>`, once ready and
shuts down cleanly on SIGTERM/SIGINT.

Usage: /usr/bin/python3 tests/interop/server.py --port 0 [--max_message_size BYTES]
"""

import argparse
import signal
import sys
import threading
import time
from concurrent import futures

import grpc

from stubs import empty_pb2, health_pb2, health_pb2_grpc, messages_pb2, test_pb2_grpc

ECHO_INITIAL_KEY = "x-grpc-test-echo-initial"
ECHO_TRAILING_KEY = "x-grpc-test-echo-trailing-bin"
STATUS_CODES = {code.value[0]: code for code in grpc.StatusCode}
HEALTHY_SERVICES = {"", "grpc.testing.TestService"}
Serving = health_pb2.HealthCheckResponse.ServingStatus

shutting_down = threading.Event()


def make_payload(size):
    return messages_pb2.Payload(type=messages_pb2.COMPRESSABLE, body=bytes(size))


def echo_metadata(context):
    """Echo Metadata feature: initial key back as initial metadata, -bin key as trailers."""
    received = dict(context.invocation_metadata())
    if ECHO_INITIAL_KEY in received:
        context.send_initial_metadata([(ECHO_INITIAL_KEY, received[ECHO_INITIAL_KEY])])
    if ECHO_TRAILING_KEY in received:
        context.set_trailing_metadata([(ECHO_TRAILING_KEY, received[ECHO_TRAILING_KEY])])


def maybe_echo_status(request, context):
    """Echo Status feature: finish the call with the requested status (abort raises)."""
    if not request.HasField("response_status") or request.response_status.code == 0:
        return
    code = STATUS_CODES.get(request.response_status.code)
    if code is None:
        context.abort(
            grpc.StatusCode.INVALID_ARGUMENT,
            f"cannot echo unknown status code {request.response_status.code}",
        )
    context.abort(code, request.response_status.message)


def respond(request):
    """One StreamingOutputCallResponse per ResponseParameters, honouring interval_us."""
    for params in request.response_parameters:
        if params.interval_us > 0:
            time.sleep(params.interval_us / 1e6)
        yield messages_pb2.StreamingOutputCallResponse(payload=make_payload(params.size))


class TestService(test_pb2_grpc.TestServiceServicer):
    def EmptyCall(self, request, context):
        echo_metadata(context)
        return empty_pb2.Empty()

    def UnaryCall(self, request, context):
        echo_metadata(context)
        maybe_echo_status(request, context)
        return messages_pb2.SimpleResponse(payload=make_payload(request.response_size))

    def StreamingOutputCall(self, request, context):
        echo_metadata(context)
        maybe_echo_status(request, context)
        yield from respond(request)

    def StreamingInputCall(self, request_iterator, context):
        echo_metadata(context)
        total = sum(len(request.payload.body) for request in request_iterator)
        return messages_pb2.StreamingInputCallResponse(aggregated_payload_size=total)

    def FullDuplexCall(self, request_iterator, context):
        echo_metadata(context)
        for request in request_iterator:
            maybe_echo_status(request, context)
            yield from respond(request)

    def HalfDuplexCall(self, request_iterator, context):
        echo_metadata(context)
        requests = list(request_iterator)
        for request in requests:
            maybe_echo_status(request, context)
            yield from respond(request)

    def UnimplementedCall(self, request, context):
        # Registered by the generated code, but deliberately unimplemented.
        context.abort(grpc.StatusCode.UNIMPLEMENTED, "UnimplementedCall is not implemented")


class HealthService(health_pb2_grpc.HealthServicer):
    def Check(self, request, context):
        if request.service not in HEALTHY_SERVICES:
            context.abort(grpc.StatusCode.NOT_FOUND, f"unknown service {request.service!r}")
        return health_pb2.HealthCheckResponse(status=Serving.SERVING)

    def Watch(self, request, context):
        known = request.service in HEALTHY_SERVICES
        yield health_pb2.HealthCheckResponse(
            status=Serving.SERVING if known else Serving.SERVICE_UNKNOWN
        )
        # Statuses never change here: hold the stream open until the client
        # goes away or the server shuts down.
        while context.is_active() and not shutting_down.wait(0.1):
            pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True, help="port on 127.0.0.1; 0 picks a free one")
    parser.add_argument(
        "--max_message_size",
        type=int,
        default=4 * 1024 * 1024,
        help="max receive and send message size in bytes (default 4 MiB)",
    )
    args = parser.parse_args()

    server = grpc.server(
        futures.ThreadPoolExecutor(max_workers=64),
        options=[
            ("grpc.max_receive_message_length", args.max_message_size),
            ("grpc.max_send_message_length", args.max_message_size),
            # grpcio enables SO_REUSEPORT by default, which would let a second
            # server silently share an explicit port; fail instead.
            ("grpc.so_reuseport", 0),
        ],
    )
    test_pb2_grpc.add_TestServiceServicer_to_server(TestService(), server)
    health_pb2_grpc.add_HealthServicer_to_server(HealthService(), server)
    try:
        port = server.add_insecure_port(f"127.0.0.1:{args.port}")
    except RuntimeError as error:  # newer grpcio raises, older returns 0
        sys.exit(f"server.py: cannot bind 127.0.0.1:{args.port}: {error}")
    if port == 0:
        sys.exit(f"server.py: cannot bind 127.0.0.1:{args.port}")

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())

    server.start()
    print(f"listening {port}", flush=True)
    stop.wait()
    shutting_down.set()
    server.stop(grace=1).wait()


if __name__ == "__main__":
    main()
