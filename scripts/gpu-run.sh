#!/usr/bin/env bash
# Runs the GPU check from a pack made by scripts/gpu-pack.sh (docs/gpu.md): unpacks runtime and app, points Vulkan at the NVIDIA
# driver where the machine has one, runs the check with the packed node and leaves the results page, its JSON and the
# log in $OUT (or /tmp/gpu-check-out).
# usage: gpu-run.sh PACK_DIR [gpu-check options, e.g. --provider webgpu --variants exact,nhwc]
set -uo pipefail
pack=$(cd "${1:?usage: gpu-run.sh PACK_DIR [options]}" && pwd)
shift
out=${OUT:-/tmp/gpu-check-out}
work=${GPU_WORK:-/tmp/lantern-gpu}
rm -rf "$work" && mkdir -p "$work" "$out"
t0=$(date +%s.%N)
for part in runtime app; do
  if command -v xz >/dev/null; then
    xz -dc "$pack/$part.tar.xz" | tar -C "$work" -xf -
  else
    python3 -c 'import sys, tarfile; tarfile.open(sys.argv[1], "r:xz").extractall(sys.argv[2])' "$pack/$part.tar.xz" "$work"
  fi
done
echo "unpacked in $(echo "$(date +%s.%N) - $t0" | bc 2>/dev/null || echo '?') s"
nv=/usr/local/nvidia/share
if [ -f "$nv/vulkan/icd.d/nvidia_icd.json" ]; then
  export VK_DRIVER_FILES=$nv/vulkan/icd.d/nvidia_icd.json
  export __EGL_VENDOR_LIBRARY_FILENAMES=$nv/glvnd/egl_vendor.d/10_nvidia.json
fi
export LANTERN_MODEL_CACHE=$work/model-cache
cd "$work/lantern"
nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.sm,temperature.gpu --format=csv,noheader 2>/dev/null || true
./bin/node gpu-check.mjs --eval-dir eval --out "$out" "$@" 2>&1 | tee "$out/gpu-check.log"
exit "${PIPESTATUS[0]}"
