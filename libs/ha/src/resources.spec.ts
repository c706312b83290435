import { describe, expect, it } from 'vitest';
import { groupProblems, type ResourceGroup } from './resources';

const web: ResourceGroup = {
  name: 'web',
  resources: [
    { kind: 'vip', name: 'web-ip', address: '192.0.2.100/24', interface: 'eth0' },
    { kind: 'process', name: 'web-server', command: ['node', 'server.js'] },
  ],
  preferredNode: 'node1',
  sticky: true,
};

describe('group validation', () => {
  it('accepts a well-formed group', () => {
    expect(groupProblems(web, [], ['node1', 'node2'])).toEqual([]);
  });

  it('names every problem', () => {
    const bad: ResourceGroup = {
      name: 'Web!',
      resources: [
        { kind: 'vip', name: 'ip', address: '300.1.1.1', interface: 'eth 0' },
        { kind: 'process', name: 'ip', command: [] },
      ],
      preferredNode: 'node9',
      sticky: true,
    };
    expect(groupProblems(bad, [], ['node1'])).toEqual([
      'name must be 1-63 lowercase letters, digits, dashes or underscores',
      'preferredNode node9 is not a member (members: node1)',
      'resources[0]: address must be an IPv4 address with a prefix, e.g. 192.0.2.100/24',
      'resources[0]: interface must be an interface name like eth0',
      'resources[1]: ip appears twice',
      'resources[1]: command must be a non-empty list of arguments',
    ]);
  });

  it('refuses a VIP or a resource name another group has', () => {
    const other: ResourceGroup = { ...web, name: 'other' };
    expect(groupProblems(web, [other], ['node1'])).toEqual([
      'resources[0]: web-ip already belongs to group other',
      'resources[0]: 192.0.2.100/24 is already a VIP of group other',
      'resources[1]: web-server already belongs to group other',
    ]);
  });
});
