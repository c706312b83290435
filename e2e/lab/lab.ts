import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import {
  AGENT_MAIN,
  AGENT_PORT,
  agentUrl,
  BRIDGE_IP,
  BRIDGE_NS,
  CLI_BIN_DIR,
  GATEWAY_DIR,
  hostDir,
  hostIndex,
  hostIp,
  hostName,
  hostNetns,
  LAB_BIN_DIR,
  LAB_DIR,
  LAB_ID,
  labWatchdogDevice,
  labWatchdogFifo,
  watchdogMarker,
  MACHINE_PORTS,
  machineUrl,
  MAX_HOSTS,
  mountHandle,
  netnsHost,
  netnsPath,
  NS_DIR,
  PRIVATE_DIRS,
  privateDirSource,
  RECORD_FILE,
  REPO_ROOT,
  RUN_DIR,
  RUN_ROOT,
} from './lab-layout';
import { type LockHolder, lockHolder } from './lab-lock';
import { enablePackagedAgent, hasPackagedAgent, linkPackagedUnit } from './lab-package';
import { bootSystemd, enableSystemd, forkedChild, hasSystemd, hostCommand, removeSystemdCgroup } from './lab-systemd';
import { inHost, isAlive, killAll, listNetns, mountsUnder, netnsPids, sh, waitFor } from './lab-system';

export type Log = (line: string) => void;

export interface HostStatus {
  name: string;
  ip: string;
  /** From the machine. */
  url: string;
  /** From inside the lab. */
  labUrl: string;
  agentPid: number | null;
  healthy: boolean;
  processes: number;
  partitioned: boolean;
}

const REQUIRED_TOOLS = ['ip', 'nsenter', 'unshare', 'mount', 'nft'];
const isLabNetns = (ns: string) => ns === BRIDGE_NS || netnsHost(ns) !== null;

/** What `lab list` shows of a lab that is up (RECORD_FILE). */
export interface LabRecord {
  name: string;
  labDir: string;
  repo: string;
  hosts: number;
  ports: { first: number; vip: number };
  since: string;
}

export function labRecord(file = RECORD_FILE): LabRecord | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LabRecord;
  } catch {
    return null;
  }
}

async function checkPrerequisites(): Promise<void> {
  if (process.getuid?.() !== 0) throw new Error('the lab needs root (network and mount namespaces)');
  for (const tool of REQUIRED_TOOLS) {
    const found = await sh('sh', ['-c', 'command -v "$1"', 'sh', tool], { allowFailure: true });
    if (found.exitCode !== 0) throw new Error(`${tool} is missing: run npm run setup (installs the lab's packages)`);
  }
  if (!existsSync(AGENT_MAIN)) throw new Error(`the agent is not built (${AGENT_MAIN}): run npm run build`);
}

export function requireHost(name: string, hosts: readonly string[]): void {
  if (hostIndex(name) === null) throw new Error(`"${name}" is not a lab host name (node1 … node${MAX_HOSTS})`);
  if (!hosts.includes(name)) throw new Error(`${name} is not up: run npm run lab -- up N first`);
}

export async function labHosts(): Promise<string[]> {
  return (await listNetns())
    .map(netnsHost)
    .filter((name): name is string => name !== null)
    .sort((a, b) => (hostIndex(a) ?? 0) - (hostIndex(b) ?? 0));
}

/** The bridge namespace; its own address lets the gateway reach the hosts. */
async function ensureBridge(): Promise<void> {
  if ((await listNetns()).includes(BRIDGE_NS)) return;
  await sh('ip', ['netns', 'add', BRIDGE_NS]);
  await sh('ip', ['-n', BRIDGE_NS, 'link', 'set', 'lo', 'up']);
  await sh('ip', ['-n', BRIDGE_NS, 'link', 'add', 'br0', 'type', 'bridge']);
  await sh('ip', ['-n', BRIDGE_NS, 'addr', 'add', `${BRIDGE_IP}/24`, 'dev', 'br0']);
  await sh('ip', ['-n', BRIDGE_NS, 'link', 'set', 'br0', 'up']);
}

