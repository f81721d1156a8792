#!/usr/bin/env bash
# Regenerates the C# service code (contracts, service bases, clients over VoiceFleet.Rpc) that
# tools/codegen/protoc-gen-voicefleet-grpc writes for every proto service, into:
#   services/Shared/Contracts/Generated/        from protos/**/*.proto          (proto root protos/)
#   tests/VoiceFleet.Rpc.Tests/Interop/Generated/ from tests/interop/protos/grpc/testing/*.proto
#                                               (proto root tests/interop/protos)
#   tests/bench/Generated/                      from tests/bench/protos/*.proto (proto root tests/bench/protos)
# Each Generated/ folder belongs to this script: files that no proto produces any more are removed.
#
# Usage: tools/codegen/generate.sh            regenerate (files whose bytes are unchanged are not touched)
#        tools/codegen/generate.sh --check    regenerate into a temporary folder and compare; exit 1
#                                             and list the stale files when the committed ones differ
# Exit status: 0 ok / up to date, 1 stale (--check), 2 usage or tool error.
#
# Needs protoc (Debian protobuf-compiler) and Python 3 with the protobuf runtime (Debian
# python3-protobuf); PYTHON overrides the interpreter (default /usr/bin/python3, else python3).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
plugin="$here/protoc-gen-voicefleet-grpc"

# target folder (relative to the repository root) | proto root | proto glob (relative to the proto root)
jobs=(
  "services/Shared/Contracts/Generated|protos|**/*.proto"
  "tests/VoiceFleet.Rpc.Tests/Interop/Generated|tests/interop/protos|grpc/testing/*.proto"
  "tests/bench/Generated|tests/bench/protos|*.proto"
)

die() { printf 'generate.sh: %s\n' "$*" >&2; exit 2; }

check=false
case "${1-}" in
  "") ;;
  --check) check=true ;;
  -h | --help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "${BASH_SOURCE[0]}"; exit 0 ;;
  *) die "unknown argument '$1' (usage: generate.sh [--check])" ;;
esac
(($# <= 1)) || die "too many arguments (usage: generate.sh [--check])"

protoc_bin="$(command -v protoc || true)"
[[ -n "$protoc_bin" ]] || die "protoc not found; install the Debian package protobuf-compiler"

python_bin="${PYTHON:-}"
if [[ -z "$python_bin" ]]; then
  if [[ -x /usr/bin/python3 ]]; then python_bin=/usr/bin/python3; else python_bin="$(command -v python3 || true)"; fi
fi
[[ -n "$python_bin" ]] || die "python3 not found"
"$python_bin" -c 'import google.protobuf.compiler.plugin_pb2' 2>/dev/null \
  || die "$python_bin cannot import google.protobuf; install the Debian package python3-protobuf (or set PYTHON)"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# protoc runs plugins as executables; a shim pins the interpreter that was checked above.
shim="$tmp/protoc-gen-voicefleet-grpc"
printf '#!/bin/sh\nexec "%s" "%s" "$@"\n' "$python_bin" "$plugin" >"$shim"
chmod +x "$shim"

export LC_ALL=C
shopt -s globstar nullglob

stale=()
for job in "${jobs[@]}"; do
  IFS='|' read -r target proto_root pattern <<<"$job"
  fresh="$tmp/out/$target"
  mkdir -p "$fresh"

  # Proto paths relative to the proto root, sorted, so that descriptors name them the same way
  # (and the output is the same) wherever the repository is checked out.
  protos=()
  while IFS= read -r proto; do protos+=("$proto"); done < <(
    cd "$root/$proto_root" && for proto in $pattern; do printf '%s\n' "$proto"; done | sort
  )
  ((${#protos[@]} > 0)) || die "no protos match $proto_root/$pattern"

  (cd "$root/$proto_root" && "$protoc_bin" \
    --proto_path=. \
    --plugin=protoc-gen-voicefleet-grpc="$shim" \
    --voicefleet-grpc_out="$fresh" \
    "${protos[@]}") || die "protoc failed for $proto_root"

  committed="$root/$target"
  # Every path on either side, relative to the target folder.
  while IFS= read -r rel; do
    if [[ ! -f "$fresh/$rel" ]]; then
      if $check; then stale+=("$target/$rel (no proto generates it)"); else rm -f -- "$committed/$rel"; fi
    elif [[ ! -f "$committed/$rel" ]]; then
      if $check; then stale+=("$target/$rel (missing)"); else mkdir -p "$(dirname "$committed/$rel")" && cp -- "$fresh/$rel" "$committed/$rel"; fi
    elif ! cmp -s -- "$fresh/$rel" "$committed/$rel"; then
      if $check; then stale+=("$target/$rel (out of date)"); else cp -- "$fresh/$rel" "$committed/$rel"; fi
    fi
  done < <( { (cd "$fresh" && find . -type f); [[ ! -d "$committed" ]] || (cd "$committed" && find . -type f); } | sed 's|^\./||' | sort -u)

  if ! $check && [[ -d "$committed" ]]; then
    find "$committed" -mindepth 1 -type d -empty -delete
  fi
done

if $check; then
  if ((${#stale[@]} > 0)); then
    printf 'generate.sh: generated C# is stale; run tools/codegen/generate.sh:\n' >&2
    printf '  %s\n' "${stale[@]}" >&2
    exit 1
  fi
  echo "generate.sh: generated C# is up to date"
fi
