#!/usr/bin/env bash
# Lays out a copy of the kiln package for the arm64 Node under qemu, in $KILN_ARM64_PACKAGE
# (default .kiln-tmp/arm64-package), and prints its path:
#   dist/src/      the JavaScript of src/, compiled from the working tree (type checking is
#                  `npm run typecheck`'s job, so this build skips it)
#   prebuilds/linux-arm64/kiln.node   the cross-compiled addon (scripts/arm64/build-addon.sh,
#                  built once into .kiln-tmp/arm64-addon and copied)
#   package.json, binding.gyp, node_modules -> the repository's node_modules
# It has no build/ folder, so node-gyp-build (src/native/addon.ts) picks the arm64 prebuild just
# as it would in an installed package. Also makes sure the sysroot exists (scripts/arm64/sysroot.sh).
# Concurrent runs wait for each other (flock), so several can share the caches.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
pkg="${KILN_ARM64_PACKAGE:-$root/.kiln-tmp/arm64-package}"
mkdir -p "$pkg/prebuilds/linux-arm64" "$root/.kiln-tmp"
exec 9>"$root/.kiln-tmp/arm64-prepare.lock"
flock 9

bash "$here/sysroot.sh" >/dev/null
addon="$root/.kiln-tmp/arm64-addon/kiln.node"
bash "$here/build-addon.sh" "$addon" >&2
cp "$addon" "$pkg/prebuilds/linux-arm64/kiln.node"
cp "$root/package.json" "$root/binding.gyp" "$pkg/"
ln -sfn "$root/node_modules" "$pkg/node_modules"
cat >"$pkg/tsconfig.json" <<EOF
{
  "extends": "$root/tsconfig.json",
  "compilerOptions": {
    "noEmit": false,
    "rootDir": "$root",
    "outDir": "$pkg/dist",
    "declaration": false,
    "sourceMap": false,
    "incremental": true,
    "tsBuildInfoFile": "$pkg/tsbuildinfo"
  },
  "include": ["$root/src"]
}
EOF
"$root/node_modules/.bin/tsc" -p "$pkg/tsconfig.json" --noCheck >&2
echo "$pkg"
