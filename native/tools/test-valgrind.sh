#!/usr/bin/env bash
# Runs the native tests under valgrind's memcheck, against a build of the addon that registers its
# execution stacks with valgrind (built aside by build-variant.sh). Takes a few minutes.
# Usage: npm run test:native:valgrind [-- extra vitest arguments]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
command -v valgrind >/dev/null || {
  echo "valgrind is not installed (apt-get install valgrind)" >&2
  exit 1
}
addon="$(bash "$root/native/tools/build-variant.sh" valgrind --kiln_valgrind=1)"
cd "$root"
# --smc-check=all: the tests write machine code and run it. Definite leaks count as errors.
# One thread-pool worker, so that the tests run inside the valgrind'ed process.
# The trampoline harness test (run-harness.sh) is left out: it only runs compilers and qemu.
# The other excluded test creates tens of thousands of 8 GiB reservations, more address space than
# valgrind's own address-space manager can track; it runs in the ordinary and ASan runs.
KILN_NATIVE_ADDON="$addon" valgrind \
  --smc-check=all --error-exitcode=99 --quiet \
  --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite \
  --suppressions="$root/native/tools/valgrind.supp" \
  node node_modules/vitest/vitest.mjs run test/native --exclude test/native/harness.test.ts \
  --pool=threads --maxWorkers=1 \
  --testNamePattern '^(?!.*far more 8 GiB reservations)' "$@"
