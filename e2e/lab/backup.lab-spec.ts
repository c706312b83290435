import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_PROTOCOL } from '@sfha/ha';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cluster, formCluster, until } from './cluster-helpers';
import { agentPid } from './lab';
import { BRIDGE_IP, LAB_BIN_DIR, LAB_DIR, POWER_PORT, REPO_ROOT } from './lab-layout';
import { lab, labOk, sfha, sfhaJson } from './lab-runner';

/**
 * Backup and restore on 3 real hosts (docs/backup.md): the cluster config exported, wiped and
 * imported back as one change; damaged files refused with nothing changed; node3 backed up,
 * its state wiped (a reinstall), restored, and back in the cluster with the current config.
 */
const RELEASE = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const DIR = join(LAB_DIR, 'backup-spec');
const file = (name: string) => join(DIR, name);
const TOKEN = 'Bearer backup-spec-secret-token';

interface Document {
  generation: number;
  secrets: string;
  config: Record<string, unknown>;
}
interface Node {
  name: string;
  online: boolean;
  version: string | null;
  configProtocol: number | null;
}
const generation = (node: string) => sfhaJson<{ generation: number }>(node, 'config', 'show').generation;
const exported = (node = 'node1') => sfhaJson<Document>(node, 'config', 'export', '--with-secrets');
const nodes = (node: string) => (cluster(node) as unknown as { nodes: Node[] }).nodes;
/** A CLI refusal: exit 1 and one line on stderr. */
function refused(node: string, ...args: string[]): string {
  const run = sfha(node, ...args);
  expect(run.code, run.stdout + run.stderr).toBe(1);
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  return run.stderr.trim();
}

beforeAll(async () => {
  mkdirSync(DIR, { recursive: true, mode: 0o700 });
  await formCluster();
  sfhaJson(
    'node1',
    'stonith',
    'device-set',
    'pdu',
    '--webhook',
    `http://${BRIDGE_IP}:${POWER_PORT}/webhook`,
    '--header',
    `Authorization: ${TOKEN}`,
    '--host',
    'node1=node1',
    '--host',
    'node2=node2',
    '--host',
    'node3=node3',
  );
  sfhaJson('node1', 'resources', 'group-set', 'db', '--process', `${LAB_BIN_DIR}/lab-web-server 8131`, '--prefer', 'node2');
  sfhaJson('node1', 'resources', 'group-set', 'web', '--vip', '192.0.2.130/24', '--process', `${LAB_BIN_DIR}/lab-web-server 8130`, '--prefer', 'node1');
  sfhaJson('node1', 'constraints', 'add', 'order', 'db', 'web');
}, 180_000);
afterAll(() => {
  labOk('down');
});

describe('versions in the cluster', () => {
  it('shows the release each member announced', async () => {
    await until('every member announced its release', () => nodes('node2').every((n) => n.version === RELEASE && n.configProtocol === CONFIG_PROTOCOL), 30_000);
    const text = sfha('node2', 'status').stdout;
    expect(text.match(new RegExp(`node[123] .* ${RELEASE.replace(/\./g, '\\.')} `, 'g'))).toHaveLength(3);
  });
});

