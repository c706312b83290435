/**
 * Opt-in (`npm run lab -- up N --systemd`): each host boots a real systemd as PID 1 of its own
 * PID namespace, inside the host's network and mount namespaces, and the host's agent runs
 * under it, so `systemctl` in the host starts, stops and queries real units.
 *
 * What it takes (systemd 252, not PID 1 of the machine; see the report in git log):
 * - systemd's own cgroup2 tree: a cgroup `sfha-lab-nodeN` (lab "x": `sfha-lab-x-nodeN`) at the
 *   root of the cgroup2 hierarchy, entered before `unshare --cgroup`, so the namespace's cgroup2
 *   mount shows only that subtree.
 * - `--mount-proc` (its /proc), a tmpfs on /tmp and a log file on /dev/console, in a mount
 *   namespace of its own below the host's (propagation private). What the host needs from
 *   the machine's /tmp (a checkout there: the agent, the lab's bin/, the lab directory) is
 *   bound back into that tmpfs, and the console is bound before /tmp is covered.
 * - `container=sfha-lab` (systemd's container interface: no kernel, udev or console setup).
 * - SYSTEMD_UNIT_PATH limited to the host's /run/systemd/system and the lab's empty
 *   sysinit/basic/shutdown targets. With the machine's unit path, starting any unit pulled in
 *   sysinit.target: systemd-tmpfiles emptied the machine's (shared) /tmp, udevadm triggered
 *   the machine's devices. Never boot it with the default path on a shared filesystem.
 * - systemd refuses D-Bus peers outside its PID namespace (SO_PEERCRED pid 0: "Transport
 *   endpoint is not connected"), so the agent and `lab exec` run inside it (nsenter --target).
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { hostDir, hostNetnsPath, LAB_DIR, mountHandle, privateDirSource, REPO_ROOT, systemdCgroup } from './lab-layout';
import { inHost, isAlive, sh, waitFor } from './lab-system';

const marker = (host: string) => join(hostDir(host), 'systemd');
const pidFile = (host: string) => join(hostDir(host), 'systemd.pid');
/** On the machine: the host's /run/sfha-lab/systemd, where the lab's base units live. */
const baseUnitDir = (host: string) => join(privateDirSource(host, '/run'), 'sfha-lab/systemd');
/** Units the admin (or a test) installs in the host: its runtime unit directory. */
export const HOST_UNIT_DIR = '/run/systemd/system';

const EMPTY_TARGETS = {
  'sfha-lab.target': 'sfha lab host (what systemd boots)',
  'sysinit.target': 'System Initialization (empty in the lab)',
  'basic.target': 'Basic System (empty in the lab)',
  'shutdown.target': 'System Shutdown (empty in the lab)',
};

/** Marks a host as one that boots systemd (kept across power cycles). */
export function enableSystemd(host: string): void {
  mkdirSync(hostDir(host), { recursive: true });
  writeFileSync(marker(host), 'systemd as PID 1 of the host\n');
}

export const hasSystemd = (host: string) => existsSync(marker(host));

/** systemd's PID (machine namespace), if it runs. */
export function systemdPid(host: string): number | null {
  if (!existsSync(pidFile(host))) return null;
  const pid = Number(readFileSync(pidFile(host), 'utf8'));
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : null;
}

/** The command prefix that runs a program in the host: in systemd's namespaces on a systemd host. */
export function hostCommand(host: string): string[] {
  const pid = hasSystemd(host) ? systemdPid(host) : null;
  if (hasSystemd(host) && pid === null) throw new Error(`${host} boots systemd but systemd is not running (power it on: npm run lab -- start ${host})`);
  return pid === null ? ['nsenter', `--net=${hostNetnsPath(host)}`, `--mount=${mountHandle(host)}`, '--'] : ['nsenter', `--target=${pid}`, '--net', '--mount', '--pid', '--'];
}

const children = (pid: number): number[] => {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
  } catch {
    return [];
  }
};

const command = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
};

/** The process `pid` forked (e.g. nsenter --pid, which waits for it): the one to record and to kill. */
export async function forkedChild(pid: number, name?: string): Promise<number> {
  let child = 0;
  const found = () => (child = children(pid).find((c) => name === undefined || command(c) === name) ?? 0) > 0;
  await waitFor(`the child${name ? ` ${name}` : ''} of ${pid}`, () => Promise.resolve(found()), 5_000);
  return child;
}

