#!/usr/bin/python3
"""Reference gRPC interop client built on grpcio (Debian python3-grpcio).

Runs the standard interop test cases (grpc/grpc doc/interop-test-descriptions.md)
plus two VoiceFleet ones (oversize_request, health) against any server that
implements grpc.testing.TestService and grpc.health.v1.Health over plaintext.
Prints `PASS <case>` per passing case; on failure prints `FAIL <case>: <reason>`
to stderr and exits non-zero.

Usage: /usr/bin/python3 tests/interop/client.py --server_host 127.0.0.1 --server_port N --test_case NAME|all
"""

import argparse
import queue
import sys

import grpc

from stubs import empty_pb2, health_pb2, health_pb2_grpc, messages_pb2, test_pb2_grpc

RPC_TIMEOUT = 30  # seconds; keeps a misbehaving server from hanging a case
CONNECT_TIMEOUT = 10
ECHO_INITIAL = ("x-grpc-test-echo-initial", "test_initial_metadata_value")
ECHO_TRAILING = ("x-grpc-test-echo-trailing-bin", b"\xab\xab\xab")
SPECIAL_STATUS_MESSAGE = "\t\ntest with whitespace\r\nand Unicode BMP \u263a and non-BMP \U0001f608\t\n"
OVERSIZE_PAYLOAD = 5 * 1024 * 1024


class CaseFailed(Exception):
    pass


def check(condition, reason):
    if not condition:
        raise CaseFailed(reason)


def payload(size):
    return messages_pb2.Payload(type=messages_pb2.COMPRESSABLE, body=bytes(size))


def check_payload(response_payload, size, what="response"):
    body = response_payload.body
    check(len(body) == size, f"{what} payload is {len(body)} bytes, want {size}")
    check(body == bytes(size), f"{what} payload is not all zeros")


def expect_status(code, call, action, details=None):
    """Run action(); it must raise an RpcError with the given code (and details)."""
    try:
        action()
    except grpc.RpcError as error:
        check(
            error.code() == code,
            f"{call}: got status {error.code().name} ({error.details()!r}), want {code.name}",
        )
        if details is not None:
            check(
                error.details() == details,
                f"{call}: got status message {error.details()!r}, want {details!r}",
            )
        return error
    raise CaseFailed(f"{call}: succeeded, want status {code.name}")


def check_echoed_metadata(call, what):
    for kind, metadata, (key, value) in [
        ("initial", call.initial_metadata(), ECHO_INITIAL),
        ("trailing", call.trailing_metadata(), ECHO_TRAILING),
    ]:
        values = [entry.value for entry in metadata or () if entry.key == key]
        check(values == [value], f"{what}: {kind} metadata {key} is {values!r}, want [{value!r}]")


class Requests:
    """A request stream the test feeds one message at a time; close() half-closes."""

    def __init__(self):
        self._queue = queue.Queue()

    def send(self, request):
        self._queue.put(request)

    def close(self):
        self._queue.put(None)

    def __iter__(self):
        return iter(self._queue.get, None)


# --- test cases -----------------------------------------------------------------------


def empty_unary(channel):
    response = test_pb2_grpc.TestServiceStub(channel).EmptyCall(empty_pb2.Empty(), timeout=RPC_TIMEOUT)
    check(isinstance(response, empty_pb2.Empty), f"EmptyCall returned {type(response).__name__}")


def large_unary(channel):
    request = messages_pb2.SimpleRequest(response_size=314159, payload=payload(271828))
    response = test_pb2_grpc.TestServiceStub(channel).UnaryCall(request, timeout=RPC_TIMEOUT)
    check_payload(response.payload, 314159)


def client_streaming(channel):
    sizes = [27182, 8, 1828, 45904]
    requests = (messages_pb2.StreamingInputCallRequest(payload=payload(size)) for size in sizes)
    response = test_pb2_grpc.TestServiceStub(channel).StreamingInputCall(requests, timeout=RPC_TIMEOUT)
    check(
        response.aggregated_payload_size == 74922,
        f"aggregated_payload_size is {response.aggregated_payload_size}, want 74922",
    )


def server_streaming(channel):
    sizes = [31415, 9, 2653, 58979]
    request = messages_pb2.StreamingOutputCallRequest(
        response_parameters=[messages_pb2.ResponseParameters(size=size) for size in sizes]
    )
    call = test_pb2_grpc.TestServiceStub(channel).StreamingOutputCall(request, timeout=RPC_TIMEOUT)
    responses = list(call)
    check(len(responses) == len(sizes), f"got {len(responses)} responses, want {len(sizes)}")
    for index, (response, size) in enumerate(zip(responses, sizes)):
        check_payload(response.payload, size, f"response {index}")
    check(call.code() == grpc.StatusCode.OK, f"status {call.code().name}, want OK")


