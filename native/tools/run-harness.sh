#!/usr/bin/env bash
# Builds the standalone trampoline harness (native/harness) and runs it.
# Usage: run-harness.sh native    build with g++ for this machine and run it
#        run-harness.sh aarch64   build with aarch64-linux-gnu-g++ (static) and run it under qemu-aarch64
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
target="${1:-native}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
sources=("$root/native/harness/harness.cc" "$root/native/harness/harness_code.cc" "$root/native/trampoline.cc")
flags=(-std=gnu++17 -O2 -Wall -Wextra -Werror)
case "$target" in
  native)
    g++ "${flags[@]}" "${sources[@]}" -o "$out/harness"
    "$out/harness"
    ;;
  aarch64)
    for tool in aarch64-linux-gnu-g++ qemu-aarch64; do
      command -v "$tool" >/dev/null || {
        echo "$tool is not installed (apt-get install g++-aarch64-linux-gnu qemu-user)" >&2
        exit 2
      }
    done
    aarch64-linux-gnu-g++ "${flags[@]}" -static "${sources[@]}" -o "$out/harness"
    qemu-aarch64 "$out/harness"
    ;;
  *)
    echo "usage: run-harness.sh native|aarch64" >&2
    exit 2
    ;;
esac
