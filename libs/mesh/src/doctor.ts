/**
 * `sfha doctor`: what stands between this host and a working mesh member, found from facts
 * the agent gathers (docs/architecture.md, "Doctor"). Pure: the facts in, one finding per
 * check out. The clients render a finding (its code and params) in French or English, with
 * the fix hint that belongs to that code.
 */

/** The WireGuard MTU sfha configures; a path must carry a full packet of it, DF set. */
export const MESH_MTU = 1420;
/** IPv4 + ICMP headers: a ping of `MESH_MTU - 28` bytes of payload fills the MTU. */
export const ICMP_OVERHEAD = 28;
/** Past this offset, signed peer requests are refused (the replay window is 30 s). */
export const CLOCK_FAIL_MS = 15_000;
/** Past this offset, timelines interleave badly and TOTP codes drift: worth fixing. */
export const CLOCK_WARN_MS = 1_000;
/** The oldest Corosync that speaks knet (the transport sfha renders). */
export const MIN_COROSYNC_MAJOR = 3;
/** Units that would fight the agent: it owns Corosync and the addresses it moves. */
export const COMPETING_UNITS = ['corosync.service', 'pacemaker.service', 'keepalived.service'] as const;

export interface PeerProbe {
  name: string;
  /** A ping through the tunnel got an answer. */
  answers: boolean;
  /** The largest ICMP payload that crossed with DF set, when `answers`. */
  largestPayload: number | null;
  /** This peer's clock minus ours, in ms (NTP-style, half the round trip corrected), if measured. */
  clockOffsetMs: number | null;
  /** How old that measurement is, in seconds (0: measured by this run). */
  clockMeasuredAgoSeconds: number | null;
  /** Bytes received from this peer grew during the run. */
  receivedDuringRun: boolean;
}

export interface DoctorFacts {
  wireguard: { tools: boolean; kernelModule: boolean; wireguardGo: boolean; interfaceUp: boolean };
  corosync: { version: string | null };
  /** `null` when systemd does not run here (nothing to compete). */
  units: { name: string; enabled: boolean; active: boolean }[] | null;
  /** Whether the agent is a mesh member yet: the tunnel checks need peers. */
  member: boolean;
  listenPort: number;
  /** The WireGuard interface has its UDP port open. */
  portBound: boolean;
  peers: PeerProbe[];
}

export type DoctorStatus = 'ok' | 'warn' | 'fail' | 'skipped';
/** Every finding's code: the clients' catalogues are keyed by it. */
export const DOCTOR_CODES = [
  'wireguard.kernel',
  'wireguard.userspace',
  'wireguard.missing',
  'wireguard.tools-missing',
  'corosync.ok',
  'corosync.missing',
  'corosync.too-old',
  'units.none',
  'units.no-systemd',
  'units.competing',
  'udp.ok',
  'udp.not-member',
  'udp.not-bound',
  'udp.blocked',
  'udp.some-peers',
  'mtu.ok',
  'mtu.too-small',
  'mtu.unmeasured',
  'clock.ok',
  'clock.skewed',
  'clock.refused',
  'clock.unmeasured',
] as const;
export type DoctorCode = (typeof DOCTOR_CODES)[number];
export type DoctorCheckId = 'wireguard' | 'corosync' | 'units' | 'udp' | 'mtu' | 'clock';

export interface DoctorFinding {
  check: DoctorCheckId;
  status: DoctorStatus;
  code: DoctorCode;
  /** Values the message names (peer names, ports, offsets). */
  params: Record<string, string | number>;
}

const finding = (check: DoctorCheckId, status: DoctorStatus, code: DoctorCode, params: Record<string, string | number> = {}): DoctorFinding => ({
  check,
  status,
  code,
  params,
});

function wireguard(f: DoctorFacts['wireguard']): DoctorFinding {
  if (!f.tools) return finding('wireguard', 'fail', 'wireguard.tools-missing');
  if (f.kernelModule) return finding('wireguard', 'ok', 'wireguard.kernel');
  if (f.wireguardGo) return finding('wireguard', 'ok', 'wireguard.userspace');
  return finding('wireguard', 'fail', 'wireguard.missing');
}

/** `Corosync Cluster Engine, version '3.1.7'` → 3. */
export function corosyncMajor(version: string): number | null {
  const match = /(\d+)\.\d+/.exec(version);
  return match ? Number(match[1]) : null;
}