const GATEWAY_STATE = join(RUN_DIR, 'gateway.json');
// `node --import tsx`, not the tsx launcher, which forks: the recorded PID must be the gateway's own.
const NODE_TS = [process.execPath, '--import', join(REPO_ROOT, 'node_modules/tsx/dist/loader.mjs')];
const GATEWAY_SCRIPT = join(__dirname, 'lab-gateway.ts');
const POWER_SCRIPT = join(__dirname, 'lab-power.ts');
const WATCHDOG_SCRIPT = join(__dirname, 'lab-watchdog.ts');
const WATCHDOG_STATE = join(RUN_DIR, 'watchdog.json');

function spawnDetached(command: string, args: string[], logFile: string): number {
  const log = openSync(logFile, 'a');
  const child = spawn(command, args, { detached: true, stdio: ['ignore', log, log] });
  closeSync(log);
  if (!child.pid) throw new Error(`${command} did not start`);
  child.unref();
  return child.pid;
}

/** Resolves when nothing listens on 127.0.0.1:port. */
const portFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });

async function checkPortsFree(count: number): Promise<void> {
  const ports = [...Array.from({ length: count }, (_, k) => MACHINE_PORTS.first + k), MACHINE_PORTS.vip, MACHINE_PORTS.management];
  for (const port of ports) {
    if (!(await portFree(port))) {
      throw new Error(`lab "${LAB_ID}": port ${port} on 127.0.0.1 is taken (another lab or program; npm run lab -- list): use another lab name (SFHA_LAB) or a free range (SFHA_LAB_PORT=FIRST)`);
    }
  }
}

/** (Re)starts the loopback gateway for hosts 1..count (see lab-gateway.ts). */
async function ensureGateway(count: number): Promise<void> {
  const state = existsSync(GATEWAY_STATE) ? (JSON.parse(readFileSync(GATEWAY_STATE, 'utf8')) as { count: number; pids: number[] }) : null;
  if (state && state.count === count && state.pids.every(isAlive)) return;
  if (state) await killAll(state.pids.filter(isAlive));
  await checkPortsFree(count);
  mkdirSync(GATEWAY_DIR, { recursive: true, mode: 0o700 });
  const rest = [GATEWAY_DIR, String(count), String(MACHINE_PORTS.first), String(MACHINE_PORTS.vip), String(MACHINE_PORTS.management)];
  const log = join(LAB_DIR, 'gateway.log');
  const bridge = spawnDetached('nsenter', [`--net=${netnsPath(BRIDGE_NS)}`, '--', ...NODE_TS, GATEWAY_SCRIPT, 'bridge', ...rest], log);
  // The power controller (lab-power.ts) lives on the bridge too, like a PDU on the network.
  const env = [`TSX_TSCONFIG_PATH=${join(REPO_ROOT, 'e2e/tsconfig.json')}`, `SFHA_LAB=${LAB_ID}`, `SFHA_LAB_DIR=${LAB_DIR}`];
  const power = spawnDetached('nsenter', [`--net=${netnsPath(BRIDGE_NS)}`, '--', 'env', ...env, ...NODE_TS, POWER_SCRIPT], join(LAB_DIR, 'power.log'));
  const [node = process.execPath, ...nodeArgs] = NODE_TS;
  const machine = spawnDetached(node, [...nodeArgs, GATEWAY_SCRIPT, 'machine', ...rest], log);
  writeFileSync(GATEWAY_STATE, JSON.stringify({ count, pids: [bridge, machine, power] }));
}

/**
 * `up N --watchdog`: a FIFO in each host (/run/sfha-lab-watchdog) and the lab watchdog reading
 * them from the bridge namespace (lab-watchdog.ts); `down` stops it with the bridge's processes.
 */
async function ensureLabWatchdog(hosts: readonly string[]): Promise<void> {
  for (const name of hosts) {
    writeFileSync(watchdogMarker(name), 'the agent arms the lab watchdog (/run/sfha-lab-watchdog)\n');
    if (!existsSync(labWatchdogFifo(name))) await sh('mkfifo', ['-m', '0600', labWatchdogFifo(name)]);
  }
  const state = existsSync(WATCHDOG_STATE) ? (JSON.parse(readFileSync(WATCHDOG_STATE, 'utf8')) as { hosts: string[]; pid: number }) : null;
  if (state && isAlive(state.pid) && state.hosts.join() === hosts.join()) return;
  if (state && isAlive(state.pid)) await killAll([state.pid]);
  // One blocking FIFO open and read per host in libuv's pool: enough threads for every host.
  const env = [`TSX_TSCONFIG_PATH=${join(REPO_ROOT, 'e2e/tsconfig.json')}`, `SFHA_LAB=${LAB_ID}`, `SFHA_LAB_DIR=${LAB_DIR}`, `UV_THREADPOOL_SIZE=${2 * MAX_HOSTS + 4}`];
  const pid = spawnDetached('nsenter', [`--net=${netnsPath(BRIDGE_NS)}`, '--', 'env', ...env, ...NODE_TS, WATCHDOG_SCRIPT, ...hosts], join(LAB_DIR, 'watchdog-process.log'));
  writeFileSync(WATCHDOG_STATE, JSON.stringify({ hosts, pid }));
}

