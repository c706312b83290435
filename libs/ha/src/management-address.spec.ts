import { describe, expect, it } from 'vitest';
import { managementAddressProblems, managementStep, vipTakesManagementAddress, type ManagementInput } from './management-address';
import type { ResourceGroup } from './resources';

const mgmt = { address: '192.0.2.50/24', interface: 'eth0' };
const web: ResourceGroup = { name: 'web', resources: [{ kind: 'vip', name: 'ip', address: '192.0.2.100/24', interface: 'eth0' }], preferredNode: null, sticky: true };
const base: ManagementInput = { setting: mgmt, applied: null, heldNow: false, quorate: true, leader: 'node1', self: 'node1', stopping: false };

describe('management address', () => {
  it('is held by the quorate leader only', () => {
    expect(managementStep(base)).toEqual({ release: null, acquire: mgmt });
    expect(managementStep({ ...base, applied: mgmt, heldNow: true })).toEqual({ release: null, acquire: null });
    expect(managementStep({ ...base, self: 'node2' })).toEqual({ release: null, acquire: null });
    expect(managementStep({ ...base, setting: null })).toEqual({ release: null, acquire: null });
  });

  it('is let go on losing quorum or the leadership, on a stop, and when the setting changes or goes', () => {
    const holding = { ...base, applied: mgmt, heldNow: true };
    expect(managementStep({ ...holding, quorate: false })).toEqual({ release: mgmt, acquire: null });
    expect(managementStep({ ...holding, leader: 'node2' })).toEqual({ release: mgmt, acquire: null });
    expect(managementStep({ ...holding, stopping: true })).toEqual({ release: mgmt, acquire: null });
    expect(managementStep({ ...holding, setting: null })).toEqual({ release: mgmt, acquire: null });
    const moved = { address: '192.0.2.51/24', interface: 'eth0' };
    expect(managementStep({ ...holding, setting: moved, heldNow: false })).toEqual({ release: mgmt, acquire: moved });
  });

  it('is taken again when someone removed it from the host', () => {
    expect(managementStep({ ...base, applied: mgmt, heldNow: false })).toEqual({ release: null, acquire: mgmt });
  });

  it('refuses a bad address, a bad interface, or a group VIP, naming each problem', () => {
    expect(managementAddressProblems(null, [web])).toEqual([]);
    expect(managementAddressProblems(mgmt, [web])).toEqual([]);
    expect(managementAddressProblems({ address: '192.0.2.300', interface: 'eth 0' }, [])).toEqual([
      'managementAddress.address must be an IPv4 address with a prefix, e.g. 192.0.2.50/24',
      'managementAddress.interface must be an interface name, e.g. eth0',
    ]);
    expect(managementAddressProblems('192.0.2.50/24', [])).toEqual(['managementAddress must be {address, interface} or null']);
    expect(managementAddressProblems({ address: '192.0.2.100/32', interface: 'eth0' }, [web])).toEqual(['192.0.2.100 is already a VIP of group web']);
    expect(vipTakesManagementAddress(web, { address: '192.0.2.100/24', interface: 'eth1' })).toBe("192.0.2.100 is the cluster's management address");
    expect(vipTakesManagementAddress(web, mgmt)).toBeNull();
  });
});
