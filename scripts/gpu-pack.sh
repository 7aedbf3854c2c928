#!/usr/bin/env bash
# Packs what the GPU check needs on a machine without Node or the repository (docs/gpu.md), into DEST:
# - runtime.tar.xz: this machine's node binary, onnxruntime-node (Linux x64 only, WebGPU built in), sharp with its
#   Linux x64 libvips, and the models; rebuilt only when runtime.stamp (their versions) changes, since it is ~55 MB;
# - app.tar.xz: the built engine, the bundled check (test/bench/gpu-check.ts) and its few eval images;
# - gpu-run.sh, which unpacks both and runs the check.
# usage: scripts/gpu-pack.sh DEST [EVAL_DIR]   (EVAL_DIR defaults to ../shared/eval)
set -euo pipefail
cd "$(dirname "$0")/.."
dest=${1:?usage: scripts/gpu-pack.sh DEST [EVAL_DIR]}
eval_dir=${2:-../shared/eval}
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$dest"
node_bin=$(command -v node)
version() { node -p "require('./node_modules/$1/package.json').version"; }
stamp="node $("$node_bin" --version); onnxruntime-node $(version onnxruntime-node); sharp $(version sharp); models $(sha256sum models/manifest.json | cut -c1-16)"

if [ ! -f "$dest/runtime.tar.xz" ] || [ "$(cat "$dest/runtime.stamp" 2>/dev/null)" != "$stamp" ]; then
  rt=$stage/runtime/lantern
  mkdir -p "$rt/bin" "$rt/models" "$rt/node_modules/@img"
  cp "$node_bin" "$rt/bin/node"
  cp models/manifest.json models/*.onnx models/*.txt "$rt/models/"
  # onnxruntime-node ships every platform's binaries (288 MB): only Linux x64 travels.
  ort=node_modules/onnxruntime-node
  mkdir -p "$rt/$ort/bin"
  cp -r "$ort/package.json" "$ort/dist" "$rt/$ort/"
  for napi in "$ort"/bin/napi-v*; do
    mkdir -p "$rt/$napi/linux"
    cp -r "$napi/linux/x64" "$rt/$napi/linux/"
  done
  for pkg in onnxruntime-common sharp detect-libc semver @img/colour @img/sharp-linux-x64 @img/sharp-libvips-linux-x64; do
    cp -r "node_modules/$pkg" "$rt/node_modules/$pkg"
  done
  rm -rf "$rt/node_modules/sharp/src" "$rt/node_modules/sharp/install"
  tar -C "$stage/runtime" -cf - lantern | xz -6 -T0 >"$dest/runtime.tar.xz"
  echo "$stamp" >"$dest/runtime.stamp"
fi

npm run -s build:node
app=$stage/app/lantern
mkdir -p "$app/dist/node" "$app/eval"
cp package.json "$app/"
cp dist/node/*.mjs "$app/dist/node/"
# Dependencies stay external as in the engine bundle (scripts/build-node.mjs): all but zod.
externals=$(node -p "Object.keys(require('./package.json').dependencies).filter((d) => d !== 'zod').map((d) => '--external:' + d).join(' ')")
# shellcheck disable=SC2086
npx esbuild test/bench/gpu-check.ts --bundle --platform=node --format=esm --target=node20 $externals \
  --log-level=warning --outfile="$app/gpu-check.mjs"
list=$(npx tsx test/bench/gpu-check.ts --eval-dir "$eval_dir" --list)
for rel in $list; do
  mkdir -p "$app/eval/$(dirname "$rel")"
  cp "$eval_dir/$rel" "$app/eval/$rel"
done
tar -C "$stage/app" -cf - lantern | xz -6 -T0 >"$dest/app.tar.xz"
cp scripts/gpu-run.sh "$dest/gpu-run.sh"
du -sh "$dest"/*.tar.xz
