import { isHostAddress, isIpv4, parseCidr } from '@sfha/mesh';
import type { ClusterConfig } from './cluster-config';
import type { ResourceGroup, VipResource } from './resources';

/**
 * Mesh VIPs: an address of the mesh network that follows its group. The owner carries it on
 * its WireGuard interface; every other member routes it to the owner by listing it in the
 * owner's allowed-IPs (WireGuard routes, and accepts replies, by allowed-IPs). Every member
 * derives the routes from the replicated config it already follows: the group's assignment.
 */

/** What a mesh VIP is checked against: the mesh network (CIDR), the members' own addresses and those promised to pending invitations. */
export interface MeshAddressing {
  network: string;
  memberIps: readonly string[];
  /** Addresses of invitations not yet used (the joining node will take them). */
  invitedIps?: readonly string[];
}

export const isMeshVip = (r: { kind: string; network?: string }): r is VipResource => r.kind === 'vip' && r.network === 'mesh';

/** A mesh VIP is one address: `10.100.0.200` or `10.100.0.200/32`, stored with /32. Pure. */
export function meshVipAddress(address: string): string {
  return address.includes('/') ? address : `${address}/32`;
}

/** Every problem of a group's mesh VIPs (LAN VIPs are checked by groupProblems alone). Pure. */
export function meshVipProblems(group: ResourceGroup, mesh: MeshAddressing): string[] {
  const { network } = parseCidr(mesh.network);
  return (group.resources ?? []).flatMap((r, i) => {
    if (!isMeshVip(r)) return [];
    const [ip = '', prefix] = r.address.split('/');
    const at = `resources[${i}]`;
    if (!isIpv4(ip)) return []; // groupProblems already says the address is not an IPv4 address
    if (prefix !== '32') return [`${at}: a mesh VIP is one address: ${ip}/32, not /${prefix ?? ''}`];
    if (!isHostAddress(ip, network)) return [`${at}: mesh VIP ${ip} is not a usable address inside the mesh network ${mesh.network}`];
    if (mesh.memberIps.includes(ip)) return [`${at}: mesh VIP ${ip} is a member's own mesh address`];
    if (mesh.invitedIps?.includes(ip)) return [`${at}: mesh VIP ${ip} is the address of a pending invitation (revoke it, or choose another address)`];
    return [];
  });
}

/**
 * Per owner node, the mesh VIPs (as /32) its peer entry must allow on every other member:
 * those of the groups assigned to it. A group assigned nowhere is routed nowhere. Pure.
 */
export function meshVipRoutes(config: Pick<ClusterConfig, 'groups' | 'assignments'>): Record<string, string[]> {
  const routes: Record<string, string[]> = {};
  for (const group of config.groups ?? []) {
    const owner = config.assignments?.[group.name];
    if (!owner) continue;
    for (const vip of group.resources.filter(isMeshVip)) (routes[owner] ??= []).push(`${vip.address.split('/')[0] ?? ''}/32`);
  }
  for (const list of Object.values(routes)) list.sort();
  return routes;
}
