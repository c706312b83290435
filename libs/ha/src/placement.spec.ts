import { describe, expect, it } from 'vitest';
import type { Constraint } from './constraints';
import { placeGroups, withHandover, type PlacementInput } from './placement';
import type { ResourceGroup } from './resources';

const group = (name: string, preferredNode: string | null = null, sticky = true): ResourceGroup => ({
  name,
  resources: [{ kind: 'vip', name: `${name}-ip`, address: `192.0.2.${100 + name.length}/24`, interface: 'eth0' }],
  preferredNode,
  sticky,
});
const web = group('web', 'node1');
const ALL = ['node1', 'node2', 'node3'];
/** Three healthy nodes and nothing placed yet, unless the test says otherwise. */
const place = (input: Partial<PlacementInput> & Pick<PlacementInput, 'groups'>) => placeGroups({ assignments: {}, eligible: ALL, online: ALL, fenced: [], ...input });

describe('placement', () => {
  it('places new groups on their preferred node, else on the least loaded', () => {
    const result = placeGroups({ groups: [web, group('a'), group('b')], assignments: {}, eligible: ['node1', 'node2', 'node3'], online: ['node1', 'node2', 'node3'], fenced: [] });
    expect(result).toEqual({ assignments: { a: 'node2', b: 'node3', web: 'node1' }, toFence: [], blocked: {} });
  });

  it('keeps a group where it runs (sticky) even when the preferred node is back', () => {
    expect(placeGroups({ groups: [web], assignments: { web: 'node2' }, eligible: ['node1', 'node2'], online: ['node1', 'node2'], fenced: [] }).assignments).toEqual({ web: 'node2' });
    expect(placeGroups({ groups: [{ ...web, sticky: false }], assignments: { web: 'node2' }, eligible: ['node1', 'node2'], online: ['node1', 'node2'], fenced: [] }).assignments).toEqual({
      web: 'node1',
    });
  });

  it('moves a group whose owner left only after that owner is fenced', () => {
    const waiting = placeGroups({ groups: [web], assignments: { web: 'node1' }, eligible: ['node2', 'node3'], online: ['node2', 'node3'], fenced: [] });
    expect(waiting).toEqual({ assignments: { web: 'node1' }, toFence: ['node1'], blocked: {} });
    const moved = placeGroups({ groups: [web], assignments: { web: 'node1' }, eligible: ['node2', 'node3'], online: ['node2', 'node3'], fenced: ['node1'] });
    expect(moved).toEqual({ assignments: { web: 'node2' }, toFence: [], blocked: {} });
  });

  it('keeps the groups of a frozen owner (freeze shutdown policy): no fence, no move, present or not', () => {
    const gone = placeGroups({ groups: [web], assignments: { web: 'node1' }, eligible: ['node2', 'node3'], online: ['node2', 'node3'], fenced: [], frozen: ['node1'] });
    expect(gone).toEqual({ assignments: { web: 'node1' }, toFence: [], blocked: {} });
    // Still online while it stops (or back before it thawed): non-sticky groups do not move to their preferred node either.
    expect(
      placeGroups({
        groups: [{ ...web, preferredNode: 'node2', sticky: false }],
        assignments: { web: 'node1' },
        eligible: ['node1', 'node2'],
        online: ['node1', 'node2'],
        fenced: [],
        frozen: ['node1'],
      }).assignments,
    ).toEqual({ web: 'node1' });
    // Its colocated groups wait with it, and say why.
    const db = group('db');
    expect(
      placeGroups({
        groups: [web, db],
        assignments: { web: 'node1' },
        eligible: ['node2'],
        online: ['node2'],
        fenced: [],
        frozen: ['node1'],
        constraints: [{ kind: 'colocation', group: 'db', with: 'web' }],
      }),
    ).toMatchObject({ assignments: { web: 'node1', db: null }, blocked: { db: 'colocated with web, frozen on node1' } });
  });

  it('leaves a group unplaced when no node is eligible, and says why', () => {
    expect(placeGroups({ groups: [web], assignments: {}, eligible: [], online: [], fenced: [] })).toEqual({
      assignments: { web: null },
      toFence: [],
      blocked: { web: 'no eligible node (online, quorate, not in standby)' },
    });
  });
});

