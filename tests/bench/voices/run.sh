#!/usr/bin/env bash
# tests/bench/voices/run.sh — the generated voices' benchmark (./fleet bench voices runs this after set-up).
#
# Forges the test models into a temporary store (voicefleet models forge), then measures, for every forged voice
# (forge-voice v21, v23, v-slow, v-noisy, v-drift; forge-voice-two-stage and forge-piper v21, v23):
#   rtf      real-time factor (median wall time ÷ audio duration) for about 1, 3 and 10 s of audio, one intra-op
#            thread and two, after two warm-up runs (BENCH_RUNS timed runs, default 7)
#   memory   RSS growth per additional open session, after opening and after one 3 s run (BENCH_SESSIONS, default 4)
# The table goes to stdout and .artifacts/bench/voices.md; raw JSON lines to .artifacts/bench/voices-runs.jsonl.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
RUNS=${BENCH_RUNS:-7}
SESSIONS=${BENCH_SESSIONS:-4}
OUT_DIR="$ROOT/.artifacts/bench"
PROJECT="$HERE/VoiceFleet.Bench.Voices/VoiceFleet.Bench.Voices.csproj"
BENCH_DLL="$ROOT/.artifacts/bin/VoiceFleet.Bench.Voices/release/VoiceFleet.Bench.Voices.dll"
CLI_DLL="$ROOT/.artifacts/bin/VoiceFleet.Cli/release/voicefleet.dll"
export VOICEFLEET_ORT_LIBRARY="${VOICEFLEET_ORT_LIBRARY:-$ROOT/.tools/onnxruntime/1.30.0/libonnxruntime.so.1}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

say() { printf 'bench: %s\n' "$*" >&2; }
die() { printf 'bench: error: %s\n' "$*" >&2; exit 1; }

[[ $RUNS =~ ^[1-9][0-9]*$ && $SESSIONS =~ ^[1-9][0-9]*$ ]] || die "BENCH_RUNS and BENCH_SESSIONS must be positive integers"
[[ -f $VOICEFLEET_ORT_LIBRARY ]] || die "no ONNX Runtime library at $VOICEFLEET_ORT_LIBRARY (run ./fleet setup)"

TMP=$(mktemp -d -t voicefleet-bench-voices.XXXXXX)
trap 'rm -rf -- "$TMP"' EXIT

say "building the benchmark and the CLI (Release)"
for project in "$PROJECT" "$ROOT/services/Cli/VoiceFleet.Cli.csproj"; do
  dotnet build "$project" -c Release --nologo -v quiet -tl:off >"$TMP/build.log" 2>&1 || { cat "$TMP/build.log" >&2; die "build failed"; }
done

say "forging the test models"
dotnet "$CLI_DLL" models forge "$TMP/store" >&2

mkdir -p "$OUT_DIR"
RAW="$OUT_DIR/voices-runs.jsonl"
STARTED=$(date -u '+%Y-%m-%d %H:%M')
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
: >"$RAW"
for threads in 1 2; do
  say "real-time factor, $threads intra-op thread(s)"
  dotnet "$BENCH_DLL" rtf --store "$TMP/store" --runs "$RUNS" --threads "$threads" >>"$RAW"
done
say "memory per session"
dotnet "$BENCH_DLL" memory --store "$TMP/store" --sessions "$SESSIONS" >>"$RAW"
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

/usr/bin/python3 - "$RAW" "$STARTED" "$LOAD_BEFORE" "$LOAD_AFTER" <<'PY' | tee "$OUT_DIR/voices.md"
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
print(f"## Generated voices: real-time factor and memory\n\n- when: {sys.argv[2]} UTC; load averages {sys.argv[3]} before, {sys.argv[4]} after\n")
print("| voice | threads | ~1 s: RTF (ms) | ~3 s: RTF (ms) | ~10 s: RTF (ms) |\n|---|---:|---:|---:|---:|")
rtf = [r for r in rows if r["case"] == "rtf"]
for voice in dict.fromkeys(r["voice"] for r in rtf):
    for threads in sorted({r["threads"] for r in rtf}):
        cells = [f'{r["rtf"]:.4f} ({r["median_ms"]:.0f} ms for {r["audio_s"]:.2f} s)' for r in rtf if r["voice"] == voice and r["threads"] == threads]
        print(f"| {voice} | {threads} | " + " | ".join(cells) + " |")
print("\n| voice | model files KiB | RSS KiB per extra session, opened | after a 3 s run |\n|---|---:|---:|---:|")
for r in (r for r in rows if r["case"] == "memory"):
    print(f'| {r["voice"]} | {r["model_kib"]} | {r["rss_kib_per_session_opened"]} | {r["rss_kib_per_session_after_3s_run"]} |')
PY
say "written ${OUT_DIR#"$ROOT"/}/voices.md and ${RAW#"$ROOT"/}"
