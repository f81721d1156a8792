"""Generated interop stubs for server.py and client.py.

Importing this module makes sure tests/interop/gen/ is up to date (running
gen.sh when it is missing or its inputs changed) and exposes the generated
modules as `empty_pb2`, `messages_pb2`, `test_pb2_grpc`, `health_pb2` and
`health_pb2_grpc`.

protoc names Python modules after the .proto paths, e.g.
grpc/testing/test.proto -> grpc.testing.test_pb2, which lives inside grpcio's
own `grpc` package namespace. grpcio has no `grpc.testing` or `grpc.health`
subpackages, so the generated gen/grpc/ tree is appended to `grpc.__path__`
instead of shadowing grpcio.
"""

import fcntl
import hashlib
import subprocess
import sys
from pathlib import Path

try:
    import grpc
except ImportError:
    sys.exit(
        f"grpcio is not importable from {sys.executable}; "
        "run with /usr/bin/python3 (Debian python3-grpcio)"
    )

HERE = Path(__file__).resolve().parent
GEN = HERE / "gen"
INPUTS = [
    HERE / "gen.sh",
    *sorted((HERE / "protos").rglob("*.proto")),
    HERE.parent.parent / "protos" / "grpc" / "health" / "v1" / "health.proto",
]


def _inputs_digest():
    digest = hashlib.sha256()
    for path in INPUTS:
        digest.update(str(path.relative_to(HERE.parent.parent)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _ensure_generated():
    GEN.mkdir(exist_ok=True)
    stamp = GEN / ".stamp"
    # The lock keeps a server and a client started together from regenerating
    # the tree under each other's feet.
    with open(GEN / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        digest = _inputs_digest()
        if stamp.exists() and stamp.read_text() == digest:
            return
        result = subprocess.run(
            ["bash", str(HERE / "gen.sh")], capture_output=True, text=True
        )
        if result.returncode != 0:
            sys.exit(f"gen.sh failed: {result.stderr.strip() or result.stdout.strip()}")
        stamp.write_text(digest)


_ensure_generated()
grpc.__path__.append(str(GEN / "grpc"))

from grpc.testing import empty_pb2, messages_pb2, test_pb2_grpc  # noqa: E402
from grpc.health.v1 import health_pb2, health_pb2_grpc  # noqa: E402

__all__ = ["empty_pb2", "messages_pb2", "test_pb2_grpc", "health_pb2", "health_pb2_grpc"]
