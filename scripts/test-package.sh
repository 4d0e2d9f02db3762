#!/usr/bin/env bash
# Installs the packed tarball into a fresh project, as a user would, and checks that
# `require` and `import` both work at runtime (the main entry without any Redis client, the OAuth
# providers against a loopback token endpoint included; then axios-dequest/redis with node-redis
# and ioredis on REDIS_URL: a shared token, a shared cache, OAuth tokens, a breaker opened by
# one client that another sees, and createClient with a Redis response cache and a Redis-backed
# CircuitBreaker serving and protecting a second client) and that a CommonJS and an ESM
# TypeScript consumer (module: nodenext) both type-check, subpath included. axios comes from this repo's node_modules
# (packed), and npm is asked to stay offline, so only the npm cache is needed.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
fixtures="$repo/__tests__/package"
tsc="$repo/node_modules/.bin/tsc"
work=$(mktemp -d "${TMPDIR:-/tmp}/axios-dequest-package.XXXXXX")
trap 'rm -rf "$work"' EXIT

step() { printf '\n== %s\n' "$*"; }

step "pack axios-dequest and the repo's axios"
(cd "$repo" && npm pack --silent --pack-destination "$work" >/dev/null)
npm pack --silent --ignore-scripts --pack-destination "$work" "$repo/node_modules/axios" >/dev/null
tarball=$(ls "$work"/axios-dequest-*.tgz)
axios_tarball=$(ls "$work"/axios-[0-9]*.tgz)
echo "$(basename "$tarball") + $(basename "$axios_tarball")"

step "install both into a fresh project"
app="$work/app"
mkdir -p "$app/esm"
cat >"$app/package.json" <<'JSON'
{ "name": "consumer", "version": "0.0.0", "private": true, "type": "commonjs" }
JSON
cat >"$app/esm/package.json" <<'JSON'
{ "type": "module" }
JSON
install() {
  (cd "$app" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error "$@" "$tarball" "$axios_tarball")
}
# Fully offline when the npm cache has axios's dependencies (it does after `npm ci`);
# otherwise let npm fetch what it lacks from the configured registry.
install --offline >/dev/null 2>&1 || install --prefer-offline >/dev/null
(cd "$app" && node -p "'installed axios-dequest ' + require('axios-dequest/package.json').version + ' with axios ' + require('axios/package.json').version")

step "runtime: require() and import (no Redis client installed)"
cp "$fixtures/consumer.cjs" "$fixtures/consumer.mjs" "$app/"
(cd "$app" && node consumer.cjs && node consumer.mjs)
# The main entry needs no Redis client: none is installed yet, and it loaded.
if (cd "$app" && node -e "require.resolve('redis')" 2>/dev/null); then
  echo "redis is installed in the consumer before it should be" >&2
  exit 1
fi

step "install the optional peers: node-redis and ioredis, the node types they need, and what the examples use (the repo's versions)"
peer() { echo "$1@$(node -p "require('$repo/node_modules/$1/package.json').version")"; }
install_peers() {
  (cd "$app" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error "$@" \
    "$(peer redis)" "$(peer ioredis)" "$(peer @types/node)" "$(peer express)" \
    "$(peer @nestjs/common)" "$(peer @nestjs/core)" "$(peer @nestjs/axios)" "$(peer rxjs)" \
    "$(peer reflect-metadata)" "$tarball" "$axios_tarball")
}
install_peers --offline >/dev/null 2>&1 || install_peers --prefer-offline >/dev/null
(cd "$app" && node -p "'redis ' + require('redis/package.json').version + ', ioredis ' + require('ioredis/package.json').version")

step "runtime: axios-dequest/redis by require() (node-redis) and import (ioredis), on REDIS_URL"
cp "$fixtures/redis-consumer.cjs" "$fixtures/redis-consumer.mjs" "$app/"
(cd "$app" && node redis-consumer.cjs && node redis-consumer.mjs)

step "types: CommonJS and ESM consumers (module nodenext)"
cp "$fixtures/consumer.ts" "$app/consumer.ts"
cp "$fixtures/consumer.ts" "$app/esm/consumer.ts"
for dir in "$app" "$app/esm"; do
  cat >"$dir/tsconfig.json" <<'JSON'
{
  "compilerOptions": {
    "module": "nodenext",
    "moduleResolution": "nodenext",
    "target": "es2022",
    "lib": ["es2022", "dom"],
    "types": [],
    "strict": true,
    "noEmit": true,
    "skipLibCheck": false
  },
  "files": ["consumer.ts"]
}
JSON
done
(cd "$app" && "$tsc" -p tsconfig.json && echo "cjs consumer type-checks")
(cd "$app/esm" && "$tsc" -p tsconfig.json && echo "esm consumer type-checks")
# Make sure each consumer saw the types it should: .d.cts for CommonJS, .d.mts for ESM.
for types in index redis; do
  (cd "$app" && "$tsc" -p tsconfig.json --listFiles | grep -q "axios-dequest/dist/$types.d.cts")
  (cd "$app/esm" && "$tsc" -p tsconfig.json --listFiles | grep -q "axios-dequest/dist/$types.d.mts")
done
echo "each consumer saw the .d.cts / .d.mts of both entries"

step "examples: each runs against the installed package, on 127.0.0.1"
mkdir -p "$app/examples"
cp "$repo/examples/"*.mjs "$repo/examples/"*.ts "$app/examples/"
for example in "$app/examples/"*.mjs; do
  echo "-- $(basename "$example")"
  (cd "$app" && node "$example" >"$work/example.log" 2>&1) || { cat "$work/example.log" >&2; exit 1; }
  tail -n 1 "$work/example.log"
done
# The Nest example compiles as a Nest project does (experimentalDecorators, decorator metadata).
cat >"$app/examples/tsconfig.json" <<'JSON'
{
  "compilerOptions": {
    "module": "nodenext",
    "moduleResolution": "nodenext",
    "target": "es2022",
    "lib": ["es2022", "dom"],
    "types": ["node"],
    "strict": true,
    "experimentalDecorators": true,
    "emitDecoratorMetadata": true,
    "skipLibCheck": true,
    "outDir": "out"
  },
  "files": ["nest-app.ts"]
}
JSON
echo "-- nest-app.ts"
(cd "$app/examples" && "$tsc" -p tsconfig.json && node out/nest-app.js)

step "README.md and docs/: every TypeScript example compiles and runs against the installed package"
(cd "$app" && node "$repo/scripts/readme-snippets.mjs" "$app/readme" "$repo/README.md" "$repo"/docs/*.md)

step "package smoke test passed"
