#!/usr/bin/env bash
# Runs the native tests on an emulated arm64 machine: cross-compiles the addon
# (scripts/arm64/build-addon.sh), fetches the arm64 builds of vitest's native dependencies from
# the npm registry into .kiln-tmp/arm64, and runs vitest under qemu-aarch64 on Debian's arm64
# Node 18 (scripts/arm64/node.sh; its sysroot is built on first use). vitest 4 wants Node 20.12+:
# native/tools/node18/ is an ESM loader hook that supplies the two node:util functions it imports.
# Needs: apt-get install g++-aarch64-linux-gnu qemu-user, and the arm64 package lists
# (dpkg --add-architecture arm64 && apt-get update).
# Left out: the harness test (it runs compilers), the SIGPROF test (it spawns the arm64 node,
# which the host cannot exec without binfmt), and the tests that map many GiB (qemu tracks
# every guest page of a reservation).
# Usage: npm run test:native:arm64 [-- extra vitest arguments]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
for tool in aarch64-linux-gnu-g++ qemu-aarch64; do
  command -v "$tool" >/dev/null || {
    echo "$tool is not installed (apt-get install g++-aarch64-linux-gnu qemu-user)" >&2
    exit 1
  }
done
work="$root/.kiln-tmp/arm64"
mkdir -p "$work/packs"
version_of() { node -p "require('$root/node_modules/$1/package.json').version"; }
packs=(
  "@rolldown/binding-linux-arm64-gnu@$(version_of @rolldown/binding-linux-x64-gnu)"
  "lightningcss-linux-arm64-gnu@$(version_of lightningcss)"
)
unpack() { # <spec> <directory>
  local file
  file="$(cd "$work/packs" && npm pack --silent "$1" | tail -1)"
  rm -rf "$2"
  mkdir -p "$2"
  tar xzf "$work/packs/$file" -C "$2" --strip-components=1
}

project="$work/project"
rm -rf "$project"
trap 'rm -rf "$project"' EXIT
mkdir -p "$project/build/Release"
cp -r "$root/package.json" "$root/tsconfig.json" "$root/vitest.config.ts" "$root/binding.gyp" \
  "$root/native" "$root/src" "$project/"
mkdir -p "$project/test"
cp -r "$root/test/native" "$root/test/summary-reporter.ts" "$project/test/"
cp -r "$root/node_modules" "$project/"
unpack "${packs[0]}" "$project/node_modules/@rolldown/binding-linux-arm64-gnu"
unpack "${packs[1]}" "$project/node_modules/lightningcss-linux-arm64-gnu"
bash "$root/scripts/arm64/build-addon.sh" "$project/build/Release/kiln_native.node"

cd "$project"
bash "$root/scripts/arm64/node.sh" --no-warnings --loader "$root/native/tools/node18/loader.mjs" \
  node_modules/vitest/vitest.mjs run test/native \
  --exclude test/native/harness.test.ts --exclude test/native/signals.test.ts \
  --pool=threads --maxWorkers=1 \
  --testNamePattern '^(?!.*(far more 8 GiB reservations|4 GiB)).*' "$@"
