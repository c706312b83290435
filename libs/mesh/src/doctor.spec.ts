import { describe, expect, it } from 'vitest';
import { clockOffsetMs, corosyncMajor, diagnose, nextPayloadProbe, type DoctorFacts, type PeerProbe } from './doctor';

const peer = (name: string, over: Partial<PeerProbe> = {}): PeerProbe => ({
  name,
  answers: true,
  largestPayload: 1392,
  clockOffsetMs: 3,
  clockMeasuredAgoSeconds: 0,
  receivedDuringRun: true,
  ...over,
});

const healthy = (over: Partial<DoctorFacts> = {}): DoctorFacts => ({
  wireguard: { tools: true, kernelModule: false, wireguardGo: true, interfaceUp: true },
  corosync: { version: "Corosync Cluster Engine, version '3.1.7'" },
  units: [{ name: 'corosync.service', enabled: false, active: false }],
  member: true,
  listenPort: 51820,
  portBound: true,
  peers: [peer('node1'), peer('node2')],
  ...over,
});

const byCheck = (facts: DoctorFacts) => Object.fromEntries(diagnose(facts).map((f) => [f.check, f]));

describe('diagnose', () => {
  it('finds nothing wrong on a healthy member', () => {
    const findings = diagnose(healthy());
    expect(findings.map((f) => f.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
    expect(findings.map((f) => f.code)).toEqual(['wireguard.userspace', 'corosync.ok', 'units.none', 'udp.ok', 'mtu.ok', 'clock.ok']);
  });

  it('prefers the kernel module and fails with neither implementation nor tools', () => {
    expect(byCheck(healthy({ wireguard: { tools: true, kernelModule: true, wireguardGo: true, interfaceUp: true } })).wireguard?.code).toBe('wireguard.kernel');
    expect(byCheck(healthy({ wireguard: { tools: true, kernelModule: false, wireguardGo: false, interfaceUp: false } })).wireguard).toMatchObject({ status: 'fail', code: 'wireguard.missing' });
    expect(byCheck(healthy({ wireguard: { tools: false, kernelModule: true, wireguardGo: true, interfaceUp: false } })).wireguard?.code).toBe('wireguard.tools-missing');
  });

  it('refuses a missing or pre-knet Corosync', () => {
    expect(byCheck(healthy({ corosync: { version: null } })).corosync).toMatchObject({ status: 'fail', code: 'corosync.missing' });
    expect(byCheck(healthy({ corosync: { version: "Corosync Cluster Engine, version '2.4.5'" } })).corosync).toMatchObject({ status: 'fail', code: 'corosync.too-old' });
  });

  it('names every enabled or running unit that competes, and skips without systemd', () => {
    const units = [
      { name: 'corosync.service', enabled: true, active: false },
      { name: 'pacemaker.service', enabled: false, active: false },
      { name: 'keepalived.service', enabled: false, active: true },
    ];
    expect(byCheck(healthy({ units })).units).toMatchObject({ status: 'fail', params: { units: 'corosync.service, keepalived.service' } });
    expect(byCheck(healthy({ units: null })).units?.status).toBe('skipped');
  });

  it('blames our UDP port when no peer answers, a peer when only some do', () => {
    const silent = { answers: false, largestPayload: null, receivedDuringRun: false };
    expect(byCheck(healthy({ peers: [peer('node1', silent), peer('node2', silent)] })).udp).toMatchObject({ status: 'fail', code: 'udp.blocked', params: { port: 51820 } });
    expect(byCheck(healthy({ peers: [peer('node1', silent), peer('node2')] })).udp).toMatchObject({ status: 'warn', code: 'udp.some-peers', params: { peers: 'node1' } });
    expect(byCheck(healthy({ portBound: false })).udp?.code).toBe('udp.not-bound');
    // Traffic arriving counts as an answer even if the ping was lost.
    expect(byCheck(healthy({ peers: [peer('node1', { ...silent, receivedDuringRun: true })] })).udp?.status).toBe('ok');
  });

  it('skips the tunnel checks before the node is a member', () => {
    const checks = byCheck(healthy({ member: false, peers: [] }));
    expect([checks.udp?.status, checks.mtu?.status, checks.clock?.status]).toEqual(['skipped', 'skipped', 'skipped']);
  });

  it('reports the path MTU of the worst peer when a full packet does not cross', () => {
    const mtu = byCheck(healthy({ peers: [peer('node1', { largestPayload: 1372 }), peer('node2', { largestPayload: 1252 })] })).mtu;
    expect(mtu).toMatchObject({ status: 'fail', code: 'mtu.too-small', params: { path: 1280, peers: 'node1, node2' } });
  });

  it('grades the worst clock offset: warn past 1 s, fail where signed requests are refused', () => {
    expect(byCheck(healthy({ peers: [peer('node1', { clockOffsetMs: -2_500 }), peer('node2', { clockOffsetMs: 40 })] })).clock).toMatchObject({
      status: 'warn',
      code: 'clock.skewed',
      params: { peer: 'node1', offsetMs: -2500 },
    });
    expect(byCheck(healthy({ peers: [peer('node1', { clockOffsetMs: 120_000, clockMeasuredAgoSeconds: 12 })] })).clock).toMatchObject({
      status: 'fail',
      code: 'clock.refused',
      params: { agoSeconds: 12 },
    });
    expect(byCheck(healthy({ peers: [peer('node1', { clockOffsetMs: null })] })).clock?.code).toBe('clock.unmeasured');
  });
});

describe('helpers', () => {
  it('reads the Corosync major version', () => {
    expect(corosyncMajor("Corosync Cluster Engine, version '3.1.7'")).toBe(3);
    expect(corosyncMajor('nonsense')).toBeNull();
  });

  it('bisects the ICMP payload until the bounds meet', () => {
    expect(nextPayloadProbe(548, 1392)).toBe(970);
    expect(nextPayloadProbe(1371, 1372)).toBeNull();
  });

  it('corrects the offset by half the round trip', () => {
    // Sent at 1000, answered at 1100 (ours); the peer read 6050 at the middle: it is 5000 ahead.
    expect(clockOffsetMs(1_000, 6_050, 1_100)).toBe(5_000);
  });
});
