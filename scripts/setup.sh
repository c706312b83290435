#!/usr/bin/env bash
# Installs what sfha's demo and tests need on Debian 12, as root: the lab's system packages
# (apt) and the npm packages. Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { echo "setup: $*"; }

[ "$(id -u)" = 0 ] || { echo "setup: run as root (the lab uses network and mount namespaces)" >&2; exit 1; }
node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' \
  || { echo "setup: Node.js 20.19 or newer is required (found $(node --version))" >&2; exit 1; }

# WireGuard (userspace), Corosync, ip/arping, nftables, fence-agents: the lab's real parts.
# Chromium: the browser tests (never a downloaded browser). curl: lab checks.
# prometheus: its promtool checks docs/monitoring/alerts.yml (the server itself is not used).
# faketime: a host agent with a skewed clock (doctor lab test).
# lintian, binutils (strip): the Debian package (npm run package) and its test.
PACKAGES=(wireguard-tools wireguard-go corosync iproute2 iputils-arping iputils-ping nftables fence-agents chromium curl util-linux prometheus faketime lintian binutils)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]} (apt)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# npm ci when node_modules is missing or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi
say "ready"
