import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { labName } from './lab-name';

/**
 * Where things are, and the lab's addresses (RFC 5737 TEST-NET-1: never routed).
 *
 * A machine can run several labs side by side, each named by env SFHA_LAB (unset or
 * "default": the default lab). What is global on the machine is per lab: the network
 * namespaces (default: node1…, sfha-br; lab "x": sfha-x-node1…, sfha-x-br), the machine's
 * gateway ports, the systemd cgroups, the run directory (/run/sfha-lab/NAME: mount
 * handles, gateway sockets and PIDs, the lab's record) and the lock. Inside a lab nothing
 * changes: hosts are node1…, on 192.0.2.0/24, each lab behind its own bridge namespace.
 */
export const REPO_ROOT = resolve(__dirname, '../..');

export const LAB_NAME = labName(process.env.SFHA_LAB);
/** How the lab is named in messages, lock and run directory. */
export const LAB_ID = LAB_NAME || 'default';
export const LAB_DIR = process.env.SFHA_LAB_DIR ?? join(REPO_ROOT, LAB_NAME ? `.lab-${LAB_NAME}` : '.lab');
/** Machine-wide state of running labs (not in the checkout: `down` works from anywhere). */
export const RUN_ROOT = '/run/sfha-lab';
export const RUN_DIR = join(RUN_ROOT, LAB_ID);
export const NS_DIR = join(RUN_DIR, 'ns');
export const GATEWAY_DIR = join(RUN_DIR, 'gateway');
/** The lab's record while it is up (lab.ts `LabRecord`): `lab list` reads it. */
export const RECORD_FILE = join(RUN_DIR, 'lab.json');
export const LOCK_FILE = join(RUN_ROOT, `${LAB_ID}.lock`);
/** Namespace names of lab NAME's hosts and bridge. */
export const netnsPrefix = (name: string) => (name ? `sfha-${name}-` : '');
export const BRIDGE_NS = LAB_NAME ? `sfha-${LAB_NAME}-br` : 'sfha-br';
/** The bridge's own address, from which the gateway reaches the hosts. */
export const BRIDGE_IP = '192.0.2.254';
export const AGENT_PORT = 7780;
export const MAX_HOSTS = 16;

/** FNV-1a: a stable slot per lab name. */
function slotOf(name: string, slots: number): number {
  let hash = 0x811c9dc5;
  for (const char of name) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return hash % slots;
}

/**
 * The machine's loopback ports into the lab: host i at first+i-1, the demo VIP at `vip`, the
 * cluster's management address at `management`. Default lab: 7781…, 7880 and 7881. Lab NAME:
 * a range of 18 in 21000–28999 derived from the name (SFHA_LAB_PORT=FIRST chooses it);
 * `lab up` refuses ports already taken.
 */
function machinePorts(): { first: number; vip: number; management: number } {
  const chosen = process.env.SFHA_LAB_PORT;
  if (chosen !== undefined && chosen !== '') {
    const first = Number(chosen);
    if (!Number.isInteger(first) || first < 1024 || first + MAX_HOSTS + 1 > 65535) throw new Error(`SFHA_LAB_PORT="${chosen}": expected a port from 1024 to ${65535 - MAX_HOSTS - 1}`);
    return { first, vip: first + MAX_HOSTS, management: first + MAX_HOSTS + 1 };
  }
  if (!LAB_NAME) return { first: 7781, vip: 7880, management: 7881 };
  const first = 21000 + 20 * slotOf(LAB_NAME, 400);
  return { first, vip: first + MAX_HOSTS, management: first + MAX_HOSTS + 1 };
}
export const MACHINE_PORTS = machinePorts();