/** The directory of mount-namespace handles must be a private mount, or the handles leak into every new namespace. */
async function ensureHandleDir(): Promise<void> {
  mkdirSync(NS_DIR, { recursive: true });
  if (!mountsUnder(NS_DIR).includes(NS_DIR)) {
    await sh('mount', ['--bind', NS_DIR, NS_DIR]);
    await sh('mount', ['--make-private', NS_DIR]);
  }
}

async function createHost(i: number): Promise<void> {
  const name = hostName(i);
  const ns = hostNetns(name);
  if (!(await listNetns()).includes(ns)) {
    await sh('ip', ['netns', 'add', ns]);
    // The bridge's end of the veth is named after the host (each lab has its own bridge namespace).
    await sh('ip', ['link', 'add', 'eth0', 'netns', ns, 'type', 'veth', 'peer', 'name', name, 'netns', BRIDGE_NS]);
    await sh('ip', ['-n', BRIDGE_NS, 'link', 'set', name, 'master', 'br0', 'up']);
    await sh('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
    await sh('ip', ['-n', ns, 'addr', 'add', `${hostIp(i)}/24`, 'dev', 'eth0']);
    await sh('ip', ['-n', ns, 'link', 'set', 'eth0', 'up']);
  }
  const handle = mountHandle(name);
  if (mountsUnder(handle).includes(handle)) return;
  for (const dir of PRIVATE_DIRS) {
    mkdirSync(privateDirSource(name, dir), { recursive: true, mode: 0o700 });
    mkdirSync(dir, { recursive: true });
  }
  closeSync(openSync(handle, 'a'));
  await sh('unshare', [`--mount=${handle}`, '--propagation', 'private', 'true']);
  for (const dir of PRIVATE_DIRS) await inHost(name, ['mount', '--bind', privateDirSource(name, dir), dir]);
  // Each host has its own /etc/hosts (the agent writes its members' names there), never the machine's.
  const hosts = privateDirSource(name, '/etc/hosts');
  if (!existsSync(hosts)) writeFileSync(hosts, `127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n`, { mode: 0o644 });
  await inHost(name, ['mount', '--bind', hosts, '/etc/hosts']);
  // …and asks the lab's resolver on the bridge (lab-resolver.ts), never the machine's.
  if (existsSync('/etc/resolv.conf')) {
    const resolvConf = privateDirSource(name, '/etc/resolv.conf');
    writeFileSync(resolvConf, `nameserver ${BRIDGE_IP}\noptions timeout:1 attempts:2\n`, { mode: 0o644 });
    await inHost(name, ['mount', '--bind', resolvConf, '/etc/resolv.conf']);
  }
  // sysfs mounted from inside the netns shows this host's interfaces.
  await inHost(name, ['mount', '-t', 'sysfs', 'sysfs', '/sys']);
}

export function agentPid(name: string): number | null {
  const file = join(hostDir(name), 'agent.pid');
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8'));
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : null;
}

async function isHealthy(i: number): Promise<boolean> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 1_000);
  try {
    return (await fetch(`${machineUrl(i)}/api/v1/health`, { signal: controller.signal })).ok;
  } finally {
    clearTimeout(timer);
  }
}

