#!/usr/bin/env bash
# Generates the Python protobuf and grpcio stubs used by server.py and client.py
# into tests/interop/gen/ (git-ignored). server.py and client.py run this
# themselves when gen/ is missing or stale, so calling it by hand is optional.
#
# Needs Debian packages protobuf-compiler (protoc) and
# protobuf-compiler-grpc (grpc_python_plugin).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_protos="$(cd "$here/../.." && pwd)/protos"
out="$here/gen"

protoc_bin="$(command -v protoc || true)"
if [[ -z "$protoc_bin" ]]; then
  echo "gen.sh: protoc not found; install the Debian package protobuf-compiler" >&2
  exit 1
fi
plugin="$(command -v grpc_python_plugin || true)"
if [[ -z "$plugin" ]]; then
  echo "gen.sh: grpc_python_plugin not found; install the Debian package protobuf-compiler-grpc" >&2
  exit 1
fi

mkdir -p "$out"
tmp="$(mktemp -d "$out/.tmp.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

"$protoc_bin" \
  --proto_path="$here/protos" \
  --proto_path="$repo_protos" \
  --python_out="$tmp" \
  --grpc_out="$tmp" \
  --plugin=protoc-gen-grpc="$plugin" \
  "$here/protos/grpc/testing/empty.proto" \
  "$here/protos/grpc/testing/messages.proto" \
  "$here/protos/grpc/testing/test.proto" \
  "$repo_protos/grpc/health/v1/health.proto"

# Swap the fresh tree in only once protoc has succeeded.
rm -rf "$out/grpc"
mv "$tmp/grpc" "$out/grpc"
