#!/usr/bin/env bash
# The arm64 test run (`npm run test:arm64`): under qemu-aarch64, with Debian's arm64 Node 18
# (scripts/arm64/sysroot.sh) and the cross-compiled addon loaded through node-gyp-build
# (scripts/arm64/prepare.sh), runs
#   spec   every .wast script of the Wasm 2.0 suite (`kiln spec`), in shards balanced by size
#   wasi   every program of the wasi-testsuite (`kiln wasi-test`)
#   diff   the saved regressions and $KILN_ARM64_DIFF_COUNT (default 24) generated modules of the
#          differential test (src/difftest) on the interpreter, the engine under test and V8
# on --engine (default compiler), as $KILN_ARM64_JOBS (default: the number of cores) jobs at a
# time. Prints each job's failures, counts and time, then `arm64: N passed, N failed`; exits
# non-zero on any failure, on a crash, when a job ran fewer scripts or programs than it was given,
# and when the engine under test declined a module as unsupported. Nothing is skipped: where the
# engine cannot run at all (no addon, no backend for arm64), every job fails with its reason.
#
# Usage: scripts/arm64/test.sh [--engine compiler|interp] [spec] [wasi] [diff] [FILE.wast|DIR...]
#   With no suite names and no paths it runs all three. Paths run just those spec scripts.
# Needs: apt-get install qemu-user g++-aarch64-linux-gnu binaryen, and the arm64 package lists
# (dpkg --add-architecture arm64 && apt-get update).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

engine=compiler
suites=()
paths=()
while [ $# -gt 0 ]; do
  case "$1" in
  --engine)
    engine="${2:?--engine needs a value}"
    shift 2
    ;;
  --engine=*)
    engine="${1#--engine=}"
    shift
    ;;
  spec | wasi | diff)
    suites+=("$1")
    shift
    ;;
  -h | --help)
    sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
    exit 0
    ;;
  -*)
    echo "test.sh: unknown option $1" >&2
    exit 2
    ;;
  *)
    paths+=("$1")
    shift
    ;;
  esac
done
case "$engine" in
compiler) wasi_engine=compiler ;;
interp) wasi_engine=interpreter ;;
*)
  echo "test.sh: --engine must be compiler or interp" >&2
  exit 2
  ;;