describe('config export and import', () => {
  let original: Document;

  it('exports to a 0600 file, secrets masked unless asked for', () => {
    sfha('node1', 'config', 'export', '--file', file('masked.json'));
    sfha('node1', 'config', 'export', '--with-secrets', '--file', file('full.json'));
    for (const name of ['masked.json', 'full.json']) expect(statSync(file(name)).mode & 0o777).toBe(0o600);
    expect(readFileSync(file('masked.json'), 'utf8')).not.toContain('backup-spec-secret-token');
    expect(readFileSync(file('masked.json'), 'utf8')).toContain('********');
    expect(readFileSync(file('full.json'), 'utf8')).toContain('backup-spec-secret-token');
    original = JSON.parse(readFileSync(file('full.json'), 'utf8')) as Document;
    expect(original.secrets).toBe('included');
    expect(sfha('node2', 'config', 'import', file('masked.json'), '--dry-run').stdout).toContain('nothing to change');
  });

  it('refuses damaged files with one line naming the problem, and changes nothing', () => {
    const before = generation('node1');
    const text = readFileSync(file('full.json'), 'utf8');
    const doc = JSON.parse(text) as Document & { config: { groups: { name: string; preferredNode: string | null }[] } };
    const cases: [string, string, string][] = [
      ['cut.json', text.slice(0, text.length / 2), 'not JSON'],
      ['version.json', JSON.stringify({ ...doc, version: 3 }), 'document version 3 is not supported'],
      ['unknown.json', JSON.stringify({ ...doc, config: { ...doc.config, colour: 'red' } }), 'unknown field config.colour'],
      ['group.json', JSON.stringify({ ...doc, config: { ...doc.config, groups: doc.config.groups.map((g) => ({ ...g, preferredNode: 'node9' })) } }), 'preferredNode node9 is not a member'],
    ];
    for (const [name, content, reason] of cases) {
      writeFileSync(file(name), content, { mode: 0o600 });
      expect(refused('node2', 'config', 'import', file(name))).toContain(reason);
    }
    expect(refused('node2', 'config', 'import', file('missing.json'))).toContain('ENOENT');
    expect(generation('node1')).toBe(before);
    expect(exported().config).toEqual(original.config);
  });

  it('round-trips: export, wipe, import as one change', async () => {
    sfhaJson('node1', 'constraints', 'remove', 'order:db:web');
    sfhaJson('node1', 'resources', 'group-remove', 'web');
    sfhaJson('node1', 'resources', 'group-remove', 'db');
    sfha('node1', 'stonith', 'device-remove', 'pdu');
    const wiped = exported();
    expect(wiped.config).toMatchObject({ groups: [], constraints: [], fenceDevices: [] });
    // The masked export cannot bring back a secret the cluster no longer holds.
    expect(refused('node3', 'config', 'import', file('masked.json'))).toContain('no value is stored');
    expect(generation('node1')).toBe(wiped.generation);

    const shown = sfha('node3', 'config', 'import', file('full.json'), '--dry-run').stdout;
    expect(shown).toContain('+ group web');
    expect(generation('node1')).toBe(wiped.generation);
    const run = sfha('node3', 'config', 'import', file('full.json'));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`generation ${wiped.generation + 1}`);
    // The leader then places the groups again (later generations): every member follows.
    await until('every member has the imported config', () => new Set(['node1', 'node2', 'node3'].map(generation)).size === 1 && generation('node1') > wiped.generation);
    expect(exported('node2').config).toEqual(original.config);
  });
});

/**
 * An older member, through the real peer protocol: node3's agent is stopped (its Corosync and
 * WireGuard keep running, so it stays a member online) and a stand-in answers on its peer
 * address what an older release announces.
 */
const FAKE_OLD_AGENT = `require('node:http').createServer((req, res) => {
  const version = req.url === '/peer/v1/version';
  res.writeHead(version ? 200 : 404, { 'content-type': 'application/json' });
  res.end(version ? JSON.stringify({ version: '0.0.9', protocol: 1 }) : '{}');
}).listen(7779, '10.100.0.3');
`;

