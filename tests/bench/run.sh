#!/usr/bin/env bash
# tests/bench/run.sh [NAME] — the benchmarks of VoiceFleet (./fleet bench NAME runs this after set-up).
#
#   rpc (default)  our gRPC transport (services/Shared/Rpc) against libgrpc++ (callback API) and
#                  python3-grpcio (grpc.aio): one unary echo.Echo/Call with a 1 KiB payload, loaded by
#                  h2load at 1, 16 and 64 concurrent streams, then by our own C# client (GrpcChannel)
#                  against our server and the C++ one. Prints a markdown table and writes it to
#                  .artifacts/bench/rpc.md (logs of the servers and of failed runs beside it).
#
# Everything listens on 127.0.0.1 only, and every process started here is stopped on exit.
#
# Environment:
#   BENCH_ROUNDS=3    rounds per target and concurrency (targets interleaved A,B,C,A,B,C…); median kept
#   BENCH_SECONDS=6   aimed length of one measured run (its -n comes from a 2 s probe run just before)
#   BENCH_CLIENT=1    0 skips the C# client runs
#
# Needs: dotnet (global.json), h2load and nghttp (nghttp2-client), /usr/bin/python3 with grpcio
# (python3-grpcio), protoc (protobuf-compiler), grpc_python_plugin and grpc_cpp_plugin
# (protobuf-compiler-grpc); for the C++ row also g++, pkg-config and libgrpc++-dev (without them the
# row is reported unavailable and the rest goes on). All are in deploy/local/apt-packages.txt.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
ROUNDS=${BENCH_ROUNDS:-3}
SECONDS_PER_RUN=${BENCH_SECONDS:-6}
RUN_CLIENT=${BENCH_CLIENT:-1}
PY=/usr/bin/python3
PAYLOAD=1024
CONCURRENCIES=(1 16 64)
RPC_PATH=/echo.Echo/Call
OUT_DIR="$ROOT/.artifacts/bench"

say() { printf 'bench: %s\n' "$*" >&2; }
die() { printf 'bench: error: %s\n' "$*" >&2; exit 1; }

usage() { awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "${BASH_SOURCE[0]}"; }

NAME=${1:-rpc}
case "$NAME" in
  rpc) ;;
  -h | --help) usage; exit 0 ;;
  *) usage >&2; die "unknown benchmark '$NAME' (known: rpc)" ;;
