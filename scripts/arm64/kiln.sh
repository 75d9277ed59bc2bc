#!/usr/bin/env bash
# Runs the kiln CLI of the working tree on the arm64 Node under qemu-aarch64, with the
# cross-compiled addon: `scripts/arm64/kiln.sh COMMAND [ARGS...]`, e.g.
#   scripts/arm64/kiln.sh spec --engine compiler ../shared/wasm-testsuite/2.0/i32.wast
#   scripts/arm64/kiln.sh wasi-test --engine compiler
# Rebuilds the package copy first (scripts/arm64/prepare.sh: a few seconds when little changed);
# set KILN_ARM64_NO_PREPARE=1 to reuse it as it is. The suites default to ../shared next to the
# repository ($KILN_TESTSUITE and $KILN_WASI_TESTSUITE still win).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
if [ "${KILN_ARM64_NO_PREPARE:-}" = "1" ]; then
  pkg="${KILN_ARM64_PACKAGE:-$root/.kiln-tmp/arm64-package}"
else
  pkg="$(bash "$here/prepare.sh")"
fi
export KILN_TESTSUITE="${KILN_TESTSUITE:-$root/../shared/wasm-testsuite/2.0}"
export KILN_WASI_TESTSUITE="${KILN_WASI_TESTSUITE:-$root/../shared/wasi-testsuite}"
exec bash "$here/node.sh" "$pkg/dist/src/cli/main.js" "$@"
