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
