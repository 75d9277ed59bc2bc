#!/usr/bin/env bash
# Cross-compiles the native addon for linux-arm64 with aarch64-linux-gnu-g++: the sources and
# flags of binding.gyp's `kiln_native` target (N-API 8, C++ exceptions, -O2), stripped.
# Usage: scripts/arm64/build-addon.sh [OUTPUT]   (default prebuilds/linux-arm64/kiln.node, the
# name prebuildify gives the host build, so node-gyp-build loads it on arm64 Linux).
# Does nothing when OUTPUT is newer than every input. Needs: apt-get install g++-aarch64-linux-gnu.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$(realpath -m "${1:-$root/prebuilds/linux-arm64/kiln.node}")"
cd "$root"
for tool in aarch64-linux-gnu-g++ aarch64-linux-gnu-strip; do
  command -v "$tool" >/dev/null || {
    echo "build-addon.sh: $tool is not installed (apt-get install g++-aarch64-linux-gnu)" >&2
    exit 1
  }
done

mapfile -t sources < <(node -e '
  const t = JSON.parse(require("node:fs").readFileSync("binding.gyp", "utf8")).targets;
  for (const s of t.find((x) => x.target_name === "kiln_native").sources) console.log(s);')
inputs=("${sources[@]}" native/*.h binding.gyp "$0")
if [ -f "$out" ]; then
  stale=0
  for f in "${inputs[@]}"; do [ "$f" -nt "$out" ] && stale=1; done
  [ "$stale" -eq 0 ] && exit 0
fi

# Node-API headers: those of the node running this script (node_api.h is the same for every
# architecture), then node-addon-api's.
node_include="$(node -p 'require("node:path").resolve(process.execPath, "../../include/node")')"
[ -f "$node_include/node_api.h" ] || {
  echo "build-addon.sh: no node_api.h in $node_include (Node's headers are missing)" >&2
  exit 1
}
addon_api="$(node -p 'require("node-addon-api").include_dir')"

objs="$(mktemp -d)"
trap 'rm -rf "$objs"' EXIT
flags=(-std=gnu++17 -O2 -Wall -Wextra -fPIC -fexceptions -DNAPI_VERSION=8 -DNAPI_CPP_EXCEPTIONS
  -DBUILDING_NODE_EXTENSION -I"$node_include" -I"$addon_api")
pids=()
for src in "${sources[@]}"; do
  aarch64-linux-gnu-g++ "${flags[@]}" -c "$src" -o "$objs/$(basename "$src" .cc).o" &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid"; done
mkdir -p "$(dirname "$out")"
aarch64-linux-gnu-g++ -shared -o "$out.tmp" "$objs"/*.o
aarch64-linux-gnu-strip --strip-unneeded "$out.tmp"
mv "$out.tmp" "$out"
echo "built $out"