def ping_pong(channel):
    exchanges = [(31415, 27182), (9, 8), (2653, 1828), (58979, 45904)]
    requests = Requests()
    call = test_pb2_grpc.TestServiceStub(channel).FullDuplexCall(iter(requests), timeout=RPC_TIMEOUT)
    try:
        for index, (response_size, request_size) in enumerate(exchanges):
            requests.send(
                messages_pb2.StreamingOutputCallRequest(
                    response_parameters=[messages_pb2.ResponseParameters(size=response_size)],
                    payload=payload(request_size),
                )
            )
            response = next(call, None)
            check(response is not None, f"stream ended before response {index}")
            check_payload(response.payload, response_size, f"response {index}")
        requests.close()
        extra = list(call)
        check(not extra, f"got {len(extra)} unexpected responses after half-close")
        check(call.code() == grpc.StatusCode.OK, f"status {call.code().name}, want OK")
    finally:
        requests.close()


def empty_stream(channel):
    call = test_pb2_grpc.TestServiceStub(channel).FullDuplexCall(iter([]), timeout=RPC_TIMEOUT)
    responses = list(call)
    check(not responses, f"got {len(responses)} responses, want 0")
    check(call.code() == grpc.StatusCode.OK, f"status {call.code().name}, want OK")


def custom_metadata(channel):
    stub = test_pb2_grpc.TestServiceStub(channel)
    metadata = [ECHO_INITIAL, ECHO_TRAILING]

    request = messages_pb2.SimpleRequest(response_size=314159, payload=payload(271828))
    response, call = stub.UnaryCall.with_call(request, metadata=metadata, timeout=RPC_TIMEOUT)
    check_payload(response.payload, 314159, "UnaryCall response")
    check_echoed_metadata(call, "UnaryCall")

    request = messages_pb2.StreamingOutputCallRequest(
        response_parameters=[messages_pb2.ResponseParameters(size=314159)],
        payload=payload(271828),
    )
    call = stub.FullDuplexCall(iter([request]), metadata=metadata, timeout=RPC_TIMEOUT)
    responses = list(call)
    check(len(responses) == 1, f"FullDuplexCall: got {len(responses)} responses, want 1")
    check_payload(responses[0].payload, 314159, "FullDuplexCall response")
    check_echoed_metadata(call, "FullDuplexCall")


def _echo_status(channel, code, message, duplex=True):
    stub = test_pb2_grpc.TestServiceStub(channel)
    status = messages_pb2.EchoStatus(code=code.value[0], message=message)
    request = messages_pb2.SimpleRequest(response_status=status)
    expect_status(code, "UnaryCall", lambda: stub.UnaryCall(request, timeout=RPC_TIMEOUT), message)
    if duplex:
        request = messages_pb2.StreamingOutputCallRequest(response_status=status)
        call = stub.FullDuplexCall(iter([request]), timeout=RPC_TIMEOUT)
        expect_status(code, "FullDuplexCall", lambda: list(call), message)


def status_code_and_message(channel):
    _echo_status(channel, grpc.StatusCode.UNKNOWN, "test status message")


def special_status_message(channel):
    _echo_status(channel, grpc.StatusCode.UNKNOWN, SPECIAL_STATUS_MESSAGE, duplex=False)


def unimplemented_method(channel):
    stub = test_pb2_grpc.TestServiceStub(channel)
    expect_status(
        grpc.StatusCode.UNIMPLEMENTED,
        "TestService/UnimplementedCall",
        lambda: stub.UnimplementedCall(empty_pb2.Empty(), timeout=RPC_TIMEOUT),
    )


def unimplemented_service(channel):
    stub = test_pb2_grpc.UnimplementedServiceStub(channel)
    expect_status(
        grpc.StatusCode.UNIMPLEMENTED,
        "UnimplementedService/UnimplementedCall",
        lambda: stub.UnimplementedCall(empty_pb2.Empty(), timeout=RPC_TIMEOUT),
    )


