#!/usr/bin/env bash
# tests/bench/synthesis/run.sh — the Synthesis benchmark: the Frontend, the Encoders and Synthesis services
# (forged voices on ONNX Runtime) in one process on loopback, called over gRPC by our own client.
#
#   platform overhead (end-to-end latency vs the model's own run time) for 1- and 3-sentence requests,
#   time to first audio (streaming vs unary, 5 sentences), throughput and memory at concurrency 1, 4, 8
#   and 16 with dynamic batching on and off, and the real-time factor of each model shape. Prints markdown
#   (also written to .artifacts/bench/synthesis.md) with the load average before and after.
#
# Environment:
#   BENCH_SECONDS=10    length of each throughput point
#   BENCH_REQUESTS=30   requests per latency point
#   BENCH_MODELS=.artifacts/models   the model store (forged there when missing)
#   BENCH_OVERHEAD_ONLY=1   stop after the platform-overhead table (about a minute)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
OUT_DIR="$ROOT/.artifacts/bench"
PROJECT="$HERE/VoiceFleet.Bench.Synthesis/VoiceFleet.Bench.Synthesis.csproj"
mkdir -p "$OUT_DIR"

dotnet build "$PROJECT" -c Release --nologo -v quiet >&2
dotnet "$ROOT/.artifacts/bin/VoiceFleet.Bench.Synthesis/release/VoiceFleet.Bench.Synthesis.dll" \
  "${BENCH_MODELS:-$ROOT/.artifacts/models}" "${BENCH_SECONDS:-10}" "${BENCH_REQUESTS:-30}" | tee "$OUT_DIR/synthesis.md"
