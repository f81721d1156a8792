#!/bin/sh
# Copies one model bundle, <store>/<model>/<version>, from the shared model store to the pod's own
# model volume before synthesis starts. The slot's ConfigMap gives the model and the version
# (VOICEFLEET__Synthesis__Model, VOICEFLEET__Synthesis__ModelVersion), so what is copied is what is served.
# Waits up to MODEL_WAIT_SECONDS for the bundle to appear (a store being filled, e.g. the local
# overlay's forge Job). The synthesis service verifies every file's sha256 when it loads the bundle.
set -eu
store=${MODEL_STORE:-/srv/model-store}
target=${MODEL_TARGET:-/var/lib/voicefleet/models}
model=${VOICEFLEET__Synthesis__Model:?VOICEFLEET__Synthesis__Model is not set}
version=${VOICEFLEET__Synthesis__ModelVersion:?VOICEFLEET__Synthesis__ModelVersion is not set}
wait=${MODEL_WAIT_SECONDS:-600}

source="$store/$model/$version"
waited=0
until [ -f "$source/model.json" ]; do
  if [ "$waited" -ge "$wait" ]; then
    echo "model-fetch: $source/model.json not found after ${wait}s" >&2
    exit 1
  fi
  [ "$waited" -eq 0 ] && echo "model-fetch: waiting for $source/model.json"
  sleep 5
  waited=$((waited + 5))
done

rm -rf "$target/$model/$version.tmp"
mkdir -p "$target/$model"
cp -R "$source" "$target/$model/$version.tmp"
rm -rf "$target/$model/$version"
mv "$target/$model/$version.tmp" "$target/$model/$version"
echo "model-fetch: copied $model/$version ($(du -sk "$target/$model/$version" | cut -f1) KiB)"
