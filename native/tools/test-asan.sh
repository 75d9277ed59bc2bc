#!/usr/bin/env bash
# Runs the native tests against an AddressSanitizer build of the addon (built aside by
# build-variant.sh). Usage: npm run test:native:asan [-- extra vitest arguments]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
addon="$(bash "$root/native/tools/build-variant.sh" asan --kiln_sanitize=address)"
libasan="$(g++ -print-file-name=libasan.so)"
cd "$root"
# Leak detection is off: Node and V8 keep allocations alive until exit on purpose, which LSan
# reports by the thousand; the valgrind run (test:native:valgrind) covers leaks in the addon.
# handle_segv=0 leaves SIGSEGV to V8, which uses it for its own WebAssembly bounds checks.
# The trampoline harness test (run-harness.sh) is left out: it only runs compilers and qemu.
LD_PRELOAD="$libasan" \
  ASAN_OPTIONS="detect_leaks=0:handle_segv=0:abort_on_error=1:halt_on_error=1" \
  KILN_NATIVE_ADDON="$addon" \
  node node_modules/vitest/vitest.mjs run test/native --exclude test/native/harness.test.ts "$@"
