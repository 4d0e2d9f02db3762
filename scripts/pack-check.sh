#!/usr/bin/env bash
# Packs the tarball exactly as `npm publish` would and lints *that*: publint (package.json
# fields, exports, files) and Are The Types Wrong (types for node10, node16 CJS/ESM, bundler).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/axios-dequest-pack.XXXXXX")
trap 'rm -rf "$work"' EXIT

cd "$repo"
npm pack --silent --pack-destination "$work" >/dev/null
tarball=$(ls "$work"/axios-dequest-*.tgz)
echo "packed $(basename "$tarball"): $(tar -tzf "$tarball" | sed 's|^package/||' | sort | tr '\n' ' ')"

npx --no-install publint --strict "$tarball"
npx --no-install attw --no-emoji --no-color "$tarball"

# The main entry must load without a Redis client installed, and both entries must share one
# DequestError per format (a second copy would break `instanceof` between them).
unpacked="$work/unpacked"
mkdir -p "$unpacked" && tar -xzf "$tarball" -C "$unpacked"
dist="$unpacked/package/dist"
if grep -lE "^\\s*(import|export)[^;]*from ['\"](redis|ioredis)['\"]|require\\(['\"](redis|ioredis)['\"]\\)" "$dist"/*.mjs "$dist"/*.cjs "$dist"/chunks/*; then
  echo "a built file imports a Redis client: the subpath must take the user's client instead" >&2
  exit 1
fi
for ext in mjs cjs; do
  count=$(cat "$dist"/*."$ext" "$dist"/chunks/*."$ext" | grep -c 'class DequestError extends Error')
  if [ "$count" != 1 ]; then
    echo "dist/*.$ext defines DequestError $count times; the entries must share one chunk" >&2
    exit 1
  fi
done
echo "main entry imports no Redis client; one DequestError per format"

# Every relative link in the packed README (docs, the CHANGELOG, files) must be in the tarball:
# the README is read on the registry's page and in node_modules, where nothing else exists.
package="$unpacked/package"
missing=0
while IFS= read -r target; do
  path=${target%%#*}
  [ -z "$path" ] && continue
  if [ ! -e "$package/$path" ]; then
    echo "README.md links to $target, which the tarball does not contain" >&2
    missing=1
  fi
done < <(grep -oE '\]\([^)]+\)' "$package/README.md" | sed -E 's/^\]\(([^) ]+).*$/\1/' | grep -vE '^(https?:|mailto:|#)' | sort -u)
[ "$missing" = 0 ] || exit 1
echo "every relative link in README.md resolves inside the tarball"
