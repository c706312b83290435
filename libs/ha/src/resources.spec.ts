import { describe, expect, it } from 'vitest';
import { groupProblems, placeGroups, withHandover, type ResourceGroup } from './resources';

const group = (name: string, preferredNode: string | null = null, sticky = true): ResourceGroup => ({
  name,
  resources: [{ kind: 'vip', name: `${name}-ip`, address: `192.0.2.${100 + name.length}/24`, interface: 'eth0' }],
  preferredNode,
  sticky,
});
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

describe('placement', () => {
  it('places new groups on their preferred node, else on the least loaded', () => {
    const result = placeGroups({ groups: [web, group('a'), group('b')], assignments: {}, eligible: ['node1', 'node2', 'node3'], online: ['node1', 'node2', 'node3'], fenced: [] });
    expect(result).toEqual({ assignments: { a: 'node2', b: 'node3', web: 'node1' }, toFence: [] });
  });

  it('keeps a group where it runs (sticky) even when the preferred node is back', () => {
    expect(placeGroups({ groups: [web], assignments: { web: 'node2' }, eligible: ['node1', 'node2'], online: ['node1', 'node2'], fenced: [] }).assignments).toEqual({ web: 'node2' });
    expect(placeGroups({ groups: [{ ...web, sticky: false }], assignments: { web: 'node2' }, eligible: ['node1', 'node2'], online: ['node1', 'node2'], fenced: [] }).assignments).toEqual({ web: 'node1' });
  });

  it('moves a group whose owner left only after that owner is fenced', () => {
    const waiting = placeGroups({ groups: [web], assignments: { web: 'node1' }, eligible: ['node2', 'node3'], online: ['node2', 'node3'], fenced: [] });
    expect(waiting).toEqual({ assignments: { web: 'node1' }, toFence: ['node1'] });
    const moved = placeGroups({ groups: [web], assignments: { web: 'node1' }, eligible: ['node2', 'node3'], online: ['node2', 'node3'], fenced: ['node1'] });
    expect(moved).toEqual({ assignments: { web: 'node2' }, toFence: [] });
  });

  it('leaves a group unplaced when no node is eligible', () => {
    expect(placeGroups({ groups: [web], assignments: {}, eligible: [], online: [], fenced: [] }).assignments).toEqual({ web: null });
  });
});

describe('admin moves and handover', () => {
  it('honours a pin over stickiness while the pinned node is eligible', () => {
    expect(placeGroups({ groups: [web], assignments: { web: 'node1' }, eligible: ['node1', 'node2'], online: ['node1', 'node2'], fenced: [], moves: { web: 'node2' } }).assignments).toEqual({ web: 'node2' });
    expect(placeGroups({ groups: [web], assignments: { web: 'node1' }, eligible: ['node1'], online: ['node1'], fenced: [], moves: { web: 'node2' } }).assignments).toEqual({ web: 'node1' });
  });

  it('never fences a live owner that is only ineligible (standby): the group just moves', () => {
    expect(placeGroups({ groups: [web], assignments: { web: 'node1' }, eligible: ['node2'], online: ['node1', 'node2'], fenced: [] })).toEqual({ assignments: { web: 'node2' }, toFence: [] });
  });

  it('moves a group off a node where it failed (banned), and never back there', () => {
    expect(placeGroups({ groups: [web], assignments: { web: 'node1' }, eligible: ['node1', 'node2'], online: ['node1', 'node2'], fenced: [], bans: { web: ['node1'] } })).toEqual({ assignments: { web: 'node2' }, toFence: [] });
    expect(placeGroups({ groups: [web], assignments: {}, eligible: ['node1'], online: ['node1'], fenced: [], bans: { web: ['node1'] } }).assignments).toEqual({ web: null });
  });

  it('stops a group on a live owner before giving it to another node', () => {
    const online = ['node1', 'node2'];
    expect(withHandover({ web: 'node1' }, { web: 'node2' }, online, () => ['node1'])).toEqual({ web: null });
    // Still reported running somewhere: wait.
    expect(withHandover({ web: null }, { web: 'node2' }, online, () => ['node1'])).toEqual({ web: null });
    expect(withHandover({ web: null }, { web: 'node2' }, online, () => [])).toEqual({ web: 'node2' });
    // From a fenced (offline) owner: straight to the new node once nobody online runs it.
    expect(withHandover({ web: 'node3' }, { web: 'node2' }, online, () => [])).toEqual({ web: 'node2' });
  });
});
