#!/usr/bin/python3
"""The Python reference for the transport benchmark (tests/bench/run.sh): echo.Echo/Call on
python3-grpcio's asyncio server (grpc.aio), insecure h2c on 127.0.0.1:<port>.

Usage: /usr/bin/python3 python_echo_server.py --port N [--gen DIR]

The echo_pb2 / echo_pb2_grpc stubs come from tests/bench/protos/echo.proto through Debian protoc and
grpc_python_plugin. run.sh generates them once and passes --gen DIR; without --gen they are generated
into a temporary folder that is removed on exit.
"""

import argparse
import asyncio
import atexit
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

try:
    import grpc
except ImportError:
    sys.exit(f"grpcio is not importable from {sys.executable}; run with /usr/bin/python3 (Debian python3-grpcio)")

PROTOS = Path(__file__).resolve().parent / "protos"


def generate(out: Path) -> None:
    """Writes echo_pb2.py and echo_pb2_grpc.py into out."""
    plugin = shutil.which("grpc_python_plugin")
    if shutil.which("protoc") is None or plugin is None:
        sys.exit("protoc and grpc_python_plugin are needed (Debian protobuf-compiler, protobuf-compiler-grpc)")
    subprocess.run(
        ["protoc", f"--proto_path={PROTOS}", f"--python_out={out}", f"--grpc_python_out={out}",
         f"--plugin=protoc-gen-grpc_python={plugin}", str(PROTOS / "echo.proto")],
        check=True,
    )


def load_stubs(gen: str | None):
    if gen is None:
        tmp = tempfile.mkdtemp(prefix="bench-echo-py.")
        atexit.register(shutil.rmtree, tmp, True)
        generate(Path(tmp))
        gen = tmp
    sys.path.insert(0, gen)
    import echo_pb2_grpc  # noqa: E402  (generated)
    return echo_pb2_grpc


async def serve(port: int, stubs) -> None:
    class Echo(stubs.EchoServicer):
        async def Call(self, request, context):
            return request

    server = grpc.aio.server()
    stubs.add_EchoServicer_to_server(Echo(), server)
    address = f"127.0.0.1:{port}"
    if server.add_insecure_port(address) == 0:
        sys.exit(f"cannot listen on {address}")
    await server.start()
    print(f"listening on http://{address} (h2c)", flush=True)

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    await server.stop(grace=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--gen", help="folder holding echo_pb2.py and echo_pb2_grpc.py (generated when absent)")
    args = parser.parse_args()
    if not 1 <= args.port <= 65535:
        parser.error("--port must be 1-65535")
    asyncio.run(serve(args.port, load_stubs(args.gen)))


if __name__ == "__main__":
    main()
