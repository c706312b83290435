import type { ResourceGroup } from './resources';

/** `group` runs on the node of `with` (its anchor), and nowhere `with` does not run. */
export interface ColocationConstraint {
  kind: 'colocation';
  group: string;
  with: string;
}

/** `group` never runs on the node of `with`: when no other node is left, `group` waits. */
export interface AntiColocationConstraint {
  kind: 'anti-colocation';
  group: string;
  with: string;
}

/** `then` starts only once `first` is up (on any node); on a planned move or stop, `then` stops first. */
export interface OrderConstraint {
  kind: 'order';
  first: string;
  then: string;
}

/** A constraint between two groups (like Pacemaker's basic colocation and order constraints). */
export type Constraint = ColocationConstraint | AntiColocationConstraint | OrderConstraint;

/** A constraint's stable id: `KIND:A:B` (colocation and anti-colocation: group, with; order: first, then). */
export function constraintId(c: Constraint): string {
  return c.kind === 'order' ? `order:${c.first}:${c.then}` : `${c.kind}:${c.group}:${c.with}`;
}

/** The two groups a constraint ties. */
export function constrainedGroups(c: Constraint): [string, string] {
  return c.kind === 'order' ? [c.first, c.then] : [c.group, c.with];
}

const colocations = (constraints: readonly Constraint[]) => constraints.filter((c): c is ColocationConstraint => c.kind === 'colocation');
const antiColocations = (constraints: readonly Constraint[]) => constraints.filter((c): c is AntiColocationConstraint => c.kind === 'anti-colocation');
const orders = (constraints: readonly Constraint[]) => constraints.filter((c): c is OrderConstraint => c.kind === 'order');

/** The chain of anchors from a group: [group, its anchor, the anchor's anchor, …] (stops before a repeat). */
export function anchorChain(group: string, constraints: readonly Constraint[]): string[] {
  const chain = [group];
  for (let next = colocations(constraints).find((c) => c.group === group); next && !chain.includes(next.with); next = colocations(constraints).find((c) => c.group === chain[chain.length - 1]))
    chain.push(next.with);
  return chain;
}

/** The group a group's colocation chain ends at: the set's anchor, placed for all of them. */
export function anchorOf(group: string, constraints: readonly Constraint[]): string {
  return anchorChain(group, constraints).at(-1) as string;
}

/** Groups that run together: anchor first, then the groups colocated with it (directly or through others), by name. */
export function colocationSets(groups: readonly string[], constraints: readonly Constraint[]): string[][] {
  const sets = new Map<string, string[]>();
  for (const name of [...groups].sort()) {
    const anchor = anchorOf(name, constraints);
    if (!groups.includes(anchor)) continue;
    sets.set(anchor, [...(sets.get(anchor) ?? [anchor]), ...(name === anchor ? [] : [name])]);
  }
  return [...sets.values()];
}

/** The groups that must be apart from a group (either side of an anti-colocation). */
export function apartFrom(group: string, constraints: readonly Constraint[]): string[] {
  return antiColocations(constraints).flatMap((c) => (c.group === group ? [c.with] : c.with === group ? [c.group] : []));
}

/** The groups a group waits for before it starts (the `first` of its order constraints). */
export function dependenciesOf(group: string, constraints: readonly Constraint[]): string[] {
  return orders(constraints)
    .filter((c) => c.then === group)
    .map((c) => c.first);
}

/** The groups that start after a group (the `then` of its order constraints). */
export function dependentsOf(group: string, constraints: readonly Constraint[]): string[] {
  return orders(constraints)
    .filter((c) => c.first === group)
    .map((c) => c.then);
}

/** An order path from `from` to `to` through order constraints, or null. */
function orderPath(from: string, to: string, constraints: readonly Constraint[], seen: string[] = []): string[] | null {
  if (from === to) return [to];
  if (seen.includes(from)) return null;
  for (const next of dependentsOf(from, constraints)) {
    const rest = orderPath(next, to, constraints, [...seen, from]);
    if (rest) return [from, ...rest];
  }
  return null;
}

const NAME_FIELDS: Record<Constraint['kind'], [string, string]> = { colocation: ['group', 'with'], 'anti-colocation': ['group', 'with'], order: ['first', 'then'] };