describe('a member on an older release', () => {
  it('keeps the cluster running, refuses what it cannot understand until it is upgraded', async () => {
    writeFileSync(file('old-agent.js'), FAKE_OLD_AGENT);
    const pid = agentPid('node3');
    expect(pid).not.toBeNull();
    process.kill(pid ?? 0, 'SIGKILL');
    lab('exec', 'node3', '--', 'sh', '-c', `sleep 1; nohup ${process.execPath} ${file('old-agent.js')} >/dev/null 2>&1 & echo $! > ${file('old-agent.pid')}`);
    try {
      await until('node1 sees node3 on the older release', () => nodes('node1').some((n) => n.name === 'node3' && n.version === '0.0.9' && n.configProtocol === 1), 30_000);
      expect((cluster('node1') as unknown as { mixedVersions: boolean }).mixedVersions).toBe(true);
      expect(sfha('node1', 'status').stdout).toContain('mixed versions');
      // A change every release understands goes through (node3 is online but cannot store it: 2 of 3 is a majority).
      const before = generation('node1');
      expect(sfha('node1', 'config', 'set', '--fence-storm-limit', '4').code).toBe(0);
      expect(generation('node1')).toBe(before + 1);
      // An import is a change kind of protocol 2: refused, naming the member, nothing changed.
      const doc = JSON.parse(readFileSync(file('full.json'), 'utf8')) as Document & { config: { settings: Record<string, number> } };
      writeFileSync(file('newer.json'), JSON.stringify({ ...doc, config: { ...doc.config, settings: { ...doc.config.settings, fenceStormLimit: 6 } } }), { mode: 0o600 });
      const refusal = refused('node2', 'config', 'import', file('newer.json'));
      expect(refusal).toContain('MEMBER_TOO_OLD');
      expect(refusal).toContain('node3 runs sfha 0.0.9 (config protocol 1): upgrade every member first');
      expect(generation('node1')).toBe(before + 1);
    } finally {
      process.kill(Number(readFileSync(file('old-agent.pid'), 'utf8')), 'SIGKILL');
    }
    labOk('start', 'node3');
    await until('node3 announces the current release again', () => nodes('node1').some((n) => n.name === 'node3' && n.version === RELEASE), 30_000);
    const run = sfha('node2', 'config', 'import', file('newer.json'));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('~ settings.fenceStormLimit: 4 → 6');
  }, 180_000);
});

describe('node backup and restore', () => {
  it('backs up node3, which is wiped, restored, and rejoins with the current config', async () => {
    const backup = file('node3.tar.gz');
    const made = sfhaJson<{ file: string; manifest: { node: string; meshIp: string; files: { path: string }[] } }>('node3', 'backup', '--file', backup);
    expect(made.manifest).toMatchObject({ node: 'node3', meshIp: '10.100.0.3' });
    expect(made.manifest.files.map((f) => f.path)).toEqual(['sfha.db', 'mesh/current.key', 'corosync/authkey']);
    expect(statSync(backup).mode & 0o777).toBe(0o600);
    // A change made after the backup: node3 must catch it up once restored.
    sfhaJson('node1', 'config', 'set', '--fence-storm-limit', '5');
    expect(refused('node3', 'restore', backup)).toContain('the agent is still running');

    labOk('kill', 'node3');
    lab('exec', 'node3', '--', 'sh', '-c', 'rm -rf /var/lib/sfha/* /etc/corosync/authkey /etc/corosync/corosync.conf');
    const empty = () => lab('exec', 'node3', '--', 'ls', '-A', '/var/lib/sfha').stdout.trim();
    expect(empty()).toBe('');
    const damaged = readFileSync(backup);
    writeFileSync(file('damaged.tar.gz'), damaged.subarray(0, damaged.length - 200), { mode: 0o600 });
    expect(refused('node3', 'restore', file('damaged.tar.gz'))).toContain('backup refused, nothing changed');
    expect(empty()).toBe('');

    const restored = sfha('node3', 'restore', backup);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain('node3 restored (cluster prod, mesh 10.100.0.3');
    labOk('start', 'node3');
    await until('node3 back in a quorate membership of 3', () => cluster('node3').quorate && nodes('node3').filter((n) => n.online).length === 3, 60_000);
    await until('node3 caught up with the config', () => generation('node3') === generation('node1'), 30_000);
    expect(sfhaJson<{ settings: { fenceStormLimit: number } }>('node3', 'config', 'show').settings.fenceStormLimit).toBe(5);
    expect(sfhaJson<{ meshIp: string }>('node3', 'status').meshIp).toBe('10.100.0.3');
  }, 240_000);
});
