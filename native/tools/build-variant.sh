#!/usr/bin/env bash
# Builds a variant of the addon (extra gyp variables) in a scratch copy, .kiln-tmp/<name>, so the
# regular build/Release that everyone else loads stays untouched. Prints the .node file's path.
# Usage: build-variant.sh <name> [--gyp_variable=value ...]
set -euo pipefail
name="$1"
shift
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$root/.kiln-tmp/$name"
rm -rf "$work"
mkdir -p "$work"
cp -r "$root/binding.gyp" "$root/native" "$work/"
ln -s "$root/node_modules" "$work/node_modules"

# node-gyp: the one npm runs scripts with, else one on PATH, else the one bundled with npm.
if [ -n "${npm_config_node_gyp:-}" ]; then
  gyp=(node "$npm_config_node_gyp")
elif command -v node-gyp >/dev/null; then
  gyp=(node-gyp)
else
  gyp=(node "$(npm root -g)/npm/node_modules/node-gyp/bin/node-gyp.js")
fi
# Build against the running Node's own headers when npm did not say where they are (no download).
nodedir="${npm_config_nodedir:-$(dirname "$(dirname "$(node -p process.execPath)")")}"
if [ -f "$nodedir/include/node/node_api.h" ]; then set -- "--nodedir=$nodedir" "$@"; fi
(cd "$work" && "${gyp[@]}" rebuild "$@" >"$work/build.log" 2>&1) || {
  cat "$work/build.log" >&2
  exit 1
}
echo "$work/build/Release/kiln_native.node"