/**
 * Every problem of a new constraint against the groups and the constraints already there. Pure.
 * Refused: unknown kinds or groups, a group with itself, duplicates, cycles (colocation or order),
 * a second anchor for one group, and groups that would have to run both together and apart.
 */
export function constraintProblems(constraint: Constraint, groups: readonly ResourceGroup[], existing: readonly Constraint[]): string[] {
  const c = constraint as unknown as Record<string, unknown> | null;
  const kind = c?.kind as Constraint['kind'];
  const fields = NAME_FIELDS[kind] as [string, string] | undefined;
  if (!c || !fields) return ['kind must be colocation, anti-colocation or order'];
  const names = groups.map((g) => g.name);
  const problems: string[] = [];
  for (const field of fields) {
    const value = c[field];
    if (typeof value !== 'string' || value === '') problems.push(`${kind} needs ${fields.join(' and ')} (group names)`);
    else if (!names.includes(value)) problems.push(`no group named ${value} (groups: ${names.join(', ') || 'none'})`);
  }
  if (problems.length > 0) return [...new Set(problems)];
  const [a, b] = constrainedGroups(constraint);
  if (a === b) return [`a group cannot be constrained with itself (${a})`];
  const id = constraintId(constraint);
  if (existing.some((e) => constraintId(e) === id)) return [`constraint ${id} already exists`];
  if (constraint.kind === 'anti-colocation' && existing.some((e) => e.kind === 'anti-colocation' && e.group === b && e.with === a))
    return [`${a} and ${b} are already apart (anti-colocation:${b}:${a})`];
  const after = [...existing, constraint];
  if (constraint.kind === 'colocation') {
    const anchor = colocations(existing).find((e) => e.group === a);
    if (anchor) return [`${a} is already colocated with ${anchor.with}: a group follows one anchor (colocate ${anchor.with} with ${b} to chain them)`];
    const chain = anchorChain(b, existing);
    if (chain.includes(a)) return [`cycle: ${[a, ...chain.slice(0, chain.indexOf(a) + 1)].join(' with ')}`];
  }
  if (constraint.kind === 'order') {
    const back = orderPath(b, a, existing);
    if (back) return [`cycle: ${[a, ...back].join(' then ')}`];
  }
  if (constraint.kind !== 'order') {
    for (const anti of antiColocations(after)) {
      if (anchorOf(anti.group, after) !== anchorOf(anti.with, after)) continue;
      const together = [...new Set([...anchorChain(anti.group, after), ...anchorChain(anti.with, after)])];
      return [`contradiction: ${anti.group} and ${anti.with} would have to run together (colocated through ${together.join(', ')}) and apart (anti-colocation:${anti.group}:${anti.with})`];
    }
  }
  return [];
}

/** Why a group cannot be removed: the constraints that name it (remove them first). */
export function constraintsNaming(group: string, constraints: readonly Constraint[]): string[] {
  return constraints.filter((c) => constrainedGroups(c).includes(group)).map(constraintId);
}

/** Groups ordered so that every group comes after the groups it waits for (by name otherwise). Stops go in reverse. */
export function startOrder<T extends { name: string }>(groups: readonly T[], constraints: readonly Constraint[]): T[] {
  const sorted = [...groups].sort((x, y) => x.name.localeCompare(y.name));
  const done: T[] = [];
  const visit = (g: T, path: string[]) => {
    if (done.includes(g) || path.includes(g.name)) return;
    for (const dep of dependenciesOf(g.name, constraints)) {
      const first = sorted.find((s) => s.name === dep);
      if (first) visit(first, [...path, g.name]);
    }
    done.push(g);
  };
  for (const g of sorted) visit(g, []);
  return done;
}

/** The groups a group still waits for before it may start: its dependencies that are not up. */
export function startBlockers(group: string, constraints: readonly Constraint[], isUp: (group: string) => boolean): string[] {
  return dependenciesOf(group, constraints).filter((first) => !isUp(first));
}

/** Whether a group is up where it runs: every resource running, and every health-checked one healthy. */
export function groupUp(group: ResourceGroup, running: Readonly<Record<string, boolean>> | undefined, health: Readonly<Record<string, { status: string }>> | undefined): boolean {
  return group.resources.every((r) => running?.[r.name] === true && (!('health' in r && r.health) || health?.[r.name]?.status === 'healthy'));
}