/** Starts the host's agent in its namespaces, detached, logging to the host's agent.log. */
async function startAgent(name: string, wait = true, timeoutMs = 30_000): Promise<void> {
  if (agentPid(name) !== null) return;
  if (hasPackagedAgent(name)) return startPackagedAgent(name, wait);
  // A systemd host boots first; its agent then runs under it (lab-systemd.ts).
  if (hasSystemd(name)) await bootSystemd(name);
  const [enter = 'nsenter', ...into] = hostCommand(name);
  const spawned = spawnDetached(
    enter,
    // env: the lab's fence agent (e2e/lab/bin) is on the agent's PATH, like /usr/sbin/fence_* on a real host.
    [
      ...into,
      'env',
      `PATH=${LAB_BIN_DIR}:${process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin'}`,
      process.execPath,
      AGENT_MAIN,
      '--data-dir',
      '/var/lib/sfha',
      '--bind',
      `0.0.0.0:${AGENT_PORT}`,
      '--node-name',
      name,
      '--watchdog-device',
      labWatchdogDevice(name),
    ],
    join(hostDir(name), 'agent.log'),
  );
  // nsenter --pid forks the agent and waits for it: record the agent itself.
  const pid = hasSystemd(name) ? await forkedChild(spawned) : spawned;
  writeFileSync(join(hostDir(name), 'agent.pid'), String(pid));
  if (!wait) return;
  const i = hostIndex(name) ?? 0;
  await waitFor(`${name}'s agent to answer at ${machineUrl(i)} (see npm run lab -- logs ${name})`, () => isHealthy(i), timeoutMs);
}

/** The host's systemd boots, and starts the packaged sfha-agent.service it wants (lab-package.ts). */
async function startPackagedAgent(name: string, wait: boolean): Promise<void> {
  linkPackagedUnit(name);
  await bootSystemd(name);
  if (!wait) return;
  const i = hostIndex(name) ?? 0;
  await waitFor(`${name}'s packaged agent to answer at ${machineUrl(i)} (journalctl -u sfha-agent in the host)`, () => isHealthy(i), 60_000);
}

/** Brings up hosts node1..nodeN with an agent each; what is already up is left as it is. */
export async function up(count: number, log: Log, options: { systemd?: boolean; packaged?: boolean; watchdog?: boolean } = {}): Promise<void> {
  if (!Number.isInteger(count) || count < 1 || count > MAX_HOSTS) throw new Error(`up N: N must be 1 to ${MAX_HOSTS}`);
  await checkPrerequisites();
  const existing = await labHosts();
  const extra = existing.filter((h) => (hostIndex(h) ?? 0) > count);
  if (extra.length > 0) throw new Error(`the lab already has ${extra.join(', ')}: run npm run lab -- down first`);
  const record = labRecord();
  if (record && record.labDir !== LAB_DIR && (await listNetns()).some(isLabNetns)) {
    throw new Error(`lab "${LAB_ID}" is up from ${record.repo} (${record.labDir}): take it down first (SFHA_LAB=${LAB_ID} npm run lab -- down), or use another name`);
  }
  if (existing.length === 0) rmSync(join(LAB_DIR, 'hosts'), { recursive: true, force: true });
  mkdirSync(RUN_DIR, { recursive: true });
  mkdirSync(LAB_DIR, { recursive: true });
  writeFileSync(RECORD_FILE, JSON.stringify({ name: LAB_ID, labDir: LAB_DIR, repo: REPO_ROOT, hosts: count, ports: MACHINE_PORTS, since: new Date().toISOString() } satisfies LabRecord));
  await ensureBridge();
  await ensureHandleDir();
  await ensureGateway(count);
  for (let i = 1; i <= count; i++) {
    mkdirSync(hostDir(hostName(i)), { recursive: true });
    await createHost(i);
    if (options.packaged) enablePackagedAgent(hostName(i));
    else if (options.systemd) enableSystemd(hostName(i));
  }
  if (options.watchdog) await ensureLabWatchdog(Array.from({ length: count }, (_, k) => hostName(k + 1)));
  // Agents starting side by side share the CPUs: 30 s each for up to 4, more for a bigger lab.
  const timeoutMs = 30_000 * Math.max(1, Math.ceil(count / 4));
  // Settled, not Promise.all: a caller's `down` after the first failure must not race agents still being spawned.
  const started = await Promise.allSettled(Array.from({ length: count }, (_, k) => startAgent(hostName(k + 1), true, timeoutMs)));
  const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  for (let i = 1; i <= count; i++) log(`${hostName(i)}  ${machineUrl(i)}  (in the lab: ${agentUrl(i)})`);
}