function corosync(f: DoctorFacts['corosync']): DoctorFinding {
  if (f.version === null) return finding('corosync', 'fail', 'corosync.missing');
  const major = corosyncMajor(f.version);
  if (major === null || major < MIN_COROSYNC_MAJOR) return finding('corosync', 'fail', 'corosync.too-old', { version: f.version });
  return finding('corosync', 'ok', 'corosync.ok', { version: f.version });
}

function units(f: DoctorFacts['units']): DoctorFinding {
  if (f === null) return finding('units', 'skipped', 'units.no-systemd');
  const competing = f.filter((u) => u.enabled || u.active).map((u) => u.name);
  return competing.length ? finding('units', 'fail', 'units.competing', { units: competing.join(', ') }) : finding('units', 'ok', 'units.none');
}

function udp(facts: DoctorFacts): DoctorFinding {
  if (!facts.member || facts.peers.length === 0) return finding('udp', 'skipped', 'udp.not-member', { port: facts.listenPort });
  if (!facts.portBound) return finding('udp', 'fail', 'udp.not-bound', { port: facts.listenPort });
  const silent = facts.peers.filter((p) => !p.answers && !p.receivedDuringRun).map((p) => p.name);
  // Nobody answers: the common cause is ours (inbound UDP dropped by a firewall or a NAT).
  if (silent.length === facts.peers.length) return finding('udp', 'fail', 'udp.blocked', { port: facts.listenPort });
  if (silent.length) return finding('udp', 'warn', 'udp.some-peers', { port: facts.listenPort, peers: silent.join(', ') });
  return finding('udp', 'ok', 'udp.ok', { port: facts.listenPort });
}

function mtu(facts: DoctorFacts): DoctorFinding {
  const full = MESH_MTU - ICMP_OVERHEAD;
  const measured = facts.peers.filter((p) => p.answers && p.largestPayload !== null);
  if (!facts.member || measured.length === 0) return finding('mtu', 'skipped', 'mtu.unmeasured');
  const short = measured.filter((p) => (p.largestPayload ?? 0) < full);
  if (short.length === 0) return finding('mtu', 'ok', 'mtu.ok', { mtu: MESH_MTU });
  const worst = Math.min(...short.map((p) => p.largestPayload ?? 0)) + ICMP_OVERHEAD;
  return finding('mtu', 'fail', 'mtu.too-small', { mtu: MESH_MTU, path: worst, peers: short.map((p) => p.name).join(', ') });
}

function clock(facts: DoctorFacts): DoctorFinding {
  const measured = facts.peers.filter((p) => p.clockOffsetMs !== null);
  if (!facts.member || measured.length === 0) return finding('clock', 'skipped', 'clock.unmeasured');
  const worst = measured.reduce((a, b) => (Math.abs(b.clockOffsetMs ?? 0) > Math.abs(a.clockOffsetMs ?? 0) ? b : a));
  const offset = worst.clockOffsetMs ?? 0;
  const params = { peer: worst.name, offsetMs: Math.round(offset), agoSeconds: worst.clockMeasuredAgoSeconds ?? 0 };
  if (Math.abs(offset) > CLOCK_FAIL_MS) return finding('clock', 'fail', 'clock.refused', params);
  if (Math.abs(offset) > CLOCK_WARN_MS) return finding('clock', 'warn', 'clock.skewed', params);
  return finding('clock', 'ok', 'clock.ok', params);
}

/** Every check, in the order a person would fix them. */
export function diagnose(facts: DoctorFacts): DoctorFinding[] {
  return [wireguard(facts.wireguard), corosync(facts.corosync), units(facts.units), udp(facts), mtu(facts), clock(facts)];
}

/**
 * The next ICMP payload to try when searching the largest that crosses with DF set:
 * a bisection between what passed and what failed, or null once they are adjacent.
 */
export function nextPayloadProbe(passed: number, failed: number): number | null {
  return failed - passed <= 1 ? null : Math.floor((passed + failed) / 2);
}

/**
 * This peer's clock minus ours, from one request sent at `sentAt` and answered at
 * `receivedAt` (our clock) carrying the peer's time `peerNow`: NTP's offset for one sample.
 */
export function clockOffsetMs(sentAt: number, peerNow: number, receivedAt: number): number {
  return peerNow - (sentAt + receivedAt) / 2;
}