// Runs in the host's namespaces as root. $1 the cgroup, $2 INSIDE, then INSIDE's arguments.
const BOOT = String.raw`set -e
mount -t cgroup2 none /sys/fs/cgroup
cg=/sys/fs/cgroup/$1
[ -d "$cg" ] && find "$cg" -mindepth 1 -depth -type d -exec rmdir {} + 2>/dev/null || true
mkdir -p "$cg"
echo $$ > "$cg/cgroup.procs"
umount /sys/fs/cgroup
inside=$2
shift 2
exec unshare --pid --fork --mount-proc --cgroup --propagation private sh -c "$inside" sh "$@"`;

// systemd's own mount namespace. $1 the console log, then the machine paths under /tmp to keep.
const INSIDE = `set -e
mount -t cgroup2 none /sys/fs/cgroup
mount --bind "$1" /dev/console
shift
stage=/run/sfha-lab/tmp
mkdir -p "$stage"
mount -t tmpfs tmpfs "$stage"
for keep in "$@"; do
  mkdir -p "$stage/\${keep#/tmp/}"
  mount --rbind "$keep" "$stage/\${keep#/tmp/}"
done
mount --move "$stage" /tmp
exec env -i container=sfha-lab SYSTEMD_UNIT_PATH=/run/systemd/system:/run/sfha-lab/systemd /lib/systemd/systemd --unit=sfha-lab.target`;

/** What the host runs from the machine (checkout, lab directory, node) that a tmpfs on /tmp would hide. */
export function pathsUnderTmp(paths: readonly string[] = [REPO_ROOT, LAB_DIR, dirname(process.execPath)]): string[] {
  const under = [...new Set(paths)].filter((p) => p.startsWith('/tmp/'));
  return under.filter((p) => !under.some((outer) => outer !== p && p.startsWith(`${outer}/`)));
}

/** Boots the host's systemd unless it runs; resolves once systemctl in the host answers. */
export async function bootSystemd(host: string): Promise<number> {
  const running = systemdPid(host);
  if (running !== null) return running;
  mkdirSync(baseUnitDir(host), { recursive: true });
  for (const [unit, description] of Object.entries(EMPTY_TARGETS)) writeFileSync(join(baseUnitDir(host), unit), `[Unit]\nDescription=${description}\nDefaultDependencies=no\n`);
  mkdirSync(join(privateDirSource(host, '/run'), 'systemd/system'), { recursive: true });
  const console = join(hostDir(host), 'systemd.log');
  closeSync(openSync(console, 'a'));
  const log = openSync(console, 'a');
  const args = ['sh', '-c', BOOT, 'sh', systemdCgroup(host), INSIDE, console, ...pathsUnderTmp()];
  const boot = spawn('nsenter', [`--net=${hostNetnsPath(host)}`, `--mount=${mountHandle(host)}`, '--', ...args], { detached: true, stdio: ['ignore', log, log] });
  closeSync(log);
  boot.unref();
  if (!boot.pid) throw new Error(`${host}: systemd did not start`);
  // The boot script runs mount, mkdir… before unshare forks systemd: wait for systemd itself.
  const pid = await forkedChild(boot.pid, 'systemd');
  writeFileSync(pidFile(host), String(pid));
  await waitFor(
    `${host}'s systemd to answer (see ${console})`,
    async () => (await sh(hostCommand(host)[0] ?? 'nsenter', [...hostCommand(host).slice(1), 'systemctl', 'is-system-running'], { allowFailure: true })).stdout.trim() === 'running',
    15_000,
  );
  return pid;
}

/** Removes the host's systemd cgroup tree once its processes are gone (lab down). */
export async function removeSystemdCgroup(host: string): Promise<void> {
  rmSync(pidFile(host), { force: true });
  const script = `mount -t cgroup2 none /sys/fs/cgroup && { find /sys/fs/cgroup/${systemdCgroup(host)} -depth -type d -exec rmdir {} + 2>/dev/null; umount /sys/fs/cgroup; }`;
  await inHost(host, ['sh', '-c', script], { allowFailure: true });
}
