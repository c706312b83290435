#!/usr/bin/env bash
# Generates libs/contracts from the agent's OpenAPI document (generate), or fails when the
# committed files differ from what the current agent would generate (check).
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-check}
bin=node_modules/.bin

generate_into() { # DIR
  mkdir -p "$1"
  node dist/agent/apps/agent/src/app/write-openapi.js "$1/openapi.json"
  "$bin/openapi-typescript" "$1/openapi.json" -o "$1/api-schema.ts" --alphabetize >/dev/null
}

[ -f dist/agent/apps/agent/src/app/write-openapi.js ] || "$bin/nx" run agent:build --outputStyle=stream >/dev/null
target=libs/contracts/src/generated
case "$mode" in
  generate)
    generate_into "$target"
    echo "contracts: regenerated $target"
    ;;
  check)
    tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
    generate_into "$tmp"
    if ! diff -u "$target/openapi.json" "$tmp/openapi.json" || ! diff -u "$target/api-schema.ts" "$tmp/api-schema.ts"; then
      echo "contracts: libs/contracts is stale: the agent's API changed. Run: npm run contracts:generate" >&2
      exit 1
    fi
    echo "contracts: up to date"
    ;;
  *) echo "usage: contracts.sh generate|check" >&2; exit 2 ;;
esac