def timeout_on_sleeping_server(channel):
    requests = Requests()  # never half-closed: the client just waits
    requests.send(messages_pb2.StreamingOutputCallRequest(payload=payload(27182)))
    call = test_pb2_grpc.TestServiceStub(channel).FullDuplexCall(iter(requests), timeout=0.001)
    try:
        expect_status(grpc.StatusCode.DEADLINE_EXCEEDED, "FullDuplexCall", lambda: list(call))
    finally:
        requests.close()


def cancel_after_begin(channel):
    requests = Requests()
    future = test_pb2_grpc.TestServiceStub(channel).StreamingInputCall.future(iter(requests), timeout=RPC_TIMEOUT)
    try:
        future.cancel()
        check(future.code() == grpc.StatusCode.CANCELLED, f"status {future.code().name}, want CANCELLED")
    finally:
        requests.close()


def cancel_after_first_response(channel):
    requests = Requests()
    call = test_pb2_grpc.TestServiceStub(channel).FullDuplexCall(iter(requests), timeout=RPC_TIMEOUT)
    try:
        requests.send(
            messages_pb2.StreamingOutputCallRequest(
                response_parameters=[messages_pb2.ResponseParameters(size=31415)],
                payload=payload(27182),
            )
        )
        response = next(call, None)
        check(response is not None, "stream ended before the first response")
        check_payload(response.payload, 31415)
        call.cancel()
        check(call.code() == grpc.StatusCode.CANCELLED, f"status {call.code().name}, want CANCELLED")
    finally:
        requests.close()


def oversize_request(channel):
    """VoiceFleet: a request over the server's 4 MiB limit fails with RESOURCE_EXHAUSTED."""
    stub = test_pb2_grpc.TestServiceStub(channel)
    request = messages_pb2.SimpleRequest(response_size=1, payload=payload(OVERSIZE_PAYLOAD))
    expect_status(
        grpc.StatusCode.RESOURCE_EXHAUSTED,
        f"UnaryCall with a {OVERSIZE_PAYLOAD}-byte payload",
        lambda: stub.UnaryCall(request, timeout=RPC_TIMEOUT),
    )


def health(channel):
    """VoiceFleet: grpc.health.v1.Health reports the whole server as SERVING."""
    stub = health_pb2_grpc.HealthStub(channel)
    serving = health_pb2.HealthCheckResponse.SERVING
    name = health_pb2.HealthCheckResponse.ServingStatus.Name

    response = stub.Check(health_pb2.HealthCheckRequest(service=""), timeout=RPC_TIMEOUT)
    check(response.status == serving, f"Check(''): status {name(response.status)}, want SERVING")

    call = stub.Watch(health_pb2.HealthCheckRequest(service=""), timeout=RPC_TIMEOUT)
    try:
        response = next(call, None)
        check(response is not None, "Watch(''): stream ended without a status")
        check(response.status == serving, f"Watch(''): first status {name(response.status)}, want SERVING")
    finally:
        call.cancel()


CASES = {
    case.__name__: case
    for case in [
        empty_unary,
        large_unary,
        client_streaming,
        server_streaming,
        ping_pong,
        empty_stream,
        custom_metadata,
        status_code_and_message,
        special_status_message,
        unimplemented_method,
        unimplemented_service,
        timeout_on_sleeping_server,
        cancel_after_begin,
        cancel_after_first_response,
        oversize_request,
        health,
    ]
}


def run_case(name, target):
    """Runs one case on a fresh channel; returns None on pass, else a one-line reason."""
    with grpc.insecure_channel(target) as channel:
        try:
            grpc.channel_ready_future(channel).result(timeout=CONNECT_TIMEOUT)
        except grpc.FutureTimeoutError:
            return f"cannot connect to {target} within {CONNECT_TIMEOUT}s"
        try:
            CASES[name](channel)
        except CaseFailed as failure:
            return str(failure)
        except grpc.RpcError as error:
            return f"unexpected status {error.code().name}: {error.details()!r}"
        except Exception as error:  # a crash in the case is a failure too, on one line
            return f"{type(error).__name__}: {error}"
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server_host", default="127.0.0.1")
    parser.add_argument("--server_port", type=int, required=True)
    parser.add_argument("--test_case", required=True, choices=[*CASES, "all"])
    args = parser.parse_args()

    target = f"{args.server_host}:{args.server_port}"
    names = list(CASES) if args.test_case == "all" else [args.test_case]
    failed = False
    for name in names:
        reason = run_case(name, target)
        if reason is None:
            print(f"PASS {name}", flush=True)
        else:
            failed = True
            print(f"FAIL {name}: {' '.join(reason.split())}", file=sys.stderr, flush=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
