import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formClusterWith, host, lanClient, online, until } from './cluster-helpers';
import { LAB_BIN_DIR, privateDirSource } from './lab-layout';
import { lab, labOk, sfha, sfhaJson } from './lab-runner';
import { HOST_UNIT_DIR } from './lab-systemd';
import { startVipChecker } from './vip-checker-run';

// Hosts that boot a real systemd (npm run lab -- up 3 --systemd); the web service is a unit.
const VIP = '192.0.2.100';
const UNIT = 'lab-web.service';
const SLOW_UNIT = 'lab-slow.service';
const ENABLED_UNIT = 'lab-enabled.service';
const NODES = ['node1', 'node2', 'node3'];
interface Group {
  name: string;
  owner: string | null;
  bannedOn: string[];
  resources: { name: string; kind: string; detail: string; running: boolean | null; restarts: number; health: string | null; healthDetail: string | null }[];
}
interface FenceEvent {
  node: string;
  action: string;
  ok: boolean;
  requestedBy: string;
}

const web = () => sfhaJson<Group[]>('node2', 'resources').find((g) => g.name === 'web');
const unit = () => web()?.resources.find((r) => r.kind === 'systemd');
const client = () => lanClient(VIP, 8080);
/** What the host's own systemd says of the unit (systemctl inside the host). */
const systemctl = (node: string, ...args: string[]) => lab('exec', node, '--', 'systemctl', ...args).stdout.trim();

let checker: ReturnType<typeof startVipChecker> | undefined;
const figures: Record<string, number> = {};

