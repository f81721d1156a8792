#!/usr/bin/env bash
# tests/bench/onnx/run.sh [CASE...] — the ONNX Runtime binding benchmark (./fleet bench onnx runs this after set-up).
#
#   latency   per-call time of our binding (services/Shared/Onnx/Runtime) on a one-node model, C = A + B over
#             float [1, 256], against onnxruntime-node 1.30.0 on the same model file, the same library version and
#             the same session settings (intra-op and inter-op threads 1, sequential, all graph optimizations):
#             OnnxSession.Run (new output tensor) and RunInto (caller buffer) against `await session.run(feeds)`,
#             with ORT's own Run on the same session (values made once) as the floor under both. Processes
#             interleaved ours, node, ours, node, …; each reports the median of its timed batches.
#   memory    growth of the process per additional open session, for the Add model and a medium model
#             (three MatMuls, 6 MiB of weights), ours and node.
#
# With no CASE, both. The table goes to stdout and .artifacts/bench/onnx.md; every process's raw figures (with the
# CPU other processes used meanwhile) to .artifacts/bench/onnx-runs.jsonl.
# A later case (say, the real-time factor of the generated voices) is a function bench_NAME below, a command in
# tests/bench/onnx/VoiceFleet.Bench.Onnx, and a section in report.py.
#
# Environment:
#   BENCH_ROUNDS=3       processes per implementation in the latency case
#   BENCH_CALLS=10000    calls per timed batch
#   BENCH_BATCHES=31     timed batches per process (the calls compared alternate batch by batch)
#   BENCH_WARMUP=2       seconds of warm-up per process
#   BENCH_SESSIONS=8     extra sessions opened in the memory case
#
# Needs: dotnet (global.json), node and npm (onnxruntime-node@1.30.0 is installed once, scripts off, under
# .tools/bench-node/), /usr/bin/python3, and the native library `./fleet setup` installs.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
ORT_VERSION=1.30.0
ROUNDS=${BENCH_ROUNDS:-3}
CALLS=${BENCH_CALLS:-10000}
BATCHES=${BENCH_BATCHES:-31}
WARMUP=${BENCH_WARMUP:-2}
SESSIONS=${BENCH_SESSIONS:-8}
PY=/usr/bin/python3
OUT_DIR="$ROOT/.artifacts/bench"
NODE_DIR="$ROOT/.tools/bench-node"
NODE_MODULES="$NODE_DIR/node_modules"
PROJECT="$HERE/VoiceFleet.Bench.Onnx/VoiceFleet.Bench.Onnx.csproj"
BENCH_DLL="$ROOT/.artifacts/bin/VoiceFleet.Bench.Onnx/release/VoiceFleet.Bench.Onnx.dll"
export VOICEFLEET_ORT_LIBRARY="${VOICEFLEET_ORT_LIBRARY:-$ROOT/.tools/onnxruntime/$ORT_VERSION/libonnxruntime.so.1}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

say() { printf 'bench: %s\n' "$*" >&2; }
die() { printf 'bench: error: %s\n' "$*" >&2; exit 1; }
usage() { awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "${BASH_SOURCE[0]}"; }

CASES=()
for arg in "$@"; do
  case "$arg" in
    latency | memory) CASES+=("$arg") ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown case '$arg' (known: latency, memory)" ;;
  esac
done
((${#CASES[@]} > 0)) || CASES=(latency memory)
for name in ROUNDS CALLS BATCHES WARMUP SESSIONS; do
  [[ ${!name} =~ ^[1-9][0-9]*$ ]] || die "BENCH_$name must be a positive integer"
done

for tool in dotnet node npm; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool not found"
done
[[ -x $PY ]] || die "$PY not found"
[[ -f $VOICEFLEET_ORT_LIBRARY ]] || die "no ONNX Runtime library at $VOICEFLEET_ORT_LIBRARY (run ./fleet setup)"

TMP=$(mktemp -d -t voicefleet-bench-onnx.XXXXXX)
trap 'rm -rf -- "$TMP"' EXIT

# --- onnxruntime-node, once ------------------------------------------------------------------------

case "$(uname -m)" in
  x86_64 | amd64) ARCH=x64 ;;
  aarch64 | arm64) ARCH=arm64 ;;
  *) die "onnxruntime-node has no library for $(uname -m)" ;;
esac
NODE_BIN="$NODE_MODULES/onnxruntime-node/bin/napi-v6/linux/$ARCH"

