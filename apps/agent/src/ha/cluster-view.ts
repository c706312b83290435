import { electLeader, type CorosyncNode, type QuorumStatus } from '@sfha/ha';
import { ipToNumber, parseCidr } from '@sfha/mesh';
import { hkdfSync } from 'node:crypto';
import type { Member } from '../mesh/mesh.types';

/** A member's Corosync node id: its address's offset in the mesh network (stable, unique, ≥ 1). */
export function nodeIdFor(meshIp: string, network: string): number {
  return ipToNumber(meshIp) - ipToNumber(parseCidr(network).network.address);
}

/** The Corosync authkey, derived from the cluster secret every member holds (256 bytes). */
export function corosyncAuthkey(clusterSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', clusterSecret, 'sfha', 'corosync authkey', 256));
}

export function corosyncNodes(members: readonly Member[], network: string): CorosyncNode[] {
  return members.map((m) => ({ name: m.name, nodeId: nodeIdFor(m.meshIp, network), address: m.meshIp }));
}

export interface ClusterNodeView {
  name: string;
  nodeId: number;
  meshIp: string;
  /** `witness`: votes for quorum, never runs a group (docs/design.md, "Witness"). */
  role: 'full' | 'witness';
  online: boolean;
  leader: boolean;
  self: boolean;
}

export interface ClusterView {
  corosyncRunning: boolean;
  quorate: boolean;
  expectedVotes: number | null;
  totalVotes: number | null;
  quorum: number | null;
  leader: string | null;
  nodes: ClusterNodeView[];
}

/**
 * Joins the member list with Corosync's membership. Pure. A node in standby never leads; a
 * witness (a Corosync node with one vote like the others) leads only when no full member can.
 */
export function clusterView(selfName: string, members: readonly Member[], network: string, quorum: QuorumStatus, standby: readonly string[] = []): ClusterView {
  const roles = new Map(members.map((m) => [m.name, m.role ?? ('full' as const)]));
  const nodes = corosyncNodes(members, network).map((n) => ({ ...n, role: roles.get(n.name) ?? 'full', online: quorum.members.includes(n.nodeId) }));
  const leaderId = electLeader(
    nodes.map((n) => ({ nodeId: n.nodeId, online: n.online, standby: standby.includes(n.name), witness: n.role === 'witness' })),
    quorum.quorate,
  );
  return {
    corosyncRunning: quorum.running,
    quorate: quorum.quorate,
    expectedVotes: quorum.expectedVotes,
    totalVotes: quorum.totalVotes,
    quorum: quorum.quorum,
    leader: nodes.find((n) => n.nodeId === leaderId)?.name ?? null,
    nodes: nodes.map((n) => ({ name: n.name, nodeId: n.nodeId, meshIp: n.address, role: n.role, online: n.online, leader: n.nodeId === leaderId, self: n.name === selfName })),
  };
}
