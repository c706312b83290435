import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formClusterWith, lanClient, until } from './cluster-helpers';
import { join } from 'node:path';
import { BRIDGE_IP, BRIDGE_NS, LAB_BIN_DIR, netnsPath, POWER_PORT, REPO_ROOT } from './lab-layout';
import { PACKAGED_UNIT } from './lab-package';
import { lab, labOk, sfhaJson } from './lab-runner';
import { startVipChecker, type VipCheckerReport } from './vip-checker-run';

// The real package on the machine: built, installed with dpkg -i (the lab hosts share the
// machine's filesystem), each host's agent the packaged sfha-agent.service under the host's own
// systemd (lab-package.ts), then purged, leaving the machine as it was.
const VIP = '192.0.2.100';
const NODES = ['node1', 'node2', 'node3'];
interface Group {
  name: string;
  owner: string | null;
}
interface Event {
  code: string;
  params: Record<string, unknown>;
}
interface FenceEvent {
  node: string;
  action: string;
}

const sh = (file: string, args: string[]) => spawnSync(file, args, { encoding: 'utf8' });
const systemctl = (node: string, ...args: string[]) => lab('exec', node, '--', 'systemctl', ...args).stdout.trim();
const owner = () => sfhaJson<Group[]>('node2', 'resources').find((g) => g.name === 'web')?.owner ?? null;
const client = () => lanClient(VIP, 8080);
const events = (node: string) => sfhaJson<Event[]>(node, 'events', '--limit', '200');
/** Processes of the machine running the packaged Node. */
const packagedProcesses = () =>
  readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return execFileSync('cat', [`/proc/${p}/cmdline`], { encoding: 'utf8' }).includes('/opt/sfha/');
      } catch {
        return false;
      }
    });
/** Any mount of /var/lib/sfha in any mount namespace (another lab's hosts): purge must not rmdir it under them. */
const stateDirMounted = () => sh('sh', ['-c', 'cat /proc/[0-9]*/mountinfo 2>/dev/null | awk \'$5 == "/var/lib/sfha"\' | head -1']).stdout.trim() !== '';

const before = {
  corosyncEnabled: sh('systemctl', ['is-enabled', 'corosync.service']).stdout.trim(),
  corosyncMask: existsSync('/etc/systemd/system/corosync.service'),
  stateDir: existsSync('/var/lib/sfha') ? statSync('/var/lib/sfha').mode & 0o7777 : null,
};
const figures: Record<string, number | string> = {};
let debFile = '';
let files: string[] = [];
let checker: { stop(): Promise<VipCheckerReport> } | undefined;

beforeAll(async () => {
  if (sh('dpkg-query', ['-W', '-f=${Status}', 'sfha']).stdout.includes('installed')) throw new Error('the sfha package is already installed on this machine: dpkg --purge sfha first');
  // npm run package's second half (dist/ is built): prints "dist/pkg/sfha_….deb: 36.9 MiB, installed 109 MiB, built in N s".
  const printed = execFileSync(process.execPath, ['--import', join(REPO_ROOT, 'node_modules/tsx/dist/loader.mjs'), join(REPO_ROOT, 'packaging/src/build-deb.ts')], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, TSX_TSCONFIG_PATH: join(REPO_ROOT, 'packaging/tsconfig.json') },
  });
  const match = /^(\S+\.deb): ([\d.]+) MiB, installed (\d+) MiB/m.exec(printed);
  if (!match) throw new Error(`npm run package said: ${printed}`);
  debFile = join(REPO_ROOT, match[1] ?? '');
  figures.packageMiB = Number(match[2]);
  figures.installedMiB = Number(match[3]);
  const started = Date.now();
  execFileSync('dpkg', ['-i', debFile], { encoding: 'utf8' });
  figures.installSeconds = Number(((Date.now() - started) / 1000).toFixed(1));
  // dpkg lists the root as "/." and the shared directories the package only adds to: none of them is the package's to remove.
  files = execFileSync('dpkg-query', ['-L', 'sfha'], { encoding: 'utf8' })
    .split('\n')
    .filter(
      (f) =>
        f.startsWith('/') &&
        ![
          '/',
          '/.',
          '/etc',
          '/opt',
          '/usr',
          '/usr/bin',
          '/lib',
          '/usr/share',
          '/usr/share/doc',
          '/usr/share/man',
          '/usr/share/man/man1',
          '/lib/systemd',
          '/lib/systemd/system',
          '/usr/share/bash-completion',
          '/usr/share/bash-completion/completions',
          '/usr/share/lintian',
          '/usr/share/lintian/overrides',
        ].includes(f),
    );
  await formClusterWith(['--systemd', '--packaged']);
  sfhaJson('node1', 'config', 'set', '--fence-startup-grace-ms', '0', '--fence-min-delay-ms', '5000');
  sfhaJson('node1', 'stonith', 'device-set', 'lab', '--agent', 'fence_sfha_lab', '--host', 'node1=node1', '--host', 'node2=node2', '--host', 'node3=node3');
  sfhaJson('node1', 'resources', 'group-set', 'web', '--vip', `${VIP}/24`, '--process', `${LAB_BIN_DIR}/lab-web-server 8080`, '--prefer', 'node1');
  await until('the client to reach node1 through the VIP', () => client() === 'node1', 60_000);
  checker = startVipChecker([VIP], 3, 'package');
}, 900_000);

afterAll(async () => {
  await checker?.stop().catch(() => undefined);
  lab('down');
  // Never leave the package behind, even when a test failed (the last test checks the purge).
  if (sh('dpkg-query', ['-W', '-f=${Status}', 'sfha']).stdout.includes('installed')) sh('dpkg', ['--purge', 'sfha']);
}, 300_000);

