import { describe, expect, it } from 'vitest';
import { MemberListSchema } from '../peer/peer-schemas';
import { desiredPeers, parseDuration, shouldAdopt } from './member-list';

const isMemberList = (value: unknown) => MemberListSchema.safeParse(value).success;
/** A member whose key is a real WireGuard key, as the peer protocol requires. */
const keyed = (m: Member, n: number): Member => ({ ...m, publicKey: Buffer.alloc(32, n).toString('base64') });
import type { Member } from './mesh.types';

const member = (name: string, n: number): Member => ({
  name,
  meshIp: `10.100.0.${n}`,
  publicKey: `${name}-key`,
  pendingPublicKey: null,
  endpoint: `192.0.2.${n}:51820`,
  keepalive: 25,
  joinedAt: '2026-11-21T00:00:00.000Z',
});

describe('member list replication', () => {
  it('adopts a higher generation and never a lower one', () => {
    const a = { generation: 2, members: [member('node1', 1)] };
    const b = { generation: 3, members: [member('node1', 1), member('node2', 2)] };
    expect(shouldAdopt(a, b)).toBe(true);
    expect(shouldAdopt(b, a)).toBe(false);
    expect(shouldAdopt(b, b)).toBe(false);
  });

  it('settles two different lists of the same generation the same way on every node', () => {
    const x = { generation: 4, members: [member('node1', 1), member('node2', 2)] };
    const y = { generation: 4, members: [member('node1', 1), member('node3', 3)] };
    expect(shouldAdopt(x, y)).not.toBe(shouldAdopt(y, x));
  });
});

describe('desired peers', () => {
  it('lists the other members and the pending bootstrap keys, each with its /32', () => {
    const invitation = { id: 'i', assignedIp: '10.100.0.3', bootstrapPublicKey: 'boot-key', createdAt: '', expiresAt: '', usedAt: null, usedBy: null, revokedAt: null, role: 'full' as const };
    expect(desiredPeers('node1', [member('node1', 1), member('node2', 2)], [invitation])).toEqual([
      { publicKey: 'node2-key', endpoint: '192.0.2.2:51820', allowedIps: ['10.100.0.2/32'], keepalive: 25 },
      { publicKey: 'boot-key', endpoint: null, allowedIps: ['10.100.0.3/32'], keepalive: 0 },
    ]);
  });

  it('routes each mesh VIP through its owner’s peer entry only (never a member’s own address, nothing for self)', () => {
    const members = [member('node1', 1), member('node2', 2), member('node3', 3)];
    const routes = { node2: ['10.100.0.200/32', '10.100.0.3/32'], node1: ['10.100.0.201/32'] };
    expect(desiredPeers('node1', members, [], routes).map((p) => p.allowedIps)).toEqual([['10.100.0.2/32', '10.100.0.200/32'], ['10.100.0.3/32']]);
    expect(desiredPeers('node3', members, [], routes).map((p) => p.allowedIps)).toEqual([
      ['10.100.0.1/32', '10.100.0.201/32'],
      ['10.100.0.2/32', '10.100.0.200/32'],
    ]);
  });

  it('drops a bootstrap key whose address now belongs to a member', () => {
    const invitation = { id: 'i', assignedIp: '10.100.0.2', bootstrapPublicKey: 'boot-key', createdAt: '', expiresAt: '', usedAt: null, usedBy: null, revokedAt: null, role: 'full' as const };
    expect(desiredPeers('node1', [member('node1', 1), member('node2', 2)], [invitation]).map((p) => p.publicKey)).toEqual(['node2-key']);
  });
});

describe('incoming member lists', () => {
  it('accepts a well-formed list and refuses anything that could not be stored', () => {
    expect(isMemberList({ generation: 3, members: [keyed(member('node1', 1), 1), keyed(member('node2', 2), 2)] })).toBe(true);
    expect(isMemberList({ generation: 3, members: [member('node1', 1)] })).toBe(false);
    expect(isMemberList(null)).toBe(false);
    expect(isMemberList({ generation: 'x', members: [] })).toBe(false);
    expect(isMemberList({ generation: 3, members: [{ name: 'node1' }] })).toBe(false);
    expect(isMemberList({ generation: 3, members: [keyed(member('node1', 1), 1), keyed(member('node1', 2), 2)] })).toBe(false);
  });

  it('makes a node that was removed want no peers', () => {
    expect(desiredPeers('node3', [member('node1', 1), member('node2', 2)], [])).toEqual([]);
  });
});

describe('durations', () => {
  it('reads seconds, minutes, hours and days', () => {
    expect(parseDuration('90')).toBe(90);
    expect(parseDuration('30m')).toBe(1800);
    expect(parseDuration('1h')).toBe(3600);
    expect(parseDuration('2d')).toBe(172_800);
    expect(parseDuration('soon')).toBeNull();
  });
});
