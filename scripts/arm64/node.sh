#!/usr/bin/env bash
# Runs the arm64 Node.js 18 of the sysroot (scripts/arm64/sysroot.sh, built on first use) under
# qemu-aarch64: `scripts/arm64/node.sh [node arguments...]`, e.g.
#   scripts/arm64/node.sh -p process.arch
# The emulated CPU is $KILN_QEMU_CPU, default cortex-a72: a plain ARMv8.0 core, so code that uses
# a later extension fails here as it would on such hardware (`max` emulates every extension).
# Extra qemu-aarch64 options can be passed in $KILN_QEMU_FLAGS (split on spaces).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
command -v qemu-aarch64 >/dev/null || {
  echo "node.sh: qemu-aarch64 is not installed (apt-get install qemu-user)" >&2
  exit 1
}
sysroot="$(bash "$here/sysroot.sh")"
libs="$sysroot/usr/lib/aarch64-linux-gnu:$sysroot/lib/aarch64-linux-gnu"
# shellcheck disable=SC2086 # KILN_QEMU_FLAGS is a list of options
exec qemu-aarch64 -cpu "${KILN_QEMU_CPU:-cortex-a72}" ${KILN_QEMU_FLAGS:-} -L "$sysroot" -E "LD_LIBRARY_PATH=$libs" "$sysroot/usr/bin/node" "$@"
