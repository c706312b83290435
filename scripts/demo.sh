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

# The WireGuard mesh: node1 creates the cluster, node2 joins with node1's invitation,
# node3 with node2's. Nodes already in it are left as they are (safe to run twice).
member() { lab exec "$1" -- sfha --json status | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>process.exit(JSON.parse(s).clusterMember?0:1))'; }
invitation() { lab exec "$1" -- sfha --json mesh token | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).token))'; }
member node1 || lab exec node1 -- sfha --lang=en init --cluster demo --mesh --ip 10.100.0.1/24 >/dev/null
member node2 || lab exec node2 -- sfha --lang=en join "$(invitation node1)" >/dev/null
member node3 || lab exec node3 -- sfha --lang=en join "$(invitation node2)" >/dev/null

# HA: wait for quorum, then the lab fence device and a web service behind a floating IP
# (both are cluster config: set once, replicated; setting them again changes nothing).
for _ in $(seq 1 60); do
  lab exec node1 -- sfha --json status | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const c=JSON.parse(s).cluster;process.exit(c?.quorate&&c.nodes.every((n)=>n.online)?0:1)})' && break
  sleep 1
done
lab exec node1 -- sfha --lang=en stonith device-set lab --agent fence_sfha_lab --host node1=node1 --host node2=node2 --host node3=node3 >/dev/null
lab exec node1 -- sfha --lang=en resources group-set web --vip 192.0.2.100/24 --process "$PWD/e2e/lab/bin/lab-web-server 8080" --prefer node1 >/dev/null
# One address for the whole cluster's dashboard, held by the leader (the lab relays it to 127.0.0.1:7881).
lab exec node1 -- sfha --lang=en config set --management-address 192.0.2.60/24@eth0 >/dev/null

cat <<MSG

sfha demo: 3 hosts (node1..node3) are up, each with its own agent, joined in the
WireGuard mesh of cluster "demo" (10.100.0.1-3), with Corosync quorum, the lab fence
device, and a web service behind the floating IP 192.0.2.100.

  The service, through the VIP:  curl http://127.0.0.1:7880   (answers with the node serving it)
  The whole cluster's dashboard: http://127.0.0.1:7881        (the management address, held by the leader)
  Fail it over:                  npm run lab -- kill node1     (the leader fences node1, the service moves)
  Bring node1 back:              npm run lab -- exec node2 -- sfha stonith unfence node1

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
  npm run lab -- exec node1 -- sfha mesh status
  npm run lab -- exec node1 -- sfha resources
  npm run lab -- exec node1 -- sfha stonith history
Other lab verbs: npm run lab -- help
Stop everything:  npm run lab -- down
MSG
