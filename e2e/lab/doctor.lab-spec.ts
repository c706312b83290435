import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cluster, formCluster, online, until } from './cluster-helpers';
import { AGENT_MAIN, AGENT_PORT, hostDir, LAB_BIN_DIR } from './lab-layout';
import { lab, labOk, sfha } from './lab-runner';

interface Finding {
  check: string;
  status: 'ok' | 'warn' | 'fail' | 'skipped';
  code: string;
  params: Record<string, string | number>;
}

/** Debian's libfaketime, for this machine's architecture (dpkg-architecture's multiarch triplet). */
const LIBFAKETIME = `/usr/lib/${process.arch === 'arm64' ? 'aarch64' : 'x86_64'}-linux-gnu/faketime/libfaketime.so.1`;
const CLOCK_AHEAD = '+120s';

/** `sfha doctor --json` on a host: the findings by check, and the exit code (1 when one fails). */
function doctor(node: string): { code: number; checks: Record<string, Finding> } {
  const run = sfha(node, '--json', 'doctor');
  const report = JSON.parse(run.stdout) as { findings: Finding[] };
  return { code: run.code, checks: Object.fromEntries(report.findings.map((f) => [f.check, f])) };
}

/** Restarts the host's agent with its realtime clock moved (libfaketime); the rest of the host keeps the true time. */
function restartAgentWithClock(node: string, offset: string): void {
  const pid = readFileSync(join(hostDir(node), 'agent.pid'), 'utf8').trim();
  labOk('exec', node, '--', 'kill', pid);
  const agent = ['node', AGENT_MAIN, '--data-dir', '/var/lib/sfha', '--bind', `0.0.0.0:${AGENT_PORT}`, '--node-name', node].join(' ');
  const env = `LD_PRELOAD=${LIBFAKETIME} FAKETIME=${offset} FAKETIME_DONT_FAKE_MONOTONIC=1 PATH=${LAB_BIN_DIR}:$PATH`;
  // Detached, output to the host's agent log: `lab exec` returns at once; `lab down` ends it with the host.
  // The new agent takes the old one's port: start it once the old one is gone.
  labOk('exec', node, '--', 'sh', '-c', `while kill -0 ${pid} 2>/dev/null; do sleep 0.1; done; ${env} setsid ${agent} >> ${join(hostDir(node), 'agent.log')} 2>&1 < /dev/null &`);
}

const nft = (node: string, ...args: string[]) => labOk('exec', node, '--', 'nft', ...args);

const machineHosts = readFileSync('/etc/hosts', 'utf8');
const resolve = (node: string, name: string) => lab('exec', node, '--', 'getent', 'hosts', name).stdout.trim().split(/\s+/)[0] ?? '';

beforeAll(async () => {
  await formCluster();
});
afterAll(() => {
  lab('down');
});

describe('member names', () => {
  it('resolves every member as NODE.CLUSTER.sfha on every node, through the mesh', async () => {
    await until('every node to name every member', () => ['node1', 'node2', 'node3'].every((n) => resolve(n, 'node1.prod.sfha') === '10.100.0.1' && resolve(n, 'node3.prod.sfha') === '10.100.0.3'));
    expect(resolve('node2', 'node2.prod.sfha')).toBe('10.100.0.2');
    expect(lab('exec', 'node1', '--', 'ping', '-c', '1', '-W', '2', 'node3.prod.sfha').code).toBe(0);
    // Each host keeps its own file: the machine's is untouched.
    expect(readFileSync('/etc/hosts', 'utf8')).toBe(machineHosts);
  });
});

