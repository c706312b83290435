import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostStatus } from './lab';
import { BRIDGE_NS, hostDir, hostNetns, LAB_DIR, machineUrl, NS_DIR, privateDirSource, RUN_DIR } from './lab-layout';
import { lab, labOk } from './lab-runner';
import { isAlive, listNetns, mountsUnder } from './lab-system';

const status = () => JSON.parse(labOk('status', '--json')) as HostStatus[];
/** The health status code, or 0 when nothing answers. */
const health = (i: number) =>
  fetch(`${machineUrl(i)}/api/v1/health`, { signal: AbortSignal.timeout(2_000) }).then(
    (res) => res.status,
    () => 0,
  );
const PASSWORD = 'lab test password 1';

const seenPids = new Set<number>();
const remember = () => status().forEach((h) => h.agentPid && seenPids.add(h.agentPid));

beforeAll(() => {
  labOk('down');
  labOk('up', '3');
  remember();
});
afterAll(() => {
  lab('heal');
  lab('down');
});

describe('lab up 3', () => {
  it('runs one agent per host, each answering from the machine', async () => {
    const hosts = status();
    expect(hosts.map((h) => [h.name, h.url, h.labUrl, h.healthy])).toEqual([
      ['node1', machineUrl(1), 'http://192.0.2.1:7780', true],
      ['node2', machineUrl(2), 'http://192.0.2.2:7780', true],
      ['node3', machineUrl(3), 'http://192.0.2.3:7780', true],
    ]);
    for (const i of [1, 2, 3]) expect(await health(i)).toBe(200);
  });

  it('is safe to run twice: the second run changes nothing', () => {
    const before = status().map((h) => h.agentPid);
    expect(labOk('up', '3')).toContain(`node3  ${machineUrl(3)}`);
    expect(status().map((h) => h.agentPid)).toEqual(before);
  });

  it('gives each host its own data directory, database 0600', () => {
    const credentials = ['node1', 'node2', 'node3'].map((h) => readFileSync(join(privateDirSource(h, '/var/lib/sfha'), 'local-admin.json'), 'utf8'));
    expect(new Set(credentials).size).toBe(3);
    expect(statSync(join(privateDirSource('node1', '/var/lib/sfha'), 'sfha.db')).mode & 0o777).toBe(0o600);
  });
});

describe('lab exec', () => {
  it('runs sfha status inside a host, against that host’s agent, as root without a password', () => {
    const json = JSON.parse(labOk('exec', 'node2', '--', 'sfha', '--json', 'status')) as { nodeName: string; health: string };
    expect(json).toMatchObject({ nodeName: 'node2', health: 'ok' });
    expect(labOk('exec', 'node3', '--', 'sfha', '--lang=en', 'status')).toMatch(/^Node\s+node3$/m);
  });

  it('passes the command’s exit code through', () => {
    expect(lab('exec', 'node1', '--', 'sh', '-c', 'exit 7').code).toBe(7);
    expect(lab('exec', 'node9', '--', 'true')).toMatchObject({ code: 1, stderr: 'lab: node9 is not up: run npm run lab -- up N first\n' });
  });
});

describe('first run from another machine', () => {
  it('requires the one-time setup code the agent printed in its log', async () => {
    // Read first: labOk blocks the event loop, and fetch would then reuse a keep-alive socket the agent has closed.
    const code = labOk('setup-code', 'node3').trim();
    const url = `${machineUrl(3)}/api/v1/auth/setup`;
    const post = (body: object) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const state = (await (await fetch(`${machineUrl(3)}/api/v1/auth/state`)).json()) as unknown;
    expect(state).toEqual({ setupRequired: true, setupCodeRequired: true });
    const without = await post({ password: PASSWORD });
    expect(without.status).toBe(403);
    expect(await without.json()).toMatchObject({ code: 'SETUP_CODE_REQUIRED' });
    expect((await post({ password: PASSWORD, setupCode: 'AAAA-BBBB-CCCC' })).status).toBe(403);
    const ok = await post({ password: PASSWORD, setupCode: code.toLowerCase() });
    expect(ok.status).toBe(200);
    expect((await post({ password: PASSWORD, setupCode: code })).status).toBe(409);
  });
});

describe('lab kill and start', () => {
  it('kill -9s every process of the host, leaving the others up', async () => {
    const agent = status().find((h) => h.name === 'node3')?.agentPid ?? 0;
    expect(labOk('kill', 'node3')).toBe('node3: 1 process(es) killed\n');
    expect(isAlive(agent)).toBe(false);
    const node3 = status().find((h) => h.name === 'node3');
    expect(node3).toMatchObject({ agentPid: null, healthy: false, processes: 0 });
    expect(await health(3)).toBe(0);
    expect(await health(1)).toBe(200);
  });

  it('starts the agent again, on the host’s kept state', async () => {
    labOk('start', 'node3');
    remember();
    expect(await health(3)).toBe(200);
    const login = await fetch(`${machineUrl(3)}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ password: PASSWORD }) });
    expect(login.status).toBe(200);
  });
});

describe('lab partition and heal', () => {
  const reach = (from: string, toIp: string) => lab('exec', from, '--', 'curl', '-s', '-o', '/dev/null', '-m', '1', `http://${toIp}:7780/api/v1/health`).code === 0;

  it('cuts the groups apart and heals', () => {
    expect(reach('node3', '192.0.2.1')).toBe(true);
    labOk('partition', 'node1,node2', 'node3');
    expect(reach('node3', '192.0.2.1')).toBe(false);
    expect(reach('node1', '192.0.2.3')).toBe(false);
    expect(reach('node1', '192.0.2.2')).toBe(true);
    expect(status().map((h) => h.partitioned)).toEqual([true, true, true]);
    labOk('heal');
    expect(reach('node3', '192.0.2.1')).toBe(true);
  });

  it('refuses a host in two groups or unknown', () => {
    expect(lab('partition', 'node1,node2', 'node2').stderr).toBe('lab: node2 is in two groups\n');
    expect(lab('partition', 'node1', 'node7').stderr).toContain('node7 is not up');
  });
});

describe('lab down', () => {
  it('leaves no namespace, mount or process behind, and is safe to run twice', async () => {
    labOk('down');
    const mine = [BRIDGE_NS, ...[1, 2, 3].map((i) => hostNetns(`node${i}`))];
    expect((await listNetns()).filter((ns) => mine.includes(ns))).toEqual([]);
    expect([...mountsUnder(LAB_DIR), ...mountsUnder(NS_DIR)]).toEqual([]);
    expect(existsSync(RUN_DIR)).toBe(false);
    expect([...seenPids].filter(isAlive)).toEqual([]);
    expect(status()).toEqual([]);
    expect(labOk('down')).toContain('0 process(es) stopped, 0 namespace(s) deleted');
    // The logs stay for a post-mortem.
    expect(readFileSync(join(hostDir('node1'), 'agent.log'), 'utf8')).toContain('listening');
  });
});
