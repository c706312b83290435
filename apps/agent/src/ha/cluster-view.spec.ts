import { describe, expect, it } from 'vitest';
import { NOT_RUNNING } from '@sfha/ha';
import { clusterView, corosyncAuthkey, nodeIdFor } from './cluster-view';
import type { Member } from '../mesh/mesh.types';

const member = (n: number): Member => ({ name: `node${n}`, meshIp: `10.100.0.${n}`, publicKey: `k${n}`, pendingPublicKey: null, endpoint: null, keepalive: 25, joinedAt: '' });
const quorum = (members: number[], quorate: boolean) => ({ running: true, quorate, localNodeId: 2, expectedVotes: 3, totalVotes: members.length, quorum: 2, members, ringId: '1.4' });

describe('cluster view', () => {
  it('numbers nodes by their place in the mesh network', () => {
    expect(nodeIdFor('10.100.0.1', '10.100.0.0/24')).toBe(1);
    expect(nodeIdFor('10.100.1.4', '10.100.0.0/16')).toBe(260);
  });

  it('derives the same 256-byte authkey from the same secret, another from another', () => {
    expect(corosyncAuthkey('s').length).toBe(256);
    expect(corosyncAuthkey('s').equals(corosyncAuthkey('s'))).toBe(true);
    expect(corosyncAuthkey('s').equals(corosyncAuthkey('t'))).toBe(false);
  });

  it('shows a witness with its role, and elects a full member before it even with a lower node id', () => {
    const witness: Member = { ...member(1), name: 'wit', role: 'witness' };
    const view = clusterView('node2', [witness, member(2), member(3)], '10.100.0.0/24', quorum([1, 2, 3], true));
    expect(view.leader).toBe('node2');
    expect(view.nodes.map((n) => [n.name, n.role])).toEqual([
      ['wit', 'witness'],
      ['node2', 'full'],
      ['node3', 'full'],
    ]);
  });

  it('elects the lowest online node of a quorate partition', () => {
    const view = clusterView('node2', [member(1), member(2), member(3)], '10.100.0.0/24', quorum([2, 3], true));
    expect(view.leader).toBe('node2');
    expect(view.nodes.map((n) => [n.name, n.online, n.leader, n.self])).toEqual([
      ['node1', false, false, false],
      ['node2', true, true, true],
      ['node3', true, false, false],
    ]);
  });

  it('never elects a node in standby', () => {
    expect(clusterView('node1', [member(1), member(2)], '10.100.0.0/24', quorum([1, 2], true), ['node1']).leader).toBe('node2');
  });

  it('has no leader without quorum or without Corosync', () => {
    expect(clusterView('node3', [member(1), member(2), member(3)], '10.100.0.0/24', quorum([3], false)).leader).toBeNull();
    expect(clusterView('node1', [member(1)], '10.100.0.0/24', NOT_RUNNING)).toMatchObject({ corosyncRunning: false, quorate: false, leader: null });
  });
});
