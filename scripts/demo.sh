#!/usr/bin/env bash
# The demo: installs what is missing, builds, brings up a 3-host lab with an sfha agent in
# each, and returns with the lab left running (stop it with: npm run lab -- down).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
node_modules/.bin/nx run-many -t build --outputStyle=stream >/dev/null
lab() { TSX_TSCONFIG_PATH=e2e/tsconfig.json node --import tsx e2e/lab/lab-cli.ts "$@"; }
lab up 3 >/dev/null

cat <<MSG

sfha demo: 3 hosts (node1..node3) are up, each with its own agent.

MSG
printf '  %-24s %s\n' "Dashboard" "First-run setup code"
for i in 1 2 3; do
  printf '  %-24s %s\n' "http://127.0.0.1:778$i" "$(lab setup-code node$i)"
done
cat <<MSG

Log in: open a dashboard URL; on first run, choose the admin password and type that
node's setup code (it is printed in the agent's log: npm run lab -- logs node1).

From inside a host, as root, no password needed:
  npm run lab -- exec node1 -- sfha status
Other lab verbs: npm run lab -- help
Stop everything:  npm run lab -- down
MSG