describe('sfha doctor', () => {
  it('finds nothing wrong on a healthy member', () => {
    const { code, checks } = doctor('node3');
    expect(code).toBe(0);
    expect(checks.wireguard).toMatchObject({ status: 'ok', code: 'wireguard.userspace' });
    expect(checks.corosync).toMatchObject({ status: 'ok' });
    expect(checks.units).toMatchObject({ status: 'skipped', code: 'units.no-systemd' });
    expect(checks.udp).toMatchObject({ status: 'ok', params: { port: 51820 } });
    expect(checks.mtu).toMatchObject({ status: 'ok', code: 'mtu.ok' });
    expect(checks.clock?.status).toBe('ok');
    expect(Math.abs(Number(checks.clock?.params.offsetMs))).toBeLessThan(1_000);
  });

  it('names a skewed clock, then a blocked UDP port on the same host', async () => {
    restartAgentWithClock('node3', CLOCK_AHEAD);
    await until("node3's agent back with its clock ahead", () => sfha('node3', 'status').code === 0, 30_000);

    const skewed = doctor('node3');
    expect(skewed.code).toBe(1);
    // node3 is 120 s ahead, so the others' clocks read 120 s behind it.
    expect(skewed.checks.clock).toMatchObject({ status: 'fail', code: 'clock.refused' });
    expect(Number(skewed.checks.clock?.params.offsetMs)).toBeLessThan(-110_000);
    expect(skewed.checks.udp?.status).toBe('ok');

    nft('node3', 'add', 'table', 'inet', 'doctor');
    nft('node3', 'add', 'chain', 'inet', 'doctor', 'input', '{ type filter hook input priority 0 ; }');
    nft('node3', 'add', 'rule', 'inet', 'doctor', 'input', 'udp', 'dport', '51820', 'drop');
    const both = doctor('node3');
    expect(both.code).toBe(1);
    expect(both.checks.udp).toMatchObject({ status: 'fail', code: 'udp.blocked', params: { port: 51820 } });
    // The tunnel is down now: the clock is the last one measured, and says how old it is.
    expect(both.checks.clock).toMatchObject({ status: 'fail', code: 'clock.refused' });
    expect(Number(both.checks.clock?.params.agoSeconds)).toBeGreaterThan(0);

    const text = sfha('node3', 'doctor');
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/✗ UDP port 51820: no member answers through the tunnel\n +→ allow udp\/51820 inbound/);
    expect(text.stdout).toMatch(/✗ Clock: -1[12]\d\.\d s apart from node[12] \(measured \d+ s ago\): signed requests between nodes are refused/);
    const french = lab('exec', 'node3', '--', 'sfha', 'doctor');
    expect(french.stdout).toContain('aucun membre ne répond par le tunnel');
  });

  it('measures the path MTU when the underlay carries less than a full mesh packet', () => {
    // The previous case's drop rule, if it got that far.
    lab('exec', 'node3', '--', 'nft', 'delete', 'table', 'inet', 'doctor');
    labOk('exec', 'node1', '--', 'ip', 'link', 'set', 'eth0', 'mtu', '1400');
    try {
      const { checks } = doctor('node2');
      expect(checks.mtu).toMatchObject({ status: 'fail', code: 'mtu.too-small', params: { peers: 'node1' } });
      expect(Number(checks.mtu?.params.path)).toBeLessThan(1420);
    } finally {
      labOk('exec', 'node1', '--', 'ip', 'link', 'set', 'eth0', 'mtu', '1500');
    }
  });
});

describe('member names after a removal', () => {
  it('drops a removed member on every remaining node', async () => {
    // node3's agent still runs with its clock ahead (refusing signed requests): give it its true clock back.
    labOk('kill', 'node3');
    labOk('start', 'node3');
    await until('node3 back in a quorate membership of 3', () => online('node1').length === 3 && cluster('node3').quorate, 60_000);
    labOk('exec', 'node1', '--', 'sfha', 'mesh', 'remove-peer', 'node3');
    await until('node3 unnamed on node1 and node2', () => resolve('node1', 'node3.prod.sfha') === '' && resolve('node2', 'node3.prod.sfha') === '', 30_000);
    expect(resolve('node1', 'node2.prod.sfha')).toBe('10.100.0.2');
    expect(readFileSync('/etc/hosts', 'utf8')).toBe(machineHosts);
  });
});
