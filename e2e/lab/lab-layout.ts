import { join, resolve } from 'node:path';

/** Where things are, and the lab's addresses (RFC 5737 TEST-NET-1: never routed). */
export const REPO_ROOT = resolve(__dirname, '../..');
export const LAB_DIR = process.env.SFHA_LAB_DIR ?? join(REPO_ROOT, '.lab');
export const NS_DIR = join(LAB_DIR, 'ns');
export const BRIDGE_NS = 'sfha-br';
/** The bridge's own address, from which the gateway reaches the hosts. */
export const BRIDGE_IP = '192.0.2.254';
export const AGENT_PORT = 7780;
/** The machine reaches host i's agent at 127.0.0.1:(7780+i), through the gateway. */
export const MACHINE_FIRST_PORT = 7781;
export const GATEWAY_DIR = join(LAB_DIR, 'gateway');
export const MAX_HOSTS = 16;
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
export const netnsPath = (name: string) => `/run/netns/${name}`;
/** The agent's address inside the lab (from other hosts). */
export const agentUrl = (i: number) => `http://${hostIp(i)}:${AGENT_PORT}`;
/** The agent's address from the machine (browser, tests, benchmarks). */
export const machineUrl = (i: number) => `http://127.0.0.1:${MACHINE_FIRST_PORT + i - 1}`;
/** The host-side directory behind each private directory. */
export const privateDirSource = (name: string, dir: string) => join(hostDir(name), 'fs', dir.replace(/^\//, '').replace(/\//g, '-'));