beforeAll(async () => {
  await formClusterWith(['--systemd']);
  // The admin's unit file, installed on every node that may run it (the host's runtime unit directory).
  for (const node of NODES) {
    const dir = join(privateDirSource(node, '/run'), HOST_UNIT_DIR.replace(/^\/run\//, ''));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, UNIT), `[Unit]\nDescription=lab web server\n[Service]\nEnvironment=SFHA_NODE=${node}\nExecStart=${process.execPath} ${LAB_BIN_DIR}/lab-web-server 8080\n`);
    // A unit whose start takes two minutes (it never says it is ready), and one with an [Install] section.
    writeFileSync(join(dir, SLOW_UNIT), '[Unit]\nDescription=lab slow starter\n[Service]\nType=notify\nExecStart=/bin/sleep 600\nTimeoutStartSec=120\n');
    writeFileSync(join(dir, ENABLED_UNIT), '[Unit]\nDescription=lab unit enabled at boot\n[Service]\nExecStart=/bin/sleep 600\n[Install]\nWantedBy=multi-user.target\n');
    labOk('exec', node, '--', 'systemctl', 'daemon-reload');
  }
  sfhaJson('node1', 'config', 'set', '--fence-startup-grace-ms', '0', '--fence-min-delay-ms', '5000');
  sfhaJson('node1', 'stonith', 'device-set', 'lab', '--agent', 'fence_sfha_lab', '--host', 'node1=node1', '--host', 'node2=node2', '--host', 'node3=node3');
  checker = startVipChecker([VIP], 3, 'systemd');
});

afterAll(() => {
  // beforeAll may have failed before the checker started.
  void checker?.stop().catch(() => undefined);
  lab('down');
});

describe('a systemd unit behind a VIP (real systemd in each host)', () => {
  it('each host runs its own systemd, and systemctl in the host talks to it', () => {
    for (const node of NODES) expect(systemctl(node, 'is-system-running')).toBe('running');
    expect(systemctl('node1', 'show', '--property=LoadState', '--', UNIT)).toBe('LoadState=loaded');
  });

  it('starts the unit on the preferred node; the systemd health check sees it active', async () => {
    sfhaJson('node2', 'resources', 'group-set', 'web', '--vip', `${VIP}/24`, '--systemd', UNIT, '--health-systemd', UNIT, '--max-restarts', '3', '--prefer', 'node1');
    await until('the client to reach node1 through the VIP', () => client() === 'node1');
    expect(systemctl('node1', 'is-active', UNIT)).toBe('active');
    expect(systemctl('node2', 'is-active', UNIT)).toBe('inactive');
    expect(systemctl('node3', 'is-active', UNIT)).toBe('inactive');
    await until('the systemd health check to pass', () => unit()?.health === 'healthy');
    expect(unit()).toMatchObject({ name: 'web-unit', detail: UNIT, running: true, healthDetail: 'active (running)' });
  });

  it('refuses a unit name that is not one, with a clear message', () => {
    const run = sfha('node1', 'resources', 'group-set', 'bad', '--systemd', 'lab-web', '--health-systemd', '-x.service');
    expect(run.stderr).toContain('(HTTP 400, VALIDATION_FAILED)');
    expect(run.stderr).toContain('unit lab-web is not a unit name');
    expect(run.stderr).toContain('health.target: unit -x.service is not a unit name');
    expect(sfhaJson<Group[]>('node1', 'resources').map((g) => g.name)).toEqual(['web']);
  });

  it('restarts the unit where it runs when systemd reports it killed or stopped', async () => {
    let at = Date.now();
    labOk('exec', 'node1', '--', 'systemctl', 'kill', '--signal=KILL', UNIT);
    await until('restart 1 on node1', () => unit()?.restarts === 1 && client() === 'node1');
    figures.killToServedMs = Date.now() - at;
    expect(systemctl('node1', 'is-active', UNIT)).toBe('active');
    at = Date.now();
    labOk('exec', 'node1', '--', 'systemctl', 'stop', UNIT);
    await until('restart 2 on node1', () => unit()?.restarts === 2 && client() === 'node1');
    figures.stopToServedMs = Date.now() - at;
    expect(web()?.owner).toBe('node1');
  });

  it('when the owner dies, it is fenced, and the unit starts under another host’s systemd', async () => {
    const at = Date.now();
    labOk('kill', 'node1');
    await until('the client to be served by another node', () => ['node2', 'node3'].includes(client() ?? ''), 60_000);
    figures.failoverMs = Date.now() - at;
    const owner = client() ?? '';
    expect(sfhaJson<FenceEvent[]>('node2', 'stonith', 'history').find((e) => e.node === 'node1' && e.action === 'off')).toMatchObject({ ok: true, requestedBy: 'leader' });
    expect(systemctl(owner, 'is-active', UNIT)).toBe('active');
    expect(systemctl(NODES.find((n) => n !== owner && n !== 'node1') ?? '', 'is-active', UNIT)).toBe('inactive');
    await until('no process left on node1', () => host('node1')?.processes === 0, 15_000);
    await until('the new owner’s health check to pass', () => unit()?.health === 'healthy' && web()?.owner === owner);
  });

  it('powering the fenced host on boots its systemd again, and it rejoins without taking the unit back', async () => {
    sfhaJson('node2', 'stonith', 'unfence', 'node1');
    await until('node1 back in the membership', () => online('node2').length === 3, 60_000);
    expect(systemctl('node1', 'is-system-running')).toBe('running');
    expect(systemctl('node1', 'is-active', UNIT)).toBe('inactive');
    expect(['node2', 'node3']).toContain(web()?.owner);
  });

  it('a unit that cannot start on a node fails there with systemd’s reason, then its group leaves the node', async () => {
    sfhaJson('node2', 'resources', 'group-set', 'ghost', '--systemd', 'lab-ghost.service', '--max-restarts', '1', '--prefer', 'node2');
    const ghost = () => sfhaJson<Group[]>('node3', 'resources').find((g) => g.name === 'ghost');
    await until('the group to leave node2', () => ghost()?.bannedOn.includes('node2') ?? false, 30_000);
    const messages = sfhaJson<{ message: string }[]>('node2', 'events', '--limit', '200').map((e) => e.message);
    expect(messages).toContain('ghost/ghost-unit could not start on node2: cannot start lab-ghost.service: no such unit on this host (install its unit file first)');
    expect(messages.some((m) => m.startsWith('ghost/ghost-unit failed on node2') && m.includes('past 1 restarts'))).toBe(true);
    expect(sfha('node2', 'resources', 'group-remove', 'ghost').code).toBe(0);
    expect(web()?.owner).not.toBeNull();
    expect(client()).toBe(web()?.owner);
  });

  it('a unit that takes minutes to start does not hold up the engine: it counts as running while activating, and a move stops it at once', async () => {
    const at = Date.now();
    sfhaJson('node2', 'resources', 'group-set', 'slow', '--systemd', SLOW_UNIT, '--prefer', 'node3');
    const slow = () => sfhaJson<Group[]>('node2', 'resources').find((g) => g.name === 'slow');
    // systemctl start --no-block: queued, reported at once (before, the tick waited up to 30 s for the job).
    await until('the slow unit reported running on node3', () => slow()?.owner === 'node3' && slow()?.resources[0]?.running === true, 10_000);
    figures.slowStartReportedMs = Date.now() - at;
    expect(systemctl('node3', 'is-active', SLOW_UNIT)).toBe('activating');
    // Stop-first handover: node3's stop (--no-block) cancels the start job; node2 starts it only then.
    sfhaJson('node2', 'failover', 'slow', 'node2');
    await until(
      'the slow unit stopped on node3 and starting on node2',
      () => systemctl('node3', 'is-active', SLOW_UNIT) === 'inactive' && systemctl('node2', 'is-active', SLOW_UNIT) === 'activating',
      15_000,
    );
    expect(sfha('node2', 'resources', 'group-remove', 'slow').code).toBe(0);
    labOk('exec', 'node2', '--', 'systemctl', 'stop', SLOW_UNIT); // removing a group does not stop it (reported separately)
  });

  it('refuses to start a unit enabled in systemd (it would start at boot, on every host), saying how to disable it', async () => {
    // --runtime: the host's /run, not the machine's /etc (systemctl warns that the lab has no multi-user.target).
    expect(lab('exec', 'node3', '--', 'systemctl', 'enable', '--runtime', ENABLED_UNIT).code).toBe(0);
    expect(systemctl('node3', 'show', '--property=UnitFileState', '--', ENABLED_UNIT)).toBe('UnitFileState=enabled-runtime');
    const why = `${ENABLED_UNIT} is enabled-runtime in systemd on this host, so it would also start at boot: disable it (systemctl disable --runtime ${ENABLED_UNIT}); sfha must be the only one starting it`;
    // Set through node3 (where it is enabled): refused at once.
    const set = sfha('node3', 'resources', 'group-set', 'boot', '--systemd', ENABLED_UNIT, '--max-restarts', '1', '--prefer', 'node3');
    expect(set.stderr).toContain('(HTTP 400, VALIDATION_FAILED)');
    expect(set.stderr).toContain(`boot-unit: ${why}`);
    // Set through node2 (not enabled there): node3 refuses to start it.
    sfhaJson('node2', 'resources', 'group-set', 'boot', '--systemd', ENABLED_UNIT, '--max-restarts', '1', '--prefer', 'node3');
    const refused = `boot/boot-unit could not start on node3: cannot start ${ENABLED_UNIT}: ${why}`;
    await until('the refusal in node3’s events', () => sfhaJson<{ message: string }[]>('node3', 'events', '--limit', '200').some((e) => e.message === refused), 20_000);
    expect(systemctl('node3', 'is-active', ENABLED_UNIT)).toBe('inactive');
    expect(sfha('node2', 'resources', 'group-remove', 'boot').code).toBe(0);
    for (const node of NODES) lab('exec', node, '--', 'systemctl', 'stop', ENABLED_UNIT); // it may have moved on and started elsewhere
  });

  it('never had two hosts holding the VIP at once (sampled every 50 ms)', async () => {
    const report = await checker?.stop();
    process.stdout.write(`systemd: ${JSON.stringify(figures)}; VIP checker: ${report?.samples ?? 0} samples\n`);
    expect(report?.samples).toBeGreaterThan(100);
    expect(report?.violations).toEqual([]);
  });
});
