#!/usr/bin/env bash
# The full test suite: lint, format, typecheck, build, contracts check, bundle budget, alert rules, unit,
# integration, lab tests, a short chaos run, overview benchmark and browser tests. Installs what is missing
# first. Replaces a running demo lab (the lab tests bring their own up and down).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
bin=node_modules/.bin
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
step() {
  local name=$1; shift
  echo; echo "=== $name"
  local started=$SECONDS
  "$@"
  echo "=== $name: ok ($((SECONDS - started)) s)"
}
vitest() { "$bin/vitest" run --project "$1" --reporter=default --reporter=json --outputFile.json="$results/$1.json"; }

step lint "$bin/nx" run-many -t lint --outputStyle=stream
step format "$bin/prettier" --check "**/*.{ts,tsx,mjs,css}"
step typecheck "$bin/nx" run-many -t typecheck --outputStyle=stream
step build "$bin/nx" run-many -t build --outputStyle=stream
step contracts bash scripts/contracts.sh check
step "bundle budget" node scripts/check-bundle.mjs
step "alert rules" bash -c "promtool check rules docs/monitoring/alerts.yml && promtool test rules docs/monitoring/alerts.test.yml"
step "unit tests" vitest unit
step "integration tests" vitest integration
step "lab tests" vitest lab
# Random faults under client load (seeded: the same faults each run); fails on a violated invariant.
step "chaos (20 faults)" env TSX_TSCONFIG_PATH=e2e/tsconfig.json node --import tsx e2e/chaos/chaos.ts --faults 20 --seed 1
# The overview's load times on a 3-node lab cluster, against its 1 s aim: printed, not failed
# (a timing on a shared machine is a benchmark's figure); every load must render the members table.
step "overview benchmark" env TSX_TSCONFIG_PATH=e2e/tsconfig.json node --import tsx e2e/bench/overview.bench.ts 20 --report
step "browser tests" env PLAYWRIGHT_JSON_OUTPUT_NAME="$results/browser.json" "$bin/playwright" test -c e2e/playwright/playwright.config.ts --reporter=list,json
node scripts/test-summary.mjs "$results"
