import { describe, expect, it } from 'vitest';
import { applyChange, changeProblems, DEFAULT_CLUSTER_CONFIG } from './cluster-config';
import { anchorOf, constraintId, constraintProblems, constraintsNaming, groupUp, startBlockers, startOrder, type Constraint } from './constraints';
import type { ResourceGroup } from './resources';

const group = (name: string): ResourceGroup => ({ name, resources: [{ kind: 'vip', name: `${name}-ip`, address: '192.0.2.100/24', interface: 'eth0' }], preferredNode: null, sticky: true });
const GROUPS = ['a', 'b', 'c', 'd'].map(group);
const check = (c: Constraint, existing: Constraint[] = []) => constraintProblems(c, GROUPS, existing);
const with_ = (g: string, w: string): Constraint => ({ kind: 'colocation', group: g, with: w });
const apart = (g: string, w: string): Constraint => ({ kind: 'anti-colocation', group: g, with: w });
const order = (first: string, then: string): Constraint => ({ kind: 'order', first, then });

describe('constraint validation', () => {
  it('accepts each kind between known groups, with a stable id', () => {
    expect([with_('a', 'b'), apart('a', 'c'), order('a', 'b')].map((c) => [constraintId(c), check(c)])).toEqual([
      ['colocation:a:b', []],
      ['anti-colocation:a:c', []],
      ['order:a:b', []],
    ]);
  });

  it('refuses unknown kinds, missing or unknown groups, and a group with itself', () => {
    expect(constraintProblems({ kind: 'location' } as unknown as Constraint, GROUPS, [])).toEqual(['kind must be colocation, anti-colocation or order']);
    expect(check({ kind: 'order', first: 'a' } as unknown as Constraint)).toEqual(['order needs first and then (group names)']);
    expect(check(with_('a', 'zz'))).toEqual(['no group named zz (groups: a, b, c, d)']);
    expect(constraintProblems(with_('x', 'y'), [], [])).toEqual(['no group named x (groups: none)', 'no group named y (groups: none)']);
    expect(check(order('a', 'a'))).toEqual(['a group cannot be constrained with itself (a)']);
  });

  it('refuses duplicates, the mirror of an anti-colocation included', () => {
    expect(check(order('a', 'b'), [order('a', 'b')])).toEqual(['constraint order:a:b already exists']);
    expect(check(apart('b', 'a'), [apart('a', 'b')])).toEqual(['b and a are already apart (anti-colocation:a:b)']);
  });

  it('refuses colocation cycles, with the whole cycle in the message', () => {
    expect(check(with_('b', 'a'), [with_('a', 'b')])).toEqual(['cycle: b with a with b']);
    expect(check(with_('c', 'a'), [with_('a', 'b'), with_('b', 'c')])).toEqual(['cycle: c with a with b with c']);
  });

  it('refuses a second anchor for one group, and says how to chain instead', () => {
    expect(check(with_('a', 'c'), [with_('a', 'b')])).toEqual(['a is already colocated with b: a group follows one anchor (colocate b with c to chain them)']);
  });

  it('refuses order cycles, direct or through other groups', () => {
    expect(check(order('b', 'a'), [order('a', 'b')])).toEqual(['cycle: b then a then b']);
    expect(check(order('c', 'a'), [order('a', 'b'), order('b', 'c')])).toEqual(['cycle: c then a then b then c']);
    expect(check(order('a', 'c'), [order('a', 'b'), order('b', 'c')])).toEqual([]);
  });

  it('reports a contradiction: groups that would have to run together and apart', () => {
    expect(check(apart('c', 'a'), [with_('a', 'b'), with_('c', 'b')])).toEqual(['contradiction: c and a would have to run together (colocated through c, b, a) and apart (anti-colocation:c:a)']);
    // Also when the colocation comes last.
    expect(check(with_('b', 'a'), [apart('a', 'b')])).toEqual(['contradiction: a and b would have to run together (colocated through a, b) and apart (anti-colocation:a:b)']);
    // Order and colocation together are fine (start db, then the app next to it).
    expect(check(order('b', 'a'), [with_('a', 'b')])).toEqual([]);
  });

  it('names the constraints that keep a group from being removed', () => {
    expect(constraintsNaming('b', [with_('a', 'b'), order('c', 'd'), order('b', 'c')])).toEqual(['colocation:a:b', 'order:b:c']);
    expect(constraintsNaming('d', [with_('a', 'b')])).toEqual([]);
  });
});