describe('the Debian package on a 3-node lab (each host runs the packaged unit under its own systemd)', { timeout: 300_000 }, () => {
  it('installed: each host runs sfha-agent.service from /opt/sfha with its Node; corosync.service masked', () => {
    expect(existsSync(PACKAGED_UNIT)).toBe(true);
    expect(sh('systemctl', ['is-enabled', 'corosync.service']).stdout.trim()).toBe('masked');
    expect(statSync('/var/lib/sfha').mode & 0o777).toBe(0o700);
    for (const node of NODES) {
      expect(systemctl(node, 'is-active', 'sfha-agent.service')).toBe('active');
      const pid = systemctl(node, 'show', '--property=MainPID', '--value', 'sfha-agent.service');
      expect(lab('exec', node, '--', 'cat', `/proc/${pid}/cmdline`).stdout.split('\0')[0]).toBe('/opt/sfha/node/bin/node');
    }
  });

  it('systemctl stop sfha-agent on the owner moves the group first: a planned move, no fence', async () => {
    const started = Date.now();
    labOk('exec', 'node1', '--', 'systemctl', 'stop', 'sfha-agent.service');
    figures.stopSeconds = Number(((Date.now() - started) / 1000).toFixed(1));
    expect(systemctl('node1', 'is-active', 'sfha-agent.service')).toBe('inactive');
    await until('the client to be served from node2 or node3', () => ['node2', 'node3'].includes(client() ?? ''), 30_000);
    expect(['node2', 'node3']).toContain(owner());
    // node1 recorded its drain events in its own log: read once it is back (next test).
    expect(sfhaJson<FenceEvent[]>('node2', 'stonith', 'history').filter((e) => e.node === 'node1')).toEqual([]);
    expect(lab('exec', 'node1', '--', 'ip', '-o', 'address', 'show', 'dev', 'eth0').stdout).not.toContain(` ${VIP}/`);
  });

  it('systemctl start brings node1 back, out of standby by itself', async () => {
    labOk('exec', 'node1', '--', 'systemctl', 'start', 'sfha-agent.service');
    await until('node1 out of standby', () => sfhaJson<{ standby: string[] }>('node2', 'config', 'show').standby.length === 0, 90_000);
    const codes = events('node1')
      .filter((e) => e.params.node === 'node1')
      .map((e) => e.code);
    expect(codes).toEqual(expect.arrayContaining(['node.draining', 'node.drained', 'node.undrained-at-start']));
    expect(sfhaJson<FenceEvent[]>('node2', 'stonith', 'history').filter((e) => e.node === 'node1')).toEqual([]);
  });

  it('a power cycle of a host with the unit enabled brings its agent back by itself', async () => {
    const power = (action: string) =>
      execFileSync('nsenter', [`--net=${netnsPath(BRIDGE_NS)}`, 'curl', '-s', '-m', '60', '-X', 'POST', `http://${BRIDGE_IP}:${POWER_PORT}/power/node3/${action}`], { encoding: 'utf8' });
    expect(power('off')).toContain('"off"');
    expect(power('on')).toContain('"on"');
    // The power controller starts only the host (its systemd); systemd starts the enabled unit.
    await until("node3's packaged agent active again", () => systemctl('node3', 'is-active', 'sfha-agent.service') === 'active', 90_000);
    await until('node3 back in the membership', () => sfhaJson<{ cluster: { nodes: { name: string; online: boolean }[] } }>('node2', 'status').cluster.nodes.every((n) => n.online), 90_000);
  });

  it('never had two VIP holders', async () => {
    const report = await (checker as { stop(): Promise<VipCheckerReport> }).stop();
    checker = undefined;
    expect(report.samples).toBeGreaterThan(10);
    expect(report.violations).toEqual([]);
  });

  it('dpkg --purge leaves no file of the package, no unit, no process, and corosync.service as it was', () => {
    process.stdout.write(`package figures: ${JSON.stringify(figures)}\n`);
    labOk('down');
    // Another lab's hosts may have /var/lib/sfha as a mount point: purge then empties it and keeps it.
    const keptForOthers = stateDirMounted();
    const purge = sh('dpkg', ['--purge', 'sfha']);
    expect(purge.status, purge.stderr).toBe(0);
    expect(purge.stdout).toContain('corosync.service unmasked');
    expect(files.length).toBeGreaterThan(1000);
    expect(files.filter((f) => existsSync(f))).toEqual([]);
    if (keptForOthers) expect(readdirSync('/var/lib/sfha')).toEqual([]);
    else expect(existsSync('/var/lib/sfha')).toBe(false);
    for (const path of ['/opt/sfha', '/etc/sfha', '/lib/systemd/system/sfha-agent.service', '/etc/systemd/system/multi-user.target.wants/sfha-agent.service', '/etc/systemd/system/sfha-agent.service'])
      expect(existsSync(path), path).toBe(false);
    expect(packagedProcesses()).toEqual([]);
    expect(sh('systemctl', ['is-enabled', 'corosync.service']).stdout.trim()).toBe(before.corosyncEnabled);
    expect(existsSync('/etc/systemd/system/corosync.service')).toBe(before.corosyncMask);
  });
});

// The lab makes /var/lib/sfha (an empty mount point for its hosts) when it brings hosts up: put
// it back as it was before the install, once the purge removed it.
afterAll(() => {
  if (before.stateDir !== null && !existsSync('/var/lib/sfha')) execFileSync('install', ['-d', '-m', before.stateDir.toString(8), '/var/lib/sfha']);
  for (const dir of readdirSync('/var/tmp').filter((d) => /^systemd-private-.*-sfha-agent\.service-/.test(d))) rmSync(`/var/tmp/${dir}`, { recursive: true, force: true });
});
