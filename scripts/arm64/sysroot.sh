#!/usr/bin/env bash
# Builds an arm64 sysroot holding Debian's Node.js 18 (nodejs:arm64, N-API 9) and the libraries
# it loads, unpacked with `dpkg -x` (never installed: `apt-get install nodejs:arm64` would replace
# the machine's own node). scripts/arm64/node.sh runs that node under qemu-aarch64.
#
# Needs the arm64 package lists: `dpkg --add-architecture arm64 && apt-get update` (once, as root).
# The sysroot goes to $KILN_ARM64_SYSROOT, default .kiln-tmp/arm64-sysroot in the repository; a
# finished sysroot is reused as is (delete the folder, or pass --force, to fetch the packages again).
# Prints the sysroot's path on stdout.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
sysroot="${KILN_ARM64_SYSROOT:-$root/.kiln-tmp/arm64-sysroot}"

ARM64_PACKAGES=(nodejs libnode108 libc6 libstdc++6 libgcc-s1 libicu72 libuv1 libc-ares2
  libnghttp2-14 libbrotli1 libssl3 zlib1g)
ALL_PACKAGES=(node-acorn node-cjs-module-lexer node-undici node-busboy node-xtend)
wanted="${ARM64_PACKAGES[*]/%/:arm64} ${ALL_PACKAGES[*]}"
stamp="$sysroot/.kiln-sysroot"

ready() { [ "${1:-}" != "--force" ] && [ -f "$stamp" ] && [ "$(head -1 "$stamp")" = "$wanted" ]; }
if ready "${1:-}"; then
  echo "$sysroot"
  exit 0
fi
# One build at a time; a run that waited finds the sysroot made by the other.
parent="$(dirname "$sysroot")"
mkdir -p "$parent"
exec 8>"$sysroot.lock"
flock 8
if ready "${1:-}"; then
  echo "$sysroot"
  exit 0
fi

if ! dpkg --print-foreign-architectures | grep -qx arm64 || ! apt-cache show nodejs:arm64 >/dev/null 2>&1; then
  echo "sysroot.sh: apt knows no arm64 packages; run (as root):" >&2
  echo "  dpkg --add-architecture arm64 && apt-get update" >&2
  exit 1
fi

# Unpack into a fresh folder next to the sysroot and move it into place only when complete, so an
# interrupted run never leaves a sysroot that looks finished.
work="$(mktemp -d "$parent/.arm64-sysroot.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/debs" "$work/root"
# shellcheck disable=SC2086 # $wanted is a list of package names
if ! (cd "$work/debs" && apt-get download -qq $wanted) 2>"$work/apt.log"; then
  cat "$work/apt.log" >&2
  exit 1
fi
for deb in "$work"/debs/*.deb; do dpkg -x "$deb" "$work/root"; done
[ -x "$work/root/usr/bin/node" ] || {
  echo "sysroot.sh: the downloaded packages hold no usr/bin/node" >&2
  exit 1
}
count="$(find "$work/debs" -name '*.deb' | wc -l)"
[ "$count" -eq $((${#ARM64_PACKAGES[@]} + ${#ALL_PACKAGES[@]})) ] || {
  echo "sysroot.sh: expected $((${#ARM64_PACKAGES[@]} + ${#ALL_PACKAGES[@]})) packages, got $count" >&2
  exit 1
}
{
  echo "$wanted"
  (cd "$work/debs" && printf '%s\n' ./*.deb)
} >"$work/root/.kiln-sysroot"
rm -rf "$sysroot"
mv "$work/root" "$sysroot"
echo "$sysroot"