/** Stops every lab process, deletes the namespaces, unmounts the handles. Safe on a half-built or crashed lab. */
export async function down(log: Log): Promise<void> {
  const namespaces = (await listNetns()).filter(isLabNetns);
  const pids = (await Promise.all(namespaces.map(netnsPids))).flat();
  if (existsSync(GATEWAY_STATE)) pids.push(...(JSON.parse(readFileSync(GATEWAY_STATE, 'utf8')) as { pids: number[] }).pids.filter(isAlive));
  await killAll(pids);
  // Every host, systemd or not (its marker may be in another checkout's lab directory).
  for (const name of namespaces.map(netnsHost)) if (name !== null) await removeSystemdCgroup(name);
  for (const ns of namespaces) await sh('ip', ['netns', 'del', ns]);
  // The handles (and, from before labs had names, the lab directory's ns/).
  for (const point of [...mountsUnder(NS_DIR), ...mountsUnder(join(LAB_DIR, 'ns'))]) await sh('umount', [point]);
  rmSync(RUN_DIR, { recursive: true, force: true });
  log(`lab down: ${pids.length} process(es) stopped, ${namespaces.length} namespace(s) deleted`);
}

export interface LabSummary {
  name: string;
  /** Its network namespaces on the machine. */
  namespaces: string[];
  record: LabRecord | null;
  heldBy: LockHolder | null;
}

/** The lab a namespace belongs to ('default', a name), or null when it is not a lab's. */
function labOfNetns(ns: string): string | null {
  if (ns === 'sfha-br' || /^node\d+$/.test(ns)) return 'default';
  return /^sfha-([a-z][a-z0-9]*)-(?:br|node\d+)$/.exec(ns)?.[1] ?? null;
}

/** Every lab on the machine: up (namespaces, record) or only locked. */
export async function list(): Promise<LabSummary[]> {
  const names = new Map<string, string[]>();
  for (const ns of await listNetns()) {
    const lab = labOfNetns(ns);
    if (lab) names.set(lab, [...(names.get(lab) ?? []), ns]);
  }
  const files = existsSync(RUN_ROOT) ? readdirSync(RUN_ROOT) : [];
  for (const file of files) {
    const name = file.replace(/\.lock$/, '');
    if (!names.has(name)) names.set(name, []);
  }
  return [...names.entries()]
    .map(([name, namespaces]) => ({
      name,
      namespaces: namespaces.sort(),
      record: labRecord(join(RUN_ROOT, name, 'lab.json')),
      heldBy: lockHolder(join(RUN_ROOT, `${name}.lock`)),
    }))
    .filter((lab) => lab.namespaces.length > 0 || lab.record !== null || lab.heldBy !== null)
    .sort((a, b) => a.name.localeCompare(b.name));
}

export async function status(): Promise<HostStatus[]> {
  const hosts = await labHosts();
  return Promise.all(
    hosts.map(async (name) => {
      const i = hostIndex(name) ?? 0;
      // Count first: the nft check below runs inside the host and would count itself.
      const processes = (await netnsPids(hostNetns(name))).length;
      const nft = await sh('ip', ['netns', 'exec', hostNetns(name), 'nft', 'list', 'table', 'inet', 'sfha_lab'], { allowFailure: true });
      return {
        name,
        ip: hostIp(i),
        url: machineUrl(i),
        labUrl: agentUrl(i),
        agentPid: agentPid(name),
        healthy: await isHealthy(i).catch(() => false),
        processes,
        partitioned: nft.exitCode === 0,
      };
    }),
  );
}

/** kill -9 of every process of the host (agent, wireguard-go, corosync…): its network stays, as with a hung machine. */
export async function kill(name: string, log: Log): Promise<void> {
  requireHost(name, await labHosts());
  const pids = await netnsPids(hostNetns(name));
  await killAll(pids);
  log(`${name}: ${pids.length} process(es) killed`);
}

/** SIGSTOP (pause) or SIGCONT (resume) every process of the host: a hung machine, its link up. */
export async function pause(name: string, log: Log, resume = false): Promise<void> {
  requireHost(name, await labHosts());
  const pids = await netnsPids(hostNetns(name));
  for (const pid of pids) {
    try {
      process.kill(pid, resume ? 'SIGCONT' : 'SIGSTOP');
    } catch {
      /* gone meanwhile */
    }
  }
  log(`${name}: ${pids.length} process(es) ${resume ? 'resumed' : 'paused'}`);
}

export async function start(name: string, log: Log): Promise<void> {
  requireHost(name, await labHosts());
  await sh('ip', ['-n', BRIDGE_NS, 'link', 'set', name, 'up']);
  await startAgent(name);
  log(`${name}: agent up at ${machineUrl(hostIndex(name) ?? 0)}`);
}

