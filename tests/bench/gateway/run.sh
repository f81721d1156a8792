#!/usr/bin/env bash
# tests/bench/gateway/run.sh — the gateway benchmark (docs/benchmarks.md, "Gateway").
#
# One unary 1 KiB call, /voicefleet.v1.Synthesis/Synthesize, answered by a libgrpc++ echo backend, loaded by
# h2load at 16 and 64 concurrent streams through three paths in the same rounds (interleaved):
#   direct   straight to the backend;
#   gateway  through the VoiceFleet gateway (API key checked, rate limit, body buffered and inspected for
#            reference audio, sticky track choice at canary weight 20%, per-track metrics), both slots on the backend;
#   nginx    through nginx (Debian nginx-light, 1 worker, grpc_pass to two upstream groups split 80/20 by
#            split_clients on x-user-id), the configuration a team would otherwise write by hand.
# Prints a markdown table (median of the rounds) and writes it to .artifacts/bench/gateway.md.
#
# Environment:
#   BENCH_ROUNDS=3    rounds per target and concurrency; the median is kept
#   BENCH_SECONDS=5   measured seconds per run (after 1 s of warm-up)
#   BENCH_GATEWAY_ENV="NAME=value ..."   extra environment for the gateway process, to compare runtime settings
#
# Needs: dotnet (global.json), h2load and nghttp (nghttp2-client), nginx (nginx-light), protoc and
# grpc_cpp_plugin (protobuf-compiler-grpc), g++, pkg-config and libgrpc++-dev. Everything listens on
# 127.0.0.1 and every process started here is stopped on exit.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
ROUNDS=${BENCH_ROUNDS:-3}
SECONDS_PER_RUN=${BENCH_SECONDS:-5}
PY=/usr/bin/python3
RPC_PATH=/voicefleet.v1.Synthesis/Synthesize
OUT="$ROOT/.artifacts/bench/gateway.md"

say() { printf 'bench: %s\n' "$*" >&2; }
die() { printf 'bench: error: %s\n' "$*" >&2; exit 1; }