describe('start order and start gate', () => {
  it('follows colocation chains to the anchor', () => {
    expect(anchorOf('a', [with_('a', 'b'), with_('b', 'c')])).toBe('c');
    expect(anchorOf('d', [with_('a', 'b')])).toBe('d');
  });

  it('starts dependencies first (stops go in reverse), by name otherwise', () => {
    expect(startOrder(GROUPS, [order('d', 'a'), order('c', 'd')]).map((g) => g.name)).toEqual(['c', 'd', 'a', 'b']);
    expect(startOrder(GROUPS, []).map((g) => g.name)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('holds a start until every dependency is up', () => {
    const constraints = [order('a', 'c'), order('b', 'c')];
    expect(startBlockers('c', constraints, (g) => g === 'a')).toEqual(['b']);
    expect(startBlockers('c', constraints, () => true)).toEqual([]);
    expect(startBlockers('a', constraints, () => false)).toEqual([]);
  });

  it('counts a group as up only when all its resources run and the health-checked ones are healthy', () => {
    const web: ResourceGroup = {
      ...group('web'),
      resources: [
        { kind: 'vip', name: 'ip', address: '192.0.2.100/24', interface: 'eth0' },
        { kind: 'process', name: 'srv', command: ['srv'], health: { kind: 'tcp', target: '127.0.0.1:80', intervalMs: 1000, timeoutMs: 500, failuresBeforeUnhealthy: 1, successesBeforeHealthy: 1 } },
      ],
    };
    expect(groupUp(web, { ip: true, srv: true }, { srv: { status: 'healthy' } })).toBe(true);
    expect(groupUp(web, { ip: true, srv: true }, { srv: { status: 'not-checked' } })).toBe(false);
    expect(groupUp(web, { ip: true, srv: false }, { srv: { status: 'healthy' } })).toBe(false);
    expect(groupUp(web, undefined, undefined)).toBe(false);
    expect(groupUp(group('plain'), { 'plain-ip': true }, undefined)).toBe(true);
  });
});

describe('constraints in the cluster config', () => {
  const config = { ...DEFAULT_CLUSTER_CONFIG, groups: GROUPS, constraints: [order('a', 'b')] };

  it('adds and removes constraints by id, and refuses what is wrong without changing anything', () => {
    const added = applyChange(config, { kind: 'put-constraint', constraint: with_('c', 'd') });
    expect(added.constraints?.map(constraintId)).toEqual(['order:a:b', 'colocation:c:d']);
    expect(changeProblems(config, { kind: 'put-constraint', constraint: order('b', 'a') })).toEqual(['cycle: b then a then b']);
    expect(applyChange(added, { kind: 'delete-constraint', id: 'order:a:b' }).constraints?.map(constraintId)).toEqual(['colocation:c:d']);
    expect(changeProblems(config, { kind: 'delete-constraint', id: 'order:b:a' })).toEqual(['no constraint order:b:a (see the list of constraints)']);
  });

  it('refuses to remove a group a constraint names (remove the constraint first)', () => {
    expect(changeProblems(config, { kind: 'delete-group', name: 'b' })).toEqual(['group b is used by constraint(s) order:a:b: remove them first']);
    expect(changeProblems(config, { kind: 'delete-group', name: 'c' })).toEqual([]);
  });
});
