import { describe, expect, it } from 'vitest';
import { meshVipAddress, meshVipProblems, meshVipRoutes } from './mesh-vip';
import type { ResourceGroup, VipResource } from './resources';

const meshVip = (name: string, address: string): VipResource => ({ kind: 'vip', name, address, interface: 'wg-sfha', network: 'mesh' });
const group = (name: string, ...resources: ResourceGroup['resources']): ResourceGroup => ({ name, resources, preferredNode: null, sticky: true });
const mesh = { network: '10.100.0.0/24', memberIps: ['10.100.0.1', '10.100.0.2', '10.100.0.3'] };

describe('mesh VIP addresses', () => {
  it('are one address, stored as /32', () => {
    expect(meshVipAddress('10.100.0.200')).toBe('10.100.0.200/32');
    expect(meshVipAddress('10.100.0.200/32')).toBe('10.100.0.200/32');
  });

  it('must be a host address of the mesh network, not a member’s own address, and /32', () => {
    expect(meshVipProblems(group('db', meshVip('db-vip', '10.100.0.200/32')), mesh)).toEqual([]);
    expect(meshVipProblems(group('db', meshVip('a', '192.0.2.100/32'), meshVip('b', '10.100.0.2/32'), meshVip('c', '10.100.0.200/24'), meshVip('d', '10.100.0.255/32')), mesh)).toEqual([
      'resources[0]: mesh VIP 192.0.2.100 is not a usable address inside the mesh network 10.100.0.0/24',
      "resources[1]: mesh VIP 10.100.0.2 is a member's own mesh address",
      'resources[2]: a mesh VIP is one address: 10.100.0.200/32, not /24',
      'resources[3]: mesh VIP 10.100.0.255 is not a usable address inside the mesh network 10.100.0.0/24',
    ]);
  });

  it('must not be the address promised to a pending invitation', () => {
    expect(meshVipProblems(group('db', meshVip('db-vip', '10.100.0.4/32')), { ...mesh, invitedIps: ['10.100.0.4'] })).toEqual([
      'resources[0]: mesh VIP 10.100.0.4 is the address of a pending invitation (revoke it, or choose another address)',
    ]);
    expect(meshVipProblems(group('db', meshVip('db-vip', '10.100.0.5/32')), { ...mesh, invitedIps: ['10.100.0.4'] })).toEqual([]);
  });

  it('leave LAN VIPs to the LAN rules', () => {
    expect(meshVipProblems(group('web', { kind: 'vip', name: 'web-vip', address: '192.0.2.100/24', interface: 'eth0' }), mesh)).toEqual([]);
  });
});

describe('mesh VIP routes', () => {
  const groups = [
    group('db', meshVip('db-vip', '10.100.0.200/32'), { kind: 'process', name: 'db-process', command: ['db'] }),
    group('web', { kind: 'vip', name: 'web-vip', address: '192.0.2.100/24', interface: 'eth0' }),
    group('cache', meshVip('cache-vip', '10.100.0.201/32')),
  ];

  it('send each mesh VIP to the node its group is assigned to, and no LAN VIP anywhere', () => {
    expect(meshVipRoutes({ groups, assignments: { db: 'node2', web: 'node2', cache: 'node3' } })).toEqual({ node2: ['10.100.0.200/32'], node3: ['10.100.0.201/32'] });
  });

  it('follow a move: the VIP leaves the old owner’s entry, and a group placed nowhere is routed nowhere', () => {
    expect(meshVipRoutes({ groups, assignments: { db: 'node3', cache: 'node3' } })).toEqual({ node3: ['10.100.0.200/32', '10.100.0.201/32'] });
    expect(meshVipRoutes({ groups, assignments: { db: null } })).toEqual({});
  });
});