esac
[ ${#suites[@]} -eq 0 ] && [ ${#paths[@]} -gt 0 ] && suites=(spec)
[ ${#suites[@]} -eq 0 ] && suites=(spec wasi diff)
has() { [[ " ${suites[*]} " == *" $1 "* ]]; }

for tool in qemu-aarch64 aarch64-linux-gnu-g++; do
  command -v "$tool" >/dev/null || {
    echo "test.sh: $tool is not installed (apt-get install qemu-user g++-aarch64-linux-gnu)" >&2
    exit 1
  }
done
if has diff; then
  command -v "${WASM_OPT:-wasm-opt}" >/dev/null || {
    echo "test.sh: wasm-opt is not installed (apt-get install binaryen)" >&2
    exit 1
  }
fi

spec_suite="${KILN_TESTSUITE:-$root/../shared/wasm-testsuite/2.0}"
wasi_suite="${KILN_WASI_TESTSUITE:-$root/../shared/wasi-testsuite}"
diff_count="${KILN_ARM64_DIFF_COUNT:-24}"
jobs="${KILN_ARM64_JOBS:-$(nproc)}"
start_all="$(date +%s)"

# Each run has its own folder (logs, and a package copy removed at the end), so runs started
# at the same time by different people do not disturb each other.
mkdir -p "$root/.kiln-tmp/arm64-runs"
run="$(mktemp -d "$root/.kiln-tmp/arm64-runs/$(date +%Y%m%d-%H%M%S)-XXXX")"
logs="$run/logs"
mkdir -p "$logs"
export KILN_ARM64_PACKAGE="$run/package"
trap 'rm -rf "$KILN_ARM64_PACKAGE"' EXIT
pkg="$(bash "$here/prepare.sh")"
export KILN_ARM64_NO_PREPARE=1
kiln() { bash "$here/kiln.sh" "$@"; }

# The spec scripts, as shards of about equal total size.
spec_files=()
if has spec; then
  if [ ${#paths[@]} -gt 0 ]; then
    for p in "${paths[@]}"; do
      if [ -d "$p" ]; then
        while IFS= read -r f; do spec_files+=("$f"); done < <(find "$(realpath "$p")" -name '*.wast' | sort)
      elif [ -f "$p" ]; then
        spec_files+=("$(realpath "$p")")
      else
        echo "test.sh: no such file or directory: $p" >&2
        exit 1
      fi
    done
  else
    [ -d "$spec_suite" ] || {
      echo "test.sh: no spec suite at $spec_suite (set KILN_TESTSUITE)" >&2
      exit 1
    }
    while IFS= read -r f; do spec_files+=("$f"); done < <(find "$spec_suite" -maxdepth 1 -name '*.wast' | sort)
  fi
  [ ${#spec_files[@]} -gt 0 ] || {
    echo "test.sh: no .wast scripts to run" >&2
    exit 1
  }
  shards=$((jobs * 2))
  [ "$shards" -gt ${#spec_files[@]} ] && shards=${#spec_files[@]}
  stat -c '%s %n' "${spec_files[@]}" | sort -rn |
    awk -v n="$shards" -v dir="$logs" '{
      best = 0
      for (i = 1; i < n; i++) if (t[i] < t[best]) best = i
      t[best] += $1
      print $2 > (dir "/spec-" (best + 1) ".files")
    }'
fi

# One job: runs its part under qemu, records its log, exit status and seconds.
run_job() {
  local job="$1" log="$logs/$1.log" t0 rc=0 cpu
  t0="$(date +%s)"
  case "$job" in
  spec-*)
    mapfile -t files <"$logs/$job.files"
    kiln spec --engine "$engine" "${files[@]}" >"$log" 2>&1 || rc=$?
    if [ "$rc" -ne 0 ] && ! tail -1 "$log" | grep -Eq '^[0-9]+ passed, [0-9]+ failed'; then
      # The process died before its report: run each script alone to find the one that kills it.
      mv "$log" "$logs/$job.crash.log"
      echo "the shard exited with status $rc before its report ($logs/$job.crash.log: $(tail -1 "$logs/$job.crash.log")); running its scripts one at a time" >"$log"
      for f in "${files[@]}"; do
        kiln spec --engine "$engine" "$f" >>"$log" 2>&1 || echo "$f: exit status $?" >>"$log"
      done
    fi
    ;;
  wasi) kiln wasi-test --engine "$wasi_engine" "$wasi_suite" >"$log" 2>&1 || rc=$? ;;
  diff-*)
    # The two halves take consecutive seed ranges; the first one also replays the saved
    # regressions (and saves new ones to the repository, like `npm run diff`).
    local part="${job#diff-}" half=$(((diff_count + 1) / 2)) count start regressions engines=interp,v8
    [ "$engine" = interp ] || engines="interp,$engine,v8"
    if [ "$part" -eq 1 ]; then
      count="$half" start=1 regressions="$root/test/diff/regressions"
    else
      count=$((diff_count - half)) start=$((1 + half)) regressions="$logs/diff-2-regressions"
    fi
    KILN_DIFF_REGRESSIONS="$regressions" bash "$here/node.sh" "$pkg/dist/src/difftest/main.js" \
      --engines "$engines" --count "$count" --start "$start" >"$log" 2>&1 || rc=$?
    ;;
  esac
  # CPU seconds of the job's processes (user + system), from the shell's `times`.
  times >"$logs/$job.times"
  cpu="$(tail -1 "$logs/$job.times" | awk '{ split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%d", u[1] * 60 + u[2] + s[1] * 60 + s[2] }')"
  echo "$rc $(($(date +%s) - t0)) $cpu" >"$logs/$job.status"
}

queue=()
has diff && queue+=(diff-1 diff-2)
has wasi && queue+=(wasi)
if has spec; then for ((i = 1; i <= shards; i++)); do queue+=("spec-$i"); done; fi
echo "arm64 ($engine): running ${queue[*]}, $jobs at a time; logs in $logs"
running=0
for job in "${queue[@]}"; do
  if [ "$running" -ge "$jobs" ]; then
    wait -n || true
    running=$((running - 1))
  fi
  run_job "$job" &
  running=$((running + 1))
done
wait
if compgen -G "$logs/diff-2-regressions/*" >/dev/null; then
  mkdir -p "$root/test/diff/regressions"
  cp -n "$logs"/diff-2-regressions/* "$root/test/diff/regressions/"
fi

# The report: each job's failures and counts. A job fails on failed tests and also on anything
# that makes its counts untrustworthy (a crash, missing results, skipped or declined work).
passed=0
failed=0
for job in "${queue[@]}"; do
  read -r rc secs cpu <"$logs/$job.status"
  log="$logs/$job.log"
  problems=()
  echo "== $job: ${secs}s (${cpu}s CPU), exit status $rc"
  case "$job" in
  spec-*)
    grep -E '^  line |^the shard exited|: exit status ' "$log" | head -40 || true
    want="$(wc -l <"$logs/$job.files")"
    read -r n p f s < <(sed -nE 's/^.*\.wast: ([0-9]+) passed, ([0-9]+) failed, ([0-9]+) skipped.*$/\1 \2 \3/p' "$log" |
      awk '{ n++; p += $1; f += $2; s += $3 } END { print n + 0, p + 0, f + 0, s + 0 }')
    echo "  $n of $want scripts reported: $p passed, $f failed"
    [ "$n" -eq "$want" ] || problems+=("$((want - n)) scripts did not report (see $log)")
    [ "$s" -eq 0 ] || problems+=("$s commands skipped")
    ;;
  wasi)
    grep -E '^FAIL ' "$log" | head -40 || true
    want="$(find "$wasi_suite"/{c,rust,assemblyscript} -maxdepth 1 -name '*.wasm' 2>/dev/null | wc -l)"
    read -r p f < <(sed -nE 's/^([0-9]+) passed, ([0-9]+) failed$/\1 \2/p' "$log" | tail -1; echo 0 0)
    echo "  $((p + f)) of $want programs reported: $p passed, $f failed"
    [ "$((p + f))" -eq "$want" ] || problems+=("$((want - p - f)) programs did not report")
    ;;
  diff-*)
    grep -vE '^(engines |[0-9]+ modules, )' "$log" | head -40 || true
    grep -E '^engines ' "$log" | sed 's/^/  /' || true
    read -r m d < <(sed -nE 's/^([0-9]+) modules, ([0-9]+) divergences$/\1 \2/p' "$log" | tail -1; echo 0 0)
    echo "  $m modules, $d divergences"
    p=$((m - d)) f="$d"
    [ "$m" -gt 0 ] || problems+=("no module ran")
    if grep -q "^$engine declined" "$log"; then problems+=("$(grep "^$engine declined" "$log")"); fi
    ;;
  esac
  [ "$rc" -eq 0 ] || [ "$f" -gt 0 ] || problems+=("exit status $rc without a failed test: $(tail -2 "$log" | tr '\n' ' ')")
  for x in "${problems[@]}"; do echo "  FAILED: $x"; done
  passed=$((passed + p))
  failed=$((failed + f + ${#problems[@]}))
done
echo "arm64 ($engine): $(($(date +%s) - start_all))s in all"
echo "arm64: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