describe('admin moves and handover', () => {
  it('honours a pin over stickiness while the pinned node is eligible', () => {
    expect(placeGroups({ groups: [web], assignments: { web: 'node1' }, eligible: ['node1', 'node2'], online: ['node1', 'node2'], fenced: [], moves: { web: 'node2' } }).assignments).toEqual({
      web: 'node2',
    });
    expect(placeGroups({ groups: [web], assignments: { web: 'node1' }, eligible: ['node1'], online: ['node1'], fenced: [], moves: { web: 'node2' } }).assignments).toEqual({ web: 'node1' });
  });

  it('never fences a live owner that is only ineligible (standby): the group just moves', () => {
    expect(placeGroups({ groups: [web], assignments: { web: 'node1' }, eligible: ['node2'], online: ['node1', 'node2'], fenced: [] })).toEqual({
      assignments: { web: 'node2' },
      toFence: [],
      blocked: {},
    });
  });

  it('moves a group off a node where it failed (banned), and never back there', () => {
    expect(placeGroups({ groups: [web], assignments: { web: 'node1' }, eligible: ['node1', 'node2'], online: ['node1', 'node2'], fenced: [], bans: { web: ['node1'] } })).toEqual({
      assignments: { web: 'node2' },
      toFence: [],
      blocked: {},
    });
    expect(placeGroups({ groups: [web], assignments: {}, eligible: ['node1'], online: ['node1'], fenced: [], bans: { web: ['node1'] } })).toMatchObject({
      assignments: { web: null },
      blocked: { web: 'banned on every eligible node (node1)' },
    });
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

describe('colocation', () => {
  const db = group('db', 'node2');
  const app = group('app', 'node3');
  const cache = group('cache');
  const together: Constraint[] = [
    { kind: 'colocation', group: 'app', with: 'db' },
    { kind: 'colocation', group: 'cache', with: 'app' },
  ];

  it('places a colocated set on its anchor’s preferred node, whatever the others prefer', () => {
    expect(place({ groups: [app, cache, db], constraints: together }).assignments).toEqual({ app: 'node2', cache: 'node2', db: 'node2' });
  });

  it('brings a group to its anchor when the constraint is added (the anchor stays: stickiness)', () => {
    expect(place({ groups: [app, db], assignments: { app: 'node3', db: 'node1' }, constraints: together.slice(0, 1) }).assignments).toEqual({ app: 'node1', db: 'node1' });
  });

  it('moves the whole set when the anchor is moved, or when any group of it is moved', () => {
    const running = { app: 'node2', cache: 'node2', db: 'node2' };
    expect(place({ groups: [app, cache, db], assignments: running, constraints: together, moves: { db: 'node3' } }).assignments).toEqual({ app: 'node3', cache: 'node3', db: 'node3' });
    expect(place({ groups: [app, cache, db], assignments: running, constraints: together, moves: { cache: 'node1' } }).assignments).toEqual({ app: 'node1', cache: 'node1', db: 'node1' });
  });

  it('keeps the set together when its node is lost: everything waits for the fence, then moves as one', () => {
    const running = { app: 'node2', cache: 'node2', db: 'node2' };
    const waiting = placeGroups({ groups: [app, cache, db], assignments: running, eligible: ['node1', 'node3'], online: ['node1', 'node3'], fenced: [], constraints: together });
    expect(waiting).toMatchObject({ assignments: running, toFence: ['node2'] });
    const moved = placeGroups({ groups: [app, cache, db], assignments: running, eligible: ['node1', 'node3'], online: ['node1', 'node3'], fenced: ['node2'], constraints: together });
    expect(moved).toEqual({ assignments: { app: 'node3', cache: 'node3', db: 'node3' }, toFence: [], blocked: {} });
  });

  it('holds a dependent while its anchor waits for a fence (it cannot run where the anchor does not)', () => {
    const result = placeGroups({
      groups: [app, db],
      assignments: { app: 'node1', db: 'node2' },
      eligible: ['node1', 'node3'],
      online: ['node1', 'node3'],
      fenced: [],
      constraints: together.slice(0, 1),
    });
    expect(result).toEqual({ assignments: { app: null, db: 'node2' }, toFence: ['node2'], blocked: { app: 'colocated with db, whose node left and is not fenced yet' } });
  });

  it('stops a dependent that is banned where its anchor runs, and says so', () => {
    const result = place({ groups: [app, db], assignments: { app: 'node2', db: 'node2' }, constraints: together.slice(0, 1), bans: { app: ['node2'] } });
    expect(result).toEqual({ assignments: { app: null, db: 'node2' }, toFence: [], blocked: { app: 'banned on node2, where db (its anchor) runs' } });
  });

  it('prefers, for a new set, a node none of its groups is banned on', () => {
    expect(place({ groups: [group('app'), group('db')], constraints: together.slice(0, 1), bans: { app: ['node1'] } }).assignments).toEqual({ app: 'node2', db: 'node2' });
  });

  it('runs no group of a set whose anchor cannot run anywhere', () => {
    const result = place({ groups: [app, db], constraints: together.slice(0, 1), bans: { db: ALL } });
    expect(result.assignments).toEqual({ app: null, db: null });
    expect(result.blocked).toEqual({ db: 'banned on every eligible node (node1, node2, node3)', app: 'colocated with db, which runs nowhere' });
  });

  it('counts a set as its number of groups when choosing the least loaded node', () => {
    const result = place({ groups: [group('a'), group('b'), group('c')], constraints: [{ kind: 'colocation', group: 'b', with: 'a' }] });
    expect(result.assignments).toEqual({ a: 'node1', b: 'node1', c: 'node2' });
  });
});

describe('anti-colocation', () => {
  const apart: Constraint[] = [{ kind: 'anti-colocation', group: 'b', with: 'a' }];

  it('never places two groups that must be apart on one node, even when both prefer it', () => {
    expect(place({ groups: [group('a', 'node1'), group('b', 'node1')], constraints: apart }).assignments).toEqual({ a: 'node1', b: 'node2' });
  });

  it('moves the constrained group (not the other) when the constraint is added while they share a node', () => {
    expect(place({ groups: [group('a'), group('b')], assignments: { a: 'node2', b: 'node2' }, constraints: apart }).assignments).toEqual({ a: 'node2', b: 'node1' });
    // Whichever way round it is written: the group named first moves, the one it avoids stays.
    expect(place({ groups: [group('a'), group('b')], assignments: { a: 'node2', b: 'node2' }, constraints: [{ kind: 'anti-colocation', group: 'a', with: 'b' }] }).assignments).toEqual({
      a: 'node1',
      b: 'node2',
    });
  });

  it('keeps them apart after a failover: the group that lost its node goes to a node without the other', () => {
    const input = { groups: [group('a'), group('b')], assignments: { a: 'node1', b: 'node2' }, eligible: ['node2', 'node3'], online: ['node2', 'node3'], fenced: ['node1'], constraints: apart };
    expect(placeGroups(input).assignments).toEqual({ a: 'node3', b: 'node2' });
  });

  it('leaves a group stopped rather than next to the other when no node is left, and says why', () => {
    const result = placeGroups({ groups: [group('a'), group('b')], assignments: { a: 'node1', b: 'node2' }, eligible: ['node2'], online: ['node2'], fenced: ['node1'], constraints: apart });
    expect(result).toEqual({ assignments: { a: null, b: 'node2' }, toFence: [], blocked: { a: 'no eligible node left apart from b' } });
  });

  it('applies to every group of a colocated set', () => {
    const constraints: Constraint[] = [
      { kind: 'colocation', group: 'app', with: 'db' },
      { kind: 'anti-colocation', group: 'other', with: 'app' },
    ];
    expect(place({ groups: [group('app'), group('db', 'node1'), group('other', 'node1')], constraints }).assignments).toEqual({ app: 'node1', db: 'node1', other: 'node2' });
  });

  it('respects standby and pins: a pin onto the other group’s node is not honoured', () => {
    const result = place({ groups: [group('a'), group('b')], assignments: { a: 'node1', b: 'node2' }, eligible: ['node1', 'node2'], constraints: apart, moves: { b: 'node1' } });
    expect(result.assignments).toEqual({ a: 'node1', b: 'node2' });
  });
});

describe('handover with order constraints', () => {
  const order: Constraint[] = [{ kind: 'order', first: 'db', then: 'app' }];
  const online = ['node1', 'node2', 'node3'];

  it('stops the dependent first when both move: the dependency stays until the dependent is stopped', () => {
    const running = (where: Record<string, string[]>) => (g: string) => where[g] ?? [];
    const step1 = withHandover({ db: 'node1', app: 'node1' }, { db: 'node2', app: 'node2' }, online, running({ db: ['node1'], app: ['node1'] }), order);
    expect(step1).toEqual({ db: 'node1', app: null });
    const step2 = withHandover(step1, { db: 'node2', app: 'node2' }, online, running({ db: ['node1'] }), order);
    expect(step2).toEqual({ db: null, app: null });
    // Both off node1: both go to node2 at once; node2's start gate starts app once db is up.
    const step3 = withHandover(step2, { db: 'node2', app: 'node2' }, online, running({}), order);
    expect(step3).toEqual({ db: 'node2', app: 'node2' });
  });

  it('restarts a dependent on another node around its dependency’s move, without a loop', () => {
    const step1 = withHandover({ db: 'node1', app: 'node3' }, { db: 'node2', app: 'node3' }, online, (g) => (g === 'app' ? ['node3'] : ['node1']), order);
    expect(step1).toEqual({ db: 'node1', app: null });
    // The placement proposes app again while db has not moved yet: it waits.
    expect(withHandover(step1, { db: 'node2', app: 'node3' }, online, (g) => (g === 'db' ? ['node1'] : []), order)).toEqual({ db: null, app: null });
  });

  it('changes nothing for groups that stay, and moves a group from a fenced node straight away', () => {
    expect(withHandover({ db: 'node1', app: 'node1' }, { db: 'node1', app: 'node1' }, online, () => ['node1'], order)).toEqual({ db: 'node1', app: 'node1' });
    expect(withHandover({ db: 'node9', app: 'node9' }, { db: 'node2', app: 'node2' }, online, () => [], order)).toEqual({ db: 'node2', app: 'node2' });
  });

  it('follows chains: a → b → c stop as c, then b, then a', () => {
    const chain: Constraint[] = [
      { kind: 'order', first: 'a', then: 'b' },
      { kind: 'order', first: 'b', then: 'c' },
    ];
    const all = { a: 'node1', b: 'node1', c: 'node1' };
    const to = { a: 'node2', b: 'node2', c: 'node2' };
    expect(withHandover(all, to, online, () => ['node1'], chain)).toEqual({ a: 'node1', b: 'node1', c: null });
    expect(withHandover({ ...all, c: null }, to, online, (g) => (g === 'c' ? [] : ['node1']), chain)).toEqual({ a: 'node1', b: null, c: null });
  });
});
