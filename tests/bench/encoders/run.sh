#!/usr/bin/env bash
# tests/bench/encoders/run.sh — the Encoders benchmark: EmbedSpeaker on the real service (in-process,
# loopback gRPC, forged speaker encoder on ONNX Runtime, SQLite store) from our own gRPC client.
#
#   encode latency on cache misses for 3, 5 and 10 s references (p50, p95), cache-hit latency, and
#   throughput of 5 s references at concurrency 1, 4 and 8. Prints a markdown table (also written to
#   .artifacts/bench/encoders.md) with the load average before and after.
#
# Environment:
#   BENCH_SECONDS=10    length of each throughput run
#   BENCH_REQUESTS=40   requests per latency point
#   BENCH_MODELS=.artifacts/models   the model store (forged there when missing)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
OUT_DIR="$ROOT/.artifacts/bench"
PROJECT="$HERE/VoiceFleet.Bench.Encoders/VoiceFleet.Bench.Encoders.csproj"
mkdir -p "$OUT_DIR"

dotnet build "$PROJECT" -c Release --nologo -v quiet >&2
dotnet "$ROOT/.artifacts/bin/VoiceFleet.Bench.Encoders/release/VoiceFleet.Bench.Encoders.dll" \
  "${BENCH_MODELS:-$ROOT/.artifacts/models}" "${BENCH_SECONDS:-10}" "${BENCH_REQUESTS:-40}" | tee "$OUT_DIR/encoders.md"