/** The lab's power controller: off = every process killed and the host's link down. */
export async function powerOff(name: string): Promise<number> {
  const pids = await netnsPids(hostNetns(name));
  await killAll(pids);
  await sh('ip', ['-n', BRIDGE_NS, 'link', 'set', name, 'down']);
  // A powered-off machine keeps no runtime state: its extra addresses (VIPs) go too.
  const base = hostIp(hostIndex(name) ?? 0);
  const { stdout } = await sh('ip', ['-n', hostNetns(name), '-j', 'address', 'show', 'dev', 'eth0']);
  const extra = (JSON.parse(stdout) as { addr_info?: { family?: string; local?: string; prefixlen?: number }[] }[])[0]?.addr_info?.filter((a) => a.family === 'inet' && a.local !== base) ?? [];
  for (const a of extra) await sh('ip', ['-n', hostNetns(name), 'address', 'del', `${a.local}/${a.prefixlen}`, 'dev', 'eth0']);
  return pids.length;
}

/** On = link up and the agent started (without waiting for it: a PDU does not wait for the OS). */
export async function powerOn(name: string): Promise<void> {
  await sh('ip', ['-n', BRIDGE_NS, 'link', 'set', name, 'up']);
  await startAgent(name, false);
}

/**
 * Off = the link is down (powerOff). A host whose processes were killed (`lab kill`) is on:
 * crashed or hung, it still holds its addresses (VIPs) on a live link, as a real machine would.
 */
export async function powerState(name: string): Promise<'on' | 'off'> {
  const { stdout } = await sh('ip', ['-n', BRIDGE_NS, '-j', 'link', 'show', name]);
  return (JSON.parse(stdout) as { flags?: string[] }[])[0]?.flags?.includes('UP') ? 'on' : 'off';
}

/** Runs a command in the host, `sfha` on its PATH; resolves with its exit code. Output is inherited. */
export async function execIn(name: string, command: readonly string[]): Promise<number> {
  requireHost(name, await labHosts());
  if (command.length === 0) throw new Error('exec NODE -- COMMAND…: the command is missing');
  const [enter = 'nsenter', ...into] = hostCommand(name);
  const child = spawn(enter, [...into, ...command], {
    stdio: 'inherit',
    env: { ...process.env, PATH: `${CLI_BIN_DIR}:${LAB_BIN_DIR}:${process.env.PATH ?? '/usr/bin:/bin'}` },
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** Cuts traffic between the groups (each a list of hosts) with nftables inside each host. */
export async function partition(groups: readonly string[][], log: Log): Promise<void> {
  const hosts = await labHosts();
  const all = groups.flat();
  if (groups.length < 2) throw new Error('partition needs at least two groups, e.g. partition node1,node2 node3');
  for (const name of all) requireHost(name, hosts);
  const twice = all.find((name, k) => all.indexOf(name) !== k);
  if (twice) throw new Error(`${twice} is in two groups`);
  await heal(() => undefined);
  for (const group of groups) {
    const others = all.filter((name) => !group.includes(name)).map((name) => hostIp(hostIndex(name) ?? 0));
    const rules = `table inet sfha_lab {
  chain input { type filter hook input priority -10; policy accept; ip saddr { ${others.join(', ')} } drop; }
  chain output { type filter hook output priority -10; policy accept; ip daddr { ${others.join(', ')} } drop; }
}
`;
    for (const name of group) await sh('ip', ['netns', 'exec', hostNetns(name), 'nft', '-f', '-'], { input: rules });
  }
  log(`partitioned: ${groups.map((g) => g.join(',')).join(' | ')}`);
}

export async function heal(log: Log): Promise<void> {
  for (const name of await labHosts()) await sh('ip', ['netns', 'exec', hostNetns(name), 'nft', 'delete', 'table', 'inet', 'sfha_lab'], { allowFailure: true });
  log('healed: no partition');
}

export function logs(name: string): Promise<string> {
  const file = join(hostDir(name), 'agent.log');
  if (!existsSync(file)) return Promise.reject(new Error(`${name} has no log yet (${file})`));
  return Promise.resolve(readFileSync(file, 'utf8'));
}

/** The one-time setup code the host's agent printed at its last start, if it has not been used. */
export async function setupCode(name: string): Promise<string | null> {
  const matches = [...(await logs(name)).matchAll(/setup code ([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})/g)];
  return matches.at(-1)?.[1] ?? null;
}
