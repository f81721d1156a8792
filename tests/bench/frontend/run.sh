#!/usr/bin/env bash
# tests/bench/frontend/run.sh — the text frontend benchmark (docs/benchmarks.md, "Text frontend").
#
# Characters per second of Mandarin and English analysis (normalization, sentence split, G2P) in this process and
# through the real Frontend service over loopback gRPC (1 and 4 callers), beside the espeak-ng command line on the
# same English text (from a file, and one process per sentence) — all in one run. The texts are the sentences of
# tests/data/eval/golden.jsonl. Prints a markdown table and writes it to .artifacts/bench/frontend.md.
#
# Environment:
#   BENCH_SECONDS=5   measured seconds per row (after a one-second warm-up)
#
# Needs: dotnet (global.json), the espeak-ng command line and libespeak-ng1, the Mandarin lexicon under .tools/
# (all from ./fleet setup). Run it on a quiet machine and report the load average it prints.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
OUT="$ROOT/.artifacts/bench/frontend.md"

command -v espeak-ng >/dev/null 2>&1 || { echo "bench: espeak-ng not found: run ./fleet setup" >&2; exit 1; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build "$HERE/VoiceFleet.Bench.Frontend/VoiceFleet.Bench.Frontend.csproj" -c Release --nologo -v quiet -tl:off >&2
exec dotnet "$ROOT/.artifacts/bin/VoiceFleet.Bench.Frontend/release/VoiceFleet.Bench.Frontend.dll" --seconds "${BENCH_SECONDS:-5}" --out "$OUT"