esac
(($# <= 1)) || die "too many arguments"
[[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || die "BENCH_ROUNDS must be a positive integer"
[[ $SECONDS_PER_RUN =~ ^[1-9][0-9]*$ ]] || die "BENCH_SECONDS must be a positive integer"

# --- processes and clean-up ---------------------------------------------------------------------

TMP=$(mktemp -d -t voicefleet-bench.XXXXXX)
PIDS=()
cleanup() {
  local pid i
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for ((i = 0; i < 50; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf -- "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for tool in dotnet h2load nghttp protoc grpc_python_plugin; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool not found (see deploy/local/apt-packages.txt; ./fleet setup installs it)"
done
[[ -x $PY ]] || die "$PY not found"

free_port() {
  "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Starts a server in the background (its stdout and stderr in $TMP/NAME.log) and waits for its port.
# Sets STARTED_PID. Usage: start_server NAME PORT COMMAND...
start_server() {
  local name=$1 port=$2 i
  shift 2
  "$@" >"$TMP/$name.log" 2>&1 &
  STARTED_PID=$!
  PIDS+=("$STARTED_PID")
  for ((i = 0; i < 300; i++)); do
    kill -0 "$STARTED_PID" 2>/dev/null || { cat "$TMP/$name.log" >&2; return 1; }
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  say "$name did not open port $port within 30 s"
  return 1
}

# One real call with nghttp: HTTP 200, a 1032-byte DATA frame back (5-byte prefix + 1027-byte Msg)
# and grpc-status 0 in the trailers. h2load only counts HTTP statuses, so this is the gRPC-level check.
verify_grpc() {
  local name=$1 port=$2 out="$TMP/verify-$1.txt"
  nghttp -nv -H 'content-type: application/grpc' -H 'te: trailers' -d "$BODY" \
    "http://127.0.0.1:$port$RPC_PATH" >"$out" 2>&1 || true
  if grep -aq ':status: 200' "$out" && grep -aq 'recv DATA frame <length=1032,' "$out" &&
    grep -aqE 'grpc-status: 0\s*$' "$out"; then
    say "$name answers $RPC_PATH with grpc-status 0 and the 1 KiB echo"
    return 0
  fi
  say "$name failed the gRPC check; nghttp said:"
  grep -aE 'recv|send HEADERS|error' "$out" | head -n 30 >&2 || true
  return 1
}

# --- CPU accounting: how much of the box others used during each run ------------------------------

HZ=$(getconf CLK_TCK)
busy_jiffies() { # every CPU's non-idle time so far
  local _cpu user nice system _idle _iowait irq softirq steal _rest
  read -r _cpu user nice system _idle _iowait irq softirq steal _rest </proc/stat
  echo $((user + nice + system + irq + softirq + steal))
}
ours_jiffies() { # user + system time of every server started here
  local pid stat fields sum=0
  for pid in "${PIDS[@]}"; do
    stat=$(cat "/proc/$pid/stat" 2>/dev/null) || continue
    read -ra fields <<<"${stat##*) }"
    sum=$((sum + fields[11] + fields[12]))
  done
  echo "$sum"
}
pid_jiffies() { # user + system time of one process
  local stat fields
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || { echo 0; return; }
  read -ra fields <<<"${stat##*) }"
  echo $((fields[11] + fields[12]))
}

# --- build ----------------------------------------------------------------------------------------

mkdir -p "$OUT_DIR"
LOG_DIR="$OUT_DIR/rpc-logs"
rm -rf -- "$LOG_DIR"
mkdir -p "$LOG_DIR"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
say "load average before: $LOAD_BEFORE ($(nproc) CPUs)"

BODY="$TMP/body.bin"
"$PY" - "$BODY" "$PAYLOAD" <<'EOF'
import sys
path, size = sys.argv[1], int(sys.argv[2])
payload = bytes(i % 251 for i in range(size))
def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)
msg = b"\x0a" + varint(size) + payload          # Msg { bytes payload = 1; }
with open(path, "wb") as f:
    f.write(b"\x00" + len(msg).to_bytes(4, "big") + msg)  # gRPC Length-Prefixed-Message
EOF

say "building the C# server and client (Release)"
for proj in VoiceFleet.Bench.EchoServer VoiceFleet.Bench.Client; do
  if ! dotnet build "$HERE/$proj/$proj.csproj" -c Release --nologo -v q -tl:off >"$TMP/build-$proj.log" 2>&1; then
    cat "$TMP/build-$proj.log" >&2
    die "dotnet build $proj failed"
  fi
done
SERVER_DLL="$ROOT/.artifacts/bin/VoiceFleet.Bench.EchoServer/release/VoiceFleet.Bench.EchoServer.dll"
CLIENT_DLL="$ROOT/.artifacts/bin/VoiceFleet.Bench.Client/release/VoiceFleet.Bench.Client.dll"
[[ -f $SERVER_DLL && -f $CLIENT_DLL ]] || die "build outputs not found under .artifacts/bin/"

PY_REASON=""
mkdir -p "$TMP/py"
if ! "$PY" -c 'import grpc' 2>/dev/null; then
  PY_REASON="grpcio not importable from $PY (python3-grpcio)"
elif ! protoc --proto_path="$HERE/protos" --python_out="$TMP/py" --grpc_python_out="$TMP/py" \
  --plugin=protoc-gen-grpc_python="$(command -v grpc_python_plugin)" "$HERE/protos/echo.proto" 2>"$TMP/py.log"; then
  PY_REASON="protoc for the Python stubs failed: $(head -c 300 "$TMP/py.log")"
fi

CPP_REASON=""
CPP_BIN="$TMP/cpp/echo_server"
build_cpp() {
  local tool
  for tool in g++ pkg-config grpc_cpp_plugin; do
    command -v "$tool" >/dev/null 2>&1 || { CPP_REASON="$tool not found"; return 1; }
  done
  pkg-config --exists grpc++ protobuf 2>/dev/null || { CPP_REASON="pkg-config knows no grpc++/protobuf (libgrpc++-dev)"; return 1; }
  mkdir -p "$TMP/cpp"
  say "building the libgrpc++ $(pkg-config --modversion grpc++) echo server (g++ -O2)"
  # shellcheck disable=SC2046 # pkg-config's flags must split into words
  if ! (cd "$TMP/cpp" &&
    protoc --proto_path="$HERE/protos" --cpp_out=. --grpc_out=. \
      --plugin=protoc-gen-grpc="$(command -v grpc_cpp_plugin)" "$HERE/protos/echo.proto" &&
    g++ -O2 -std=c++17 -I. -o echo_server "$HERE/cpp/echo_server.cc" echo.pb.cc echo.grpc.pb.cc \
      $(pkg-config --cflags --libs grpc++ protobuf)) >"$TMP/cpp-build.log" 2>&1; then
    cp "$TMP/cpp-build.log" "$LOG_DIR/cpp-build.log"
    CPP_REASON="the C++ build failed (.artifacts/bench/rpc-logs/cpp-build.log)"
    return 1
  fi
}
build_cpp || say "C++ server unavailable: $CPP_REASON"

# --- servers --------------------------------------------------------------------------------------

declare -A PORT=() SPID=() LABEL=() REASON=()
TARGETS=()
LABEL[ours]="ours (C#, VoiceFleet.Rpc)"
LABEL[cpp]="C++ (libgrpc++ callback)"
LABEL[python]="Python (grpcio aio)"

add_target() { # KEY COMMAND... (with @PORT@ for the port)
  local key=$1 port arg args=()
  shift
  port=$(free_port)
  for arg in "$@"; do args+=("${arg//@PORT@/$port}"); done
  if ! start_server "$key" "$port" "${args[@]}"; then
    cp "$TMP/$key.log" "$LOG_DIR/$key.log" 2>/dev/null || true
    REASON[$key]="did not start (.artifacts/bench/rpc-logs/$key.log)"
    say "${LABEL[$key]} did not start"
    return 0
  fi
  if ! verify_grpc "${LABEL[$key]}" "$port"; then
    REASON[$key]="failed the grpc-status check"
    return 0
  fi
  PORT[$key]=$port
  SPID[$key]=$STARTED_PID
  TARGETS+=("$key")
}

add_target ours dotnet "$SERVER_DLL" --port @PORT@
[[ -n ${PORT[ours]:-} ]] || die "our server is not usable: ${REASON[ours]}"
if [[ -z $CPP_REASON ]]; then add_target cpp "$CPP_BIN" --port @PORT@; else REASON[cpp]=$CPP_REASON; fi
if [[ -z $PY_REASON ]]; then
  add_target python "$PY" "$HERE/python_echo_server.py" --port @PORT@ --gen "$TMP/py"
else
  REASON[python]=$PY_REASON
fi

# --- runs -----------------------------------------------------------------------------------------

RESULTS="$TMP/results.tsv" # loader target streams round rps p50_ms p99_ms other_cores server_us_per_req
: >"$RESULTS"
FAILED_RUNS=0

h2load_shape() { # streams -> h2load connection options
  case $1 in
    1) echo "-c 1 -m 1" ;;
    16) echo "-c 4 -m 4" ;;
    64) echo "-c 4 -m 16" ;;
    *) die "no h2load shape for $1 streams" ;;
  esac
}

# Runs h2load; OUT is its output, the log file OUT.log. Usage: h2load_run OUT PORT STREAMS ARGS...
h2load_run() {
  local out=$1 port=$2 streams=$3 shape
  shift 3
  read -ra shape <<<"$(h2load_shape "$streams")"
  h2load -t 1 "${shape[@]}" "$@" -d "$BODY" \
    -H 'content-type: application/grpc' -H 'te: trailers' \
    "http://127.0.0.1:$port$RPC_PATH" >"$out" 2>&1
}

h2load_rps() { sed -n 's/^finished in .*, \([0-9.]*\) req\/s.*/\1/p' "$1"; }

# Every request started, done and succeeded with a 2xx: none failed, errored or timed out.
h2load_clean() {
  local out=$1 total
  total=$(sed -n 's/^requests: \([0-9]*\) total, .*/\1/p' "$out")
  [[ -n $total && $total -gt 0 ]] &&
    grep -q "^requests: $total total, $total started, $total done, $total succeeded, 0 failed, 0 errored, 0 timeout" "$out" &&
    grep -q "^status codes: $total 2xx, 0 3xx, 0 4xx, 0 5xx" "$out"
}

# p50 and p99 in ms from h2load's --log-file (third column: µs to the end of the response); also
# checks that every row has status 200 and that there are as many rows as requests.
log_percentiles() {
  "$PY" - "$1" "$2" <<'EOF'
import sys
path, expected = sys.argv[1], int(sys.argv[2])
lat = []
bad = 0
with open(path) as f:
    for line in f:
        cols = line.split("\t")
        if len(cols) < 3:
            continue
        if cols[1] != "200":
            bad += 1
        lat.append(int(cols[2]))
if bad or len(lat) != expected:
    print(f"log has {len(lat)} rows for {expected} requests, {bad} not 200", file=sys.stderr)
    sys.exit(1)
lat.sort()
rank = lambda p: lat[min(len(lat) - 1, max(0, -(-len(lat) * p // 100) - 1))]
print(f"{rank(50) / 1000:.3f} {rank(99) / 1000:.3f}")
EOF
}

server_us() { # JIFFIES0 PID REQUESTS -> the server's CPU time per request, in µs
  local j1
  j1=$(pid_jiffies "$2")
  "$PY" -c 'import sys; j0, j1, hz, n = map(float, sys.argv[1:]); print(f"{(j1 - j0) / hz / n * 1e6:.1f}")' "$1" "$j1" "$HZ" "$3"
}

other_cores() { # BUSY0 OURS0 LOADER_CPU_S WALL_S -> cores others used on average
  local busy1 ours1
  busy1=$(busy_jiffies)
  ours1=$(ours_jiffies)
  "$PY" -c 'import sys; b0, o0, b1, o1, hz, lc, w = map(float, sys.argv[1:]); print(f"{max(0.0, ((b1 - b0) - (o1 - o0)) / hz - lc) / w:.2f}")' \
    "$1" "$2" "$busy1" "$ours1" "$HZ" "$3" "$4"
}

keep_failed() { cp "$1" "$LOG_DIR/$2" 2>/dev/null || true; }

# A 2 s probe (after 1 s of warm-up) that also warms the server; prints the -n for ~SECONDS_PER_RUN.
h2load_probe() {
  local key=$1 streams=$2 out="$TMP/probe.txt" rps
  if ! h2load_run "$out" "${PORT[$key]}" "$streams" -D 2 --warm-up-time 1 || ! h2load_clean "$out"; then
    keep_failed "$out" "probe-$key-$streams.txt"
    echo 0
    return
  fi
  rps=$(h2load_rps "$out")
  "$PY" -c 'import sys; print(max(1000, int(float(sys.argv[1]) * int(sys.argv[2]))))' "$rps" "$SECONDS_PER_RUN"
}

h2load_measure() { # KEY STREAMS ROUND N
  local key=$1 streams=$2 round=$3 n=$4 out="$TMP/run.txt" busy0 ours0 start end wall tfile="$TMP/time.txt"
  local loader_cpu rps pct other srv0 srv
  busy0=$(busy_jiffies)
  ours0=$(ours_jiffies)
  srv0=$(pid_jiffies "${SPID[$key]}")
  start=$(date +%s.%N)
  local status=0
  rm -f -- "$out.log" # h2load appends to its log file
  TIMEFORMAT='%3U %3S'
  { time h2load_run "$out" "${PORT[$key]}" "$streams" -n "$n" --log-file "$out.log"; } 2>"$tfile" || status=$?
  end=$(date +%s.%N)
  if ((status != 0)) || ! h2load_clean "$out" || ! pct=$(log_percentiles "$out.log" "$n" 2>>"$out"); then
    keep_failed "$out" "h2load-$key-$streams-r$round.txt"
    say "  h2load $key $streams streams round $round FAILED (kept in .artifacts/bench/rpc-logs/)"
    FAILED_RUNS=$((FAILED_RUNS + 1))
    printf 'h2load\t%s\t%s\t%s\tFAILED\t\t\t\t\n' "$key" "$streams" "$round" >>"$RESULTS"
    return
  fi
  loader_cpu=$(awk '{ print $1 + $2 }' "$tfile")
  wall=$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')
  other=$(other_cores "$busy0" "$ours0" "$loader_cpu" "$wall")
  srv=$(server_us "$srv0" "${SPID[$key]}" "$n")
  rps=$(h2load_rps "$out")
  say "  h2load $key $streams streams round $round: $rps req/s, p50/p99 ${pct/ / \/ } ms, server ${srv} µs CPU/req, others ${other} cores"
  printf 'h2load\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$key" "$streams" "$round" "$rps" "${pct% *}" "${pct#* }" "$other" "$srv" >>"$RESULTS"
}

json_field() { "$PY" -c 'import json, sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$1" "$2"; }

client_run() { # KEY STREAMS REQUESTS WARMUP OUT
  dotnet "$CLIENT_DLL" --target "http://127.0.0.1:${PORT[$1]}" --concurrency "$2" \
    --requests "$3" --payload "$PAYLOAD" --warmup "$4" >"$5" 2>&1
}

client_measure() { # KEY STREAMS ROUND N
  local key=$1 streams=$2 round=$3 n=$4 out="$TMP/client.txt" busy0 ours0 start end wall tfile="$TMP/time.txt"
  local json loader_cpu other status=0 srv0 srv
  busy0=$(busy_jiffies)
  ours0=$(ours_jiffies)
  srv0=$(pid_jiffies "${SPID[$key]}")
  start=$(date +%s.%N)
  TIMEFORMAT='%3U %3S'
  { time client_run "$key" "$streams" "$n" "$((n / 5))" "$out"; } 2>"$tfile" || status=$?
  end=$(date +%s.%N)
  json=$(grep -m1 '^{' "$out" || true)
  if ((status != 0)) || [[ -z $json ]] || [[ $(json_field "$json" failed) != 0 ]]; then
    keep_failed "$out" "client-$key-$streams-r$round.txt"
    say "  C# client $key $streams streams round $round FAILED (kept in .artifacts/bench/rpc-logs/)"
    FAILED_RUNS=$((FAILED_RUNS + 1))
    printf 'client\t%s\t%s\t%s\tFAILED\t\t\t\t\n' "$key" "$streams" "$round" >>"$RESULTS"
    return
  fi
  loader_cpu=$(awk '{ print $1 + $2 }' "$tfile")
  wall=$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')
  other=$(other_cores "$busy0" "$ours0" "$loader_cpu" "$wall")
  # The server also served the client's warm-up calls (n / 5).
  srv=$(server_us "$srv0" "${SPID[$key]}" "$((n + n / 5))")
  local rps p50 p99
  rps=$(json_field "$json" rps)
  p50=$(json_field "$json" p50_ms)
  p99=$(json_field "$json" p99_ms)
  say "  C# client $key $streams streams round $round: $rps req/s, p50/p99 $p50 / $p99 ms, server ${srv} µs CPU/req, others ${other} cores"
  printf 'client\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$key" "$streams" "$round" "$rps" "$p50" "$p99" "$other" "$srv" >>"$RESULTS"
}

# The .NET server first gets 12 s of load so that tiered JIT (with PGO) has settled before any figure:
# on a busy 2-CPU box it was still compiling 8 s into the load.
say "warming up our server (12 s)"
h2load_run "$TMP/warm.txt" "${PORT[ours]}" 64 -D 12 || true

declare -A N=()
for streams in "${CONCURRENCIES[@]}"; do
  say "h2load, $streams concurrent streams ($(h2load_shape "$streams"), -t 1): probing"
  for key in "${TARGETS[@]}"; do
    N[$key]=$(h2load_probe "$key" "$streams")
  done
  for ((round = 1; round <= ROUNDS; round++)); do
    for key in "${TARGETS[@]}"; do
      if [[ ${N[$key]} == 0 ]]; then
        say "  h2load $key $streams streams: probe failed, skipped"
        FAILED_RUNS=$((FAILED_RUNS + 1))
        printf 'h2load\t%s\t%s\t%s\tFAILED\t\t\t\t\n' "$key" "$streams" "$round" >>"$RESULTS"
        continue
      fi
      h2load_measure "$key" "$streams" "$round" "${N[$key]}"
    done
  done
done

if [[ $RUN_CLIENT != 0 ]]; then
  CLIENT_TARGETS=(ours)
  [[ -z ${PORT[cpp]:-} ]] || CLIENT_TARGETS+=(cpp)
  for streams in "${CONCURRENCIES[@]}"; do
    say "C# client (GrpcChannel), $streams concurrent calls: probing"
    for key in "${CLIENT_TARGETS[@]}"; do
      N[$key]=0
      if client_run "$key" "$streams" 4000 1000 "$TMP/probe.txt"; then
        json=$(grep -m1 '^{' "$TMP/probe.txt" || true)
        [[ -z $json ]] || N[$key]=$("$PY" -c 'import sys; print(max(1000, int(float(sys.argv[1]) * int(sys.argv[2]))))' \
          "$(json_field "$json" rps)" "$SECONDS_PER_RUN")
      else
        keep_failed "$TMP/probe.txt" "client-probe-$key-$streams.txt"
      fi
    done
    for ((round = 1; round <= ROUNDS; round++)); do
      for key in "${CLIENT_TARGETS[@]}"; do
        if [[ ${N[$key]} == 0 ]]; then
          say "  C# client $key $streams streams: probe failed, skipped"
          FAILED_RUNS=$((FAILED_RUNS + 1))
          printf 'client\t%s\t%s\t%s\tFAILED\t\t\t\t\n' "$key" "$streams" "$round" >>"$RESULTS"
          continue
        fi
        client_measure "$key" "$streams" "$round" "${N[$key]}"
      done
    done
  done
fi

LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
for key in ours cpp python; do [[ ! -f $TMP/$key.log ]] || cp "$TMP/$key.log" "$LOG_DIR/$key.log"; done
cp "$RESULTS" "$OUT_DIR/rpc-runs.tsv"

# --- report ---------------------------------------------------------------------------------------

unavailable=""
for key in cpp python; do
  [[ -z ${REASON[$key]:-} ]] || unavailable+="${LABEL[$key]}	${REASON[$key]}"$'\n'
done

REPORT="$OUT_DIR/rpc.md"
BENCH_META="Generated by \`./fleet bench rpc\` (tests/bench/run.sh) on $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)), dotnet $(dotnet --version), libgrpc++ $(pkg-config --modversion grpc++ 2>/dev/null || echo n/a), grpcio $("$PY" -c 'import grpc; print(grpc.__version__)' 2>/dev/null || echo n/a), $(h2load --version | head -n1)." \
LOAD_BEFORE=$LOAD_BEFORE LOAD_AFTER=$LOAD_AFTER ROUNDS=$ROUNDS SECONDS_PER_RUN=$SECONDS_PER_RUN \
  UNAVAILABLE=$unavailable LABEL_OURS=${LABEL[ours]} LABEL_CPP=${LABEL[cpp]} LABEL_PYTHON=${LABEL[python]} \
  CONCURRENCIES="${CONCURRENCIES[*]}" \
  "$PY" - "$RESULTS" "$REPORT" <<'EOF'
import os, statistics, sys
from collections import defaultdict

results_path, report_path = sys.argv[1], sys.argv[2]
env = os.environ
labels = {"ours": env["LABEL_OURS"], "cpp": env["LABEL_CPP"], "python": env["LABEL_PYTHON"]}
unavailable = [line.split("\t", 1) for line in env["UNAVAILABLE"].splitlines() if line]
concurrencies = [int(c) for c in env["CONCURRENCIES"].split()]

runs = defaultdict(list)      # (loader, target, streams) -> [(rps, p50, p99, other, server_us)]
failed = defaultdict(int)
for line in open(results_path):
    loader, target, streams, _round, rps, p50, p99, other, srv = line.rstrip("\n").split("\t")
    key = (loader, target, int(streams))
    if rps == "FAILED":
        failed[key] += 1
    else:
        runs[key].append((float(rps), float(p50), float(p99), float(other), float(srv)))

def med(key, i):
    return statistics.median(r[i] for r in runs[key]) if runs.get(key) else None

def ratio(a, b):
    return f"{a / b:.2f}×" if a and b else "—"

out = [
    "# gRPC transport benchmark (echo.Echo/Call, 1 KiB payload)",
    "",
    env["BENCH_META"],
    "",
    f"Load average (1/5/15 min) before: {env['LOAD_BEFORE']}; after: {env['LOAD_AFTER']}. "
    f"Median of {env['ROUNDS']} interleaved rounds of ~{env['SECONDS_PER_RUN']} s each; 'other CPU' is the "
    "median CPU (in cores) used during a run by processes other than the benchmark's servers and load generator; "
    "'server CPU' is the server process's user + system time per request (from /proc, 10 ms ticks).",
    "",
    "| loader | target | streams | req/s | p50 ms | p99 ms | ours ÷ C++ | ours ÷ Python | server CPU µs/req | other CPU (cores) |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
]
for loader, lkey, targets in (("h2load", "h2load", ("ours", "cpp", "python")), ("C# client", "client", ("ours", "cpp"))):
    for streams in concurrencies:
        for target in targets:
            key = (lkey, target, streams)
            if not runs.get(key) and not failed.get(key):
                continue
            if not runs.get(key):
                out.append(f"| {loader} | {labels[target]} | {streams} | failed | | | | | | |")
                continue
            rps, p50, p99, other, srv = (med(key, i) for i in range(5))
            vs_cpp = vs_py = ""
            if target == "ours":
                vs_cpp = ratio(rps, med((lkey, "cpp", streams), 0))
                vs_py = ratio(rps, med((lkey, "python", streams), 0)) if lkey == "h2load" else ""
            note = f" ({failed[key]} run(s) failed)" if failed.get(key) else ""
            out.append(f"| {loader} | {labels[target]}{note} | {streams} | {rps:,.0f} | {p50:.3f} | {p99:.3f} | {vs_cpp} | {vs_py} | {srv:.1f} | {other:.2f} |")
for label, reason in unavailable:
    out.append(f"| — | {label} | — | unavailable: {reason} | | | | | | |")
out += [
    "",
    "h2load: `-t 1`; 1 stream = `-c 1 -m 1`, 16 = `-c 4 -m 4`, 64 = `-c 4 -m 16`; p50/p99 from its `--log-file`. "
    "A run counts only when all its requests succeeded (0 failed/errored/timed out, only 2xx), and each server "
    "first answered a check call with grpc-status 0 and the echoed 1 KiB. The C# client "
    "(VoiceFleet.Bench.Client, our GrpcChannel) times each call with Stopwatch timestamps and checks every echoed payload.",
]
text = "\n".join(out) + "\n"
with open(report_path, "w") as f:
    f.write(text)
print(text, end="")
EOF

say "table written to ${REPORT#"$ROOT"/}"
((FAILED_RUNS == 0)) || die "$FAILED_RUNS run(s) failed; see .artifacts/bench/rpc-logs/"