[[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || die "BENCH_ROUNDS must be a positive integer"
[[ $SECONDS_PER_RUN =~ ^[1-9][0-9]*$ ]] || die "BENCH_SECONDS must be a positive integer"
for tool in dotnet h2load nghttp nginx protoc grpc_cpp_plugin g++ pkg-config; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool not found (deploy/local/apt-packages.txt; ./fleet setup installs it)"
done
pkg-config --exists grpc++ protobuf || die "pkg-config knows no grpc++/protobuf (libgrpc++-dev)"

TMP=$(mktemp -d -t voicefleet-bench-gateway.XXXXXX)
PIDS=()
NGINX_CONF=""
cleanup() {
  local pid i
  [[ -n $NGINX_CONF && -f $TMP/nginx.pid ]] && nginx -p "$TMP" -c "$NGINX_CONF" -s stop 2>/dev/null || true
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

free_port() { "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

wait_port() { # NAME PID PORT
  local i
  for ((i = 0; i < 300; i++)); do
    kill -0 "$2" 2>/dev/null || { cat "$TMP/$1.log" >&2; die "$1 exited"; }
    (exec 3<>"/dev/tcp/127.0.0.1/$3") 2>/dev/null && return 0
    sleep 0.1
  done
  die "$1 did not open port $3 within 30 s"
}

# --- build ----------------------------------------------------------------------------------------

say "load average before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) CPUs)"
say "building the libgrpc++ $(pkg-config --modversion grpc++) backend and the gateway (Release)"
(cd "$TMP" &&
  protoc --proto_path="$HERE" --cpp_out=. --grpc_out=. --plugin=protoc-gen-grpc="$(command -v grpc_cpp_plugin)" "$HERE/synth_echo.proto" &&
  # shellcheck disable=SC2046 # pkg-config's flags must split into words
  g++ -O2 -std=c++17 -I. -o synth_echo_server "$HERE/synth_echo_server.cc" synth_echo.pb.cc synth_echo.grpc.pb.cc \
    $(pkg-config --cflags --libs grpc++ protobuf)) >"$TMP/cpp-build.log" 2>&1 || { cat "$TMP/cpp-build.log" >&2; die "the C++ build failed"; }
dotnet build "$ROOT/services/Gateway/VoiceFleet.Gateway.csproj" -c Release --nologo -v q -tl:off >"$TMP/gateway-build.log" 2>&1 ||
  { cat "$TMP/gateway-build.log" >&2; die "dotnet build of the gateway failed"; }
GATEWAY_DLL="$ROOT/.artifacts/bin/VoiceFleet.Gateway/release/VoiceFleet.Gateway.dll"

# --- inputs: the request, an API key, the routing (canary weight 20%) ------------------------------

BODY="$TMP/body.bin"
KEY=$("$PY" - "$BODY" "$TMP/keys.json" "$TMP/routing.json" <<'PYEOF'
import base64, hashlib, json, os, sys
body, keys, routing = sys.argv[1:]
payload = bytes(i % 251 for i in range(1024))
msg = b"\x0a\x80\x08" + payload                      # Msg { bytes payload = 1; }, 1024 = varint 80 08
open(body, "wb").write(b"\x00" + len(msg).to_bytes(4, "big") + msg)
kid = os.urandom(6).hex()
key = f"vfk_{kid}." + base64.urlsafe_b64encode(os.urandom(32)).decode().rstrip("=")
json.dump({"keys": [{"id": kid, "name": "bench", "sha256": hashlib.sha256(key.encode()).hexdigest(), "roles": ["synthesize"]}]}, open(keys, "w"))
json.dump({"revision": "1", "stableSlot": "SLOT_BLUE", "canarySlot": "SLOT_GREEN", "canaryWeightBps": 2000,
           "slotVersions": [{"slot": "SLOT_BLUE", "modelVersion": "v1"}, {"slot": "SLOT_GREEN", "modelVersion": "v2"}],
           "releaseId": "bench"}, open(routing, "w"))
print(key)
PYEOF
)

# --- servers --------------------------------------------------------------------------------------

BACKEND=$(free_port)
"$TMP/synth_echo_server" --port "$BACKEND" >"$TMP/backend.log" 2>&1 &
PIDS+=($!)
wait_port backend "$!" "$BACKEND"

GW_GRPC=$(free_port)
GW_HTTP=$(free_port)
DOTNET_gcServer=1 DOTNET_TieredPGO=1 env ${BENCH_GATEWAY_ENV:-} dotnet "$GATEWAY_DLL" \
  --Service:GrpcPort="$GW_GRPC" --Service:HttpPort="$GW_HTTP" --Logging:LogLevel:Default=Warning \
  --Gateway:Backends:Frontend="http://127.0.0.1:$BACKEND" --Gateway:Backends:Encoders="http://127.0.0.1:$BACKEND" \
  --Gateway:Backends:ReleaseController="http://127.0.0.1:$BACKEND" \
  --Gateway:Slots:Blue="http://127.0.0.1:$BACKEND" --Gateway:Slots:Green="http://127.0.0.1:$BACKEND" \
  --Gateway:Routing:Watch=false --Gateway:Routing:StatePath="$TMP/routing.json" \
  --Gateway:Auth:KeysFile="$TMP/keys.json" \
  --Gateway:RateLimits:RequestsPerSecond=1000000 --Gateway:RateLimits:Burst=1000000 >"$TMP/gateway.log" 2>&1 &
PIDS+=($!)
GATEWAY_PID=$!
wait_port gateway "$!" "$GW_GRPC"

NGINX=$(free_port)
NGINX_CONF="$TMP/nginx.conf"
sed "s#@DIR@#$TMP#g; s#@BACKEND@#$BACKEND#g; s#@PORT@#$NGINX#g" "$HERE/nginx.conf.template" >"$NGINX_CONF"
nginx -p "$TMP" -c "$NGINX_CONF" -e "$TMP/nginx-error.log" 2>/dev/null || nginx -p "$TMP" -c "$NGINX_CONF"
for ((i = 0; i < 50; i++)); do [[ -f $TMP/nginx.pid ]] && break; sleep 0.1; done
[[ -f $TMP/nginx.pid ]] || die "nginx did not start"

declare -A PORT=([direct]=$BACKEND [gateway]=$GW_GRPC [nginx]=$NGINX)
TARGETS=(direct gateway nginx)
HEADERS=(-H 'content-type: application/grpc' -H 'te: trailers' -H 'x-user-id: u123' -H "authorization: Bearer $KEY")

for target in "${TARGETS[@]}"; do
  out="$TMP/verify-$target.txt"
  nghttp -nv "${HEADERS[@]}" -d "$BODY" "http://127.0.0.1:${PORT[$target]}$RPC_PATH" >"$out" 2>&1 || true
  if ! grep -aq ':status: 200' "$out" || ! grep -aq 'recv DATA frame <length=1032,' "$out" || ! grep -aqE 'grpc-status: 0\s*$' "$out"; then
    grep -aE 'recv|send HEADERS|error' "$out" | head -n 30 >&2
    die "$target failed the grpc-status check"
  fi
done
grep -aq 'x-voicefleet-track: ' "$TMP/verify-gateway.txt" || die "the gateway's answer carries no x-voicefleet-track"
say "all three paths answer $RPC_PATH with grpc-status 0 and the 1 KiB echo"

# --- runs -----------------------------------------------------------------------------------------

shape() { case $1 in 16) echo "-c 4 -m 4" ;; 64) echo "-c 4 -m 16" ;; esac; }

HZ=$(getconf CLK_TCK)
# CPU time (jiffies) of the process serving a path, children included: the proxy's own cost, which stays
# comparable when other work on the machine takes cores away (req/s does not).
proxy_jiffies() { # TARGET
  local pids=() pid sum=0 stat fields
  case $1 in
    direct) pids=("${PIDS[0]}") ;;
    gateway) pids=("$GATEWAY_PID") ;;
    nginx)
      pid=$(cat "$TMP/nginx.pid")
      pids=("$pid")
      for stat in /proc/[0-9]*/stat; do
        read -ra fields <<<"$(cat "$stat" 2>/dev/null | sed 's/^.*) //')" || continue
        [[ ${fields[1]:-} == "$pid" ]] && pids+=("$(basename "$(dirname "$stat")")")
      done ;;
  esac
  for pid in "${pids[@]}"; do
    stat=$(cat "/proc/$pid/stat" 2>/dev/null) || continue
    read -ra fields <<<"${stat##*) }"
    sum=$((sum + fields[11] + fields[12]))
  done
  echo "$sum"
}

