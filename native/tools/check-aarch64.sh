#!/usr/bin/env bash
# Compile-checks every native source for aarch64 Linux with the cross compiler
# (apt-get install g++-aarch64-linux-gnu), so the arm64 trampoline keeps building on x86-64 hosts.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cxx="${CXX_AARCH64:-aarch64-linux-gnu-g++}"
command -v "$cxx" >/dev/null || {
  echo "$cxx is not installed (apt-get install g++-aarch64-linux-gnu)" >&2
  exit 1
}
napi="$(cd "$root" && node -p "require('node-addon-api').include_dir")"
node_include="$(node -p "require('path').join(process.execPath, '..', '..', 'include', 'node')")"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
for src in "$root"/native/*.cc; do
  "$cxx" -std=gnu++17 -O2 -Wall -Wextra -Werror -DNAPI_VERSION=8 -DNAPI_CPP_EXCEPTIONS \
    -I"$node_include" -I"$root/$napi" -fPIC -c "$src" -o "$out/$(basename "$src" .cc).o"
done
echo "aarch64: all native sources compile"
