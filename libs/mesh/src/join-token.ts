import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { inNetwork, isIpv4, parseCidr } from './ipv4';
import { isWireGuardKey } from './keys';

export const JOIN_TOKEN_SCHEME = 'sfha-join://';

/** Everything a new node needs to reach its inviter and ask to join (docs/design.md §2). */
export interface JoinInvitation {
  /** Format version. */
  v: 1;
  invitationId: string;
  clusterId: string;
  clusterName: string;
  /** Mesh network, e.g. 10.100.0.0/24 */
  network: string;
  /** WireGuard port the joiner should listen on. */
  port: number;
  /** The mesh address reserved for the joiner. */
  assignedIp: string;
  /** One-time key the joiner uses to reach the inviter before it has its own. */
  bootstrapPrivateKey: string;
  inviter: {
    name: string;
    meshIp: string;
    publicKey: string;
    /** host:port the joiner can reach, first one first. */
    endpoints: string[];
    /** Port of the inviter's peer API on its mesh IP. */
    peerApiPort: number;
  };
  /** ISO 8601. */
  expiresAt: string;
  /** The joiner's role; absent: a full member (tokens from before witnesses). Signed like the rest. */
  role?: 'full' | 'witness';
}

export type JoinTokenProblem = 'malformed' | 'damaged';

export class JoinTokenError extends Error {
  constructor(
    readonly problem: JoinTokenProblem,
    message: string,
  ) {
    super(message);
    this.name = 'JoinTokenError';
  }
}

/** JSON with sorted keys, so the same invitation always signs the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function invitationMac(invitation: JoinInvitation, clusterSecret: string): string {
  return createHmac('sha256', clusterSecret).update(canonicalJson(invitation)).digest('base64url');
}

// A plain digest the joiner can check without the cluster secret: catches a link that was
// cut or mistyped before anything is tried. Forgery is caught by the inviter's HMAC check.
const checksum = (body: string) => createHash('sha256').update(body).digest('base64url').slice(0, 8);

/** `sfha-join://<base64url(JSON{invitation, mac})>.<checksum>` */
export function encodeJoinToken(invitation: JoinInvitation, clusterSecret: string): string {
  const body = Buffer.from(canonicalJson({ invitation, mac: invitationMac(invitation, clusterSecret) })).toString('base64url');
  return `${JOIN_TOKEN_SCHEME}${body}.${checksum(body)}`;
}

/** Reads a token without the cluster secret (the joiner's side): shape and checksum only. */
export function decodeJoinToken(token: string): { invitation: JoinInvitation; mac: string } {
  const trimmed = token.trim();
  if (!trimmed.startsWith(JOIN_TOKEN_SCHEME)) throw new JoinTokenError('malformed', `an invitation link starts with ${JOIN_TOKEN_SCHEME}`);
  const [body = '', sum = '', ...rest] = trimmed.slice(JOIN_TOKEN_SCHEME.length).split('.');
  if (rest.length > 0 || !/^[A-Za-z0-9_-]+$/.test(body) || checksum(body) !== sum) {
    throw new JoinTokenError('damaged', 'the invitation link is damaged or incomplete: copy it again, whole');
  }
  let parsed: { invitation?: Partial<JoinInvitation>; mac?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as typeof parsed;
  } catch {
    throw new JoinTokenError('malformed', 'the invitation link does not hold an invitation');
  }
  const inv = parsed.invitation;
  if (!inv || inv.v !== 1 || typeof parsed.mac !== 'string' || !inv.inviter || !Array.isArray(inv.inviter.endpoints)) {
    throw new JoinTokenError('malformed', 'the invitation link is from an unknown sfha version');
  }
  const problem = invitationProblem(inv as JoinInvitation);
  if (problem) throw new JoinTokenError('malformed', `the invitation link holds an invalid invitation (${problem})`);
  return { invitation: inv as JoinInvitation, mac: parsed.mac };
}

const ENDPOINT = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):([1-9]\d{0,4})$/;
const isPort = (n: unknown) => Number.isInteger(n) && (n as number) >= 1 && (n as number) <= 65535;

/** The first field of an invitation that cannot be used as is, or null. Pure. */
export function invitationProblem(inv: JoinInvitation): string | null {
  let network;
  try {
    network = parseCidr(inv.network).network;
  } catch {
    return 'network';
  }
  if (!isIpv4(inv.assignedIp) || !inNetwork(inv.assignedIp, network)) return 'assignedIp';
  if (!isPort(inv.port)) return 'port';
  if (typeof inv.bootstrapPrivateKey !== 'string' || !isWireGuardKey(inv.bootstrapPrivateKey)) return 'bootstrapPrivateKey';
  if (typeof inv.inviter.publicKey !== 'string' || !isWireGuardKey(inv.inviter.publicKey)) return 'inviter.publicKey';
  if (!isIpv4(inv.inviter.meshIp) || !inNetwork(inv.inviter.meshIp, network)) return 'inviter.meshIp';
  if (inv.inviter.endpoints.length === 0 || !inv.inviter.endpoints.every((e) => typeof e === 'string' && ENDPOINT.test(e))) return 'inviter.endpoints';
  if (!isPort(inv.inviter.peerApiPort)) return 'inviter.peerApiPort';
  if (Number.isNaN(new Date(inv.expiresAt).getTime())) return 'expiresAt';
  if (inv.role !== undefined && inv.role !== 'full' && inv.role !== 'witness') return 'role';
  if (typeof inv.invitationId !== 'string' || typeof inv.clusterId !== 'string' || typeof inv.clusterName !== 'string') return 'ids';
  return null;
}

/** The inviter's check: the MAC was made with this cluster's secret (constant time). */
export function verifyInvitationMac(invitation: JoinInvitation, mac: string, clusterSecret: string): boolean {
  const expected = Buffer.from(invitationMac(invitation, clusterSecret));
  const given = Buffer.from(mac);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
