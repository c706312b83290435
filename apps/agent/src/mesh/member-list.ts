import { canonicalJson, type DesiredPeer } from '@sfha/mesh';
import { createHash } from 'node:crypto';
import type { InvitationRecord, Member, MemberList } from './mesh.types';

const digest = (list: MemberList) => createHash('sha256').update(canonicalJson(list.members)).digest('hex');

/**
 * Whether a node holding `local` should adopt `incoming`: a higher generation wins; at the
 * same generation (two changes made at once on different nodes) the larger digest wins, so
 * every node settles on the same list.
 */
export function shouldAdopt(local: MemberList, incoming: MemberList): boolean {
  if (incoming.generation !== local.generation) return incoming.generation > local.generation;
  return digest(incoming) > digest(local);
}

/**
 * The WireGuard peers a node wants: every other member, plus its pending invitations'
 * bootstrap keys. A node no longer in the list (removed) wants none. `vipRoutes` (member →
 * mesh VIPs it owns, as /32) adds those VIPs to the owner's allowed-IPs. `endpointOf` turns a
 * member's endpoint into what WireGuard is given (a DNS name → its address now).
 */
export function desiredPeers(
  selfName: string,
  members: readonly Member[],
  pendingInvitations: readonly InvitationRecord[],
  vipRoutes: Readonly<Record<string, readonly string[]>> = {},
  endpointOf: (endpoint: string | null) => string | null = (e) => e,
): DesiredPeer[] {
  if (!members.some((m) => m.name === selfName)) return [];
  const memberIps = new Set(members.map((m) => m.meshIp));
  const peers: DesiredPeer[] = members
    .filter((m) => m.name !== selfName)
    .map((m) => ({
      publicKey: m.publicKey,
      endpoint: endpointOf(m.endpoint),
      allowedIps: [`${m.meshIp}/32`, ...(vipRoutes[m.name] ?? []).filter((ip) => !memberIps.has(ip.split('/')[0] ?? ''))],
      keepalive: m.keepalive,
    }));
  for (const invitation of pendingInvitations) {
    if (memberIps.has(invitation.assignedIp)) continue;
    peers.push({ publicKey: invitation.bootstrapPublicKey, endpoint: null, allowedIps: [`${invitation.assignedIp}/32`], keepalive: 0 });
  }
  return peers;
}

/** "1h", "30m", "2d", "90s" or plain seconds → seconds; null when unreadable. */
export function parseDuration(text: string): number | null {
  const match = /^(\d+)\s*(s|m|h|d)?$/.exec(text.trim());
  if (!match) return null;
  const unit = { s: 1, m: 60, h: 3600, d: 86_400 }[(match[2] ?? 's') as 's' | 'm' | 'h' | 'd'];
  return Number(match[1]) * unit;
}