node_installed() {
  [[ -f $NODE_MODULES/onnxruntime-node/package.json && -f $NODE_MODULES/onnxruntime-common/package.json ]] || return 1
  [[ $(node -p "require('$NODE_MODULES/onnxruntime-node/package.json').version" 2>/dev/null) == "$ORT_VERSION" ]] || return 1
  [[ -f $NODE_BIN/onnxruntime_binding.node && -f $NODE_BIN/libonnxruntime.so.1 ]]
}

if ! node_installed; then
  say "installing onnxruntime-node@$ORT_VERSION into ${NODE_DIR#"$ROOT"/} (about 110 MB, install scripts off)"
  mkdir -p "$NODE_DIR"
  # --ignore-scripts: the package's postinstall only fetches GPU providers; the CPU library is in the tarball.
  npm install --prefix "$NODE_DIR" --no-audit --no-fund --ignore-scripts --loglevel=error \
    "onnxruntime-node@$ORT_VERSION" >"$TMP/npm.log" 2>&1 || { cat "$TMP/npm.log" >&2; die "npm install failed"; }
  node_installed || die "onnxruntime-node@$ORT_VERSION did not install as expected under ${NODE_DIR#"$ROOT"/}"
fi

# --- build and models ------------------------------------------------------------------------------

say "building ${PROJECT#"$ROOT"/} (Release)"
dotnet build "$PROJECT" -c Release --nologo -v quiet -tl:off >"$TMP/build.log" 2>&1 || { cat "$TMP/build.log" >&2; die "build failed"; }
[[ -f $BENCH_DLL ]] || die "$BENCH_DLL missing after the build"

MODELS="$TMP/models"
dotnet "$BENCH_DLL" models --out "$MODELS"

mkdir -p "$OUT_DIR"
RUNS="$OUT_DIR/onnx-runs.jsonl"
: >"$RUNS"
STARTED=$(date -u '+%Y-%m-%d %H:%M')
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

ours() { "$PY" "$HERE/report.py" measure "$RUNS" -- dotnet "$BENCH_DLL" "$@"; }
nodejs() { "$PY" "$HERE/report.py" measure "$RUNS" -- node --expose-gc "$HERE/node/bench.cjs" "$@" --modules "$NODE_MODULES"; }

# --- cases -------------------------------------------------------------------------------------------

bench_latency() {
  local round args=(--model "$MODELS/add.onnx" --calls "$CALLS" --rounds "$BATCHES" --warmup-seconds "$WARMUP")
  for ((round = 1; round <= ROUNDS; round++)); do
    say "latency round $round/$ROUNDS: ours"
    ours latency "${args[@]}" >/dev/null
    say "latency round $round/$ROUNDS: onnxruntime-node"
    nodejs latency "${args[@]}" >/dev/null
  done
}

bench_memory() {
  local model
  for model in add medium; do
    say "memory: $model.onnx, ours and onnxruntime-node"
    ours memory --model "$MODELS/$model.onnx" --sessions "$SESSIONS" >/dev/null
    nodejs memory --model "$MODELS/$model.onnx" --sessions "$SESSIONS" >/dev/null
  done
}

for name in "${CASES[@]}"; do
  "bench_$name"
done

# --- report ------------------------------------------------------------------------------------------

same=no
if cmp -s "$VOICEFLEET_ORT_LIBRARY" "$NODE_BIN/libonnxruntime.so.1"; then same=yes; fi
"$PY" - "$TMP/header.json" <<EOF
import json, sys
cpu = next((l.split(':', 1)[1].strip() for l in open('/proc/cpuinfo') if l.startswith('model name')), 'unknown CPU')
mem = next((l.split(':', 1)[1].strip() for l in open('/proc/meminfo') if l.startswith('MemTotal')), '?')
kib = int(mem.split()[0]) if mem != '?' else 0
json.dump({
    'started': '$STARTED', 'finished': '$(date -u '+%H:%M')',
    'cpu': cpu, 'cores': $(nproc), 'memory': f'{kib / 1024 / 1024:.0f} GiB RAM',
    'dotnet': '$(dotnet --version)', 'node': '$(node --version)', 'ort': '$ORT_VERSION', 'same_library': '$same',
    'load_before': '$LOAD_BEFORE', 'load_after': '$(cut -d' ' -f1-3 /proc/loadavg)',
}, open(sys.argv[1], 'w'))
EOF
"$PY" "$HERE/report.py" table "$RUNS" "$TMP/header.json" | tee "$OUT_DIR/onnx.md"
say "written ${OUT_DIR#"$ROOT"/}/onnx.md and ${RUNS#"$ROOT"/}"
