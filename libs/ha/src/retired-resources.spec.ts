import { describe, expect, it } from 'vitest';
import type { ProcessResource, ResourceGroup, VipResource } from './resources';
import { mergeRetired, retiredResources } from './retired-resources';

const vip: VipResource = { kind: 'vip', name: 'vip', address: '192.0.2.100/24', interface: 'eth0' };
const srv: ProcessResource = { kind: 'process', name: 'srv', command: ['/usr/bin/srv', '8080'] };
const group = (...resources: ResourceGroup['resources']): ResourceGroup => ({ name: 'web', preferredNode: null, sticky: true, resources });
const web = group(vip, srv);
const names = (groups: ResourceGroup[]) => groups.map((g) => `${g.name}: ${g.resources.map((r) => r.name).join(' ')}`);

describe('retired resources', () => {
  it('are none when the config still has every resource the same', () => {
    expect(retiredResources([web], [structuredClone(web)])).toEqual([]);
  });

  it('are every resource of a removed group, in order', () => {
    expect(names(retiredResources([web], []))).toEqual(['web: vip srv']);
  });

  it('are a resource removed from its group, or changed into another thing', () => {
    expect(names(retiredResources([web], [group(vip)]))).toEqual(['web: srv']);
    const retired = retiredResources([web], [group({ ...vip, address: '192.0.2.101/24' }, srv)]);
    expect(retired[0]?.resources).toEqual([vip]); // the old address is what must go
  });

  it('are not a resource whose health check alone changed (no restart for that)', () => {
    const checked = group(vip, { ...srv, health: { kind: 'tcp', target: '127.0.0.1:8080', intervalMs: 2000, timeoutMs: 1000, failuresBeforeUnhealthy: 3, successesBeforeHealthy: 1 } });
    expect(retiredResources([web], [checked])).toEqual([]);
  });

  it('merge keeps each retired resource once', () => {
    const a = retiredResources([web], []);
    expect(names(mergeRetired(a, a))).toEqual(['web: vip srv']);
  });
});