export const AGENT_MAIN = join(REPO_ROOT, 'dist/agent/apps/agent/src/main.js');
export const CLI_BIN_DIR = join(REPO_ROOT, 'apps/cli/bin');
/** The lab's fence agent (fence_sfha_lab), on the hosts' agents' PATH. */
export const LAB_BIN_DIR = join(REPO_ROOT, 'e2e/lab/bin');
/** The lab's power controller, on the bridge: what fence_sfha_lab talks to. */
export const POWER_PORT = 7700;
/** What the lab power controller's webhook expects as its bearer token (a lab-only secret). */
export const LAB_WEBHOOK_TOKEN = 'lab-webhook-7f3a9c';
/** Host directories bind-mounted over the machine's, so each host has its own. */
export const PRIVATE_DIRS = ['/run', '/dev/shm', '/etc/corosync', '/var/lib/corosync', '/var/log/corosync', '/var/lib/sfha'] as const;

export const hostName = (i: number) => `node${i}`;
export const hostIndex = (name: string): number | null => {
  const match = /^node([1-9]\d?)$/.exec(name);
  const i = match ? Number(match[1]) : NaN;
  return i >= 1 && i <= MAX_HOSTS ? i : null;
};
export const hostIp = (i: number) => `192.0.2.${i}`;
export const hostDir = (name: string) => join(LAB_DIR, 'hosts', name);
export const mountHandle = (name: string) => join(NS_DIR, `${name}.mnt`);
/** The network namespace of host `name` (node1…) on the machine. */
export const hostNetns = (name: string) => `${netnsPrefix(LAB_NAME)}${name}`;
/** The lab host a network namespace of this lab belongs to, or null. */
export const netnsHost = (ns: string): string | null => {
  const prefix = netnsPrefix(LAB_NAME);
  const name = ns.startsWith(prefix) ? ns.slice(prefix.length) : '';
  return hostIndex(name) === null ? null : name;
};
export const netnsPath = (ns: string) => `/run/netns/${ns}`;
/** The host's network namespace handle. */
export const hostNetnsPath = (name: string) => netnsPath(hostNetns(name));
/** The agent's address inside the lab (from other hosts). */
export const agentUrl = (i: number) => `http://${hostIp(i)}:${AGENT_PORT}`;
/** The agent's address from the machine (browser, tests, benchmarks). */
export const machineUrl = (i: number) => `http://127.0.0.1:${MACHINE_PORTS.first + i - 1}`;
/** The demo VIP's service (192.0.2.100:8080 on the LAN) from the machine. */
export const machineVipUrl = () => `http://127.0.0.1:${MACHINE_PORTS.vip}`;
/** The address the lab's tests and demo give the cluster as its management address (on the LAN, held by the leader). */
export const LAB_MANAGEMENT_ADDRESS = '192.0.2.60';
/** The dashboard on the management address (LAB_MANAGEMENT_ADDRESS:7780), from the machine. */
export const machineManagementUrl = () => `http://127.0.0.1:${MACHINE_PORTS.management}`;
/** The host-side directory (or file, e.g. /etc/hosts) behind each private one. */
export const privateDirSource = (name: string, dir: string) => join(hostDir(name), 'fs', dir.replace(/^\//, '').replace(/\//g, '-'));
/** The lab watchdog's device inside every host (its --watchdog-device under `lab up --watchdog`): a FIFO, never the machine's /dev/watchdog. */
export const LAB_WATCHDOG_PATH = '/run/sfha-lab-watchdog';
/** That FIFO seen from the machine (the host's private /run). */
export const labWatchdogFifo = (name: string) => join(privateDirSource(name, '/run'), 'sfha-lab-watchdog');
/** Marks a host whose agent arms the lab watchdog (`up N --watchdog`). */
export const watchdogMarker = (name: string) => join(hostDir(name), 'lab-watchdog');
/** The agent's --watchdog-device in the lab: the host's lab watchdog, or none; never a default (the hosts share the machine's /dev). */
export const labWatchdogDevice = (name: string) => (existsSync(watchdogMarker(name)) ? LAB_WATCHDOG_PATH : 'none');
/** The cgroup2 subtree of a systemd host (lab-systemd.ts). */
export const systemdCgroup = (name: string) => `sfha-lab-${LAB_NAME ? `${LAB_NAME}-` : ''}${name}`;