# h2load for SECONDS_PER_RUN after 1 s of warm-up; prints "rps p50_ms p99_ms cpu_us_per_req" or FAILED.
measure() { # TARGET STREAMS
  local out="$TMP/run.txt" s j0 j1
  read -ra s <<<"$(shape "$2")"
  rm -f -- "$out.log"
  j0=$(proxy_jiffies "$1")
  if ! h2load -t 1 "${s[@]}" -D "$SECONDS_PER_RUN" --warm-up-time 1 "${HEADERS[@]}" -d "$BODY" --log-file "$out.log" \
    "http://127.0.0.1:${PORT[$1]}$RPC_PATH" >"$out" 2>&1 ||
    ! grep -qE '^requests: .* 0 failed, 0 errored, 0 timeout' "$out" || ! grep -qE '^status codes: [0-9]+ 2xx, 0 3xx, 0 4xx, 0 5xx' "$out"; then
    echo FAILED
    return
  fi
  j1=$(proxy_jiffies "$1")
  "$PY" - "$out" "$out.log" "$j0" "$j1" "$HZ" <<'PYEOF'
import re, sys
text = open(sys.argv[1]).read()
rps = float(re.search(r"finished in .*?, ([0-9.]+) req/s", text).group(1))
done = int(re.search(r"^requests: \d+ total, \d+ started, (\d+) done", text, re.M).group(1))
lat = sorted(int(l.split("\t")[2]) for l in open(sys.argv[2]) if l.count("\t") >= 2 and l.split("\t")[1] == "200")
rank = lambda p: lat[min(len(lat) - 1, max(0, -(-len(lat) * p // 100) - 1))] / 1000
# The CPU window includes the 1 s warm-up: count its requests too (h2load's total excludes them), estimated at the measured rate.
cpu_us = (int(sys.argv[4]) - int(sys.argv[3])) / float(sys.argv[5]) / (done + rps * 1.0) * 1e6
print(f"{rps:.0f} {rank(50):.3f} {rank(99):.3f} {cpu_us:.1f}")
PYEOF
}

say "warming up the gateway (10 s at 64 streams)"
read -ra w <<<"$(shape 64)"
h2load -t 1 "${w[@]}" -D 10 "${HEADERS[@]}" -d "$BODY" "http://127.0.0.1:$GW_GRPC$RPC_PATH" >/dev/null 2>&1 || true

RESULTS="$TMP/results.tsv"
: >"$RESULTS"
for streams in 16 64; do
  for ((round = 1; round <= ROUNDS; round++)); do
    for target in "${TARGETS[@]}"; do
      result=$(measure "$target" "$streams")
      say "  $target $streams streams round $round: $result (rps p50 p99 cpu_us/req)"
      printf '%s\t%s\t%s\n' "$target" "$streams" "$result" >>"$RESULTS"
    done
  done
done

mkdir -p "$(dirname "$OUT")"
"$PY" - "$RESULTS" "$(cut -d' ' -f1-3 /proc/loadavg)" "$(nproc)" >"$OUT" <<'PYEOF'
import statistics, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
label = {"direct": "direct to the backend", "gateway": "VoiceFleet gateway (canary 20%)", "nginx": "nginx grpc_pass, split_clients 80/20"}
print("| path | streams | req/s | p50 ms | p99 ms | CPU µs/req of the hop | runs |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
median = {}
for streams in ("16", "64"):
    for target in ("direct", "gateway", "nginx"):
        ok = [r[2].split() for r in rows if r[0] == target and r[1] == streams and r[2] != "FAILED"]
        n = sum(1 for r in rows if r[0] == target and r[1] == streams)
        if not ok:
            print(f"| {label[target]} | {streams} | FAILED | | | | 0/{n} |")
            continue
        rps, p50, p99, cpu = (statistics.median(float(x[i]) for x in ok) for i in range(4))
        median[(target, streams)] = rps
        median[(target, streams, "cpu")] = cpu
        print(f"| {label[target]} | {streams} | {rps:,.0f} | {p50:.2f} | {p99:.2f} | {cpu:.1f} | {len(ok)}/{n} |")
print()
for streams in ("16", "64"):
    if ("gateway", streams) in median and ("nginx", streams) in median:
        print(f"gateway/nginx at {streams} streams: {median[('gateway', streams)] / median[('nginx', streams)]:.2f} × the req/s, "
              f"{median[('gateway', streams, 'cpu')] / median[('nginx', streams, 'cpu')]:.2f} × the CPU per request")
print("\nThe CPU column is the hop's own process (for direct: the backend), children included, per request.")
print(f"load average after: {sys.argv[2]} ({sys.argv[3]} CPUs)")
PYEOF
cat "$OUT"
