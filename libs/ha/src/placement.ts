import { apartFrom, colocationSets, type Constraint, type OrderConstraint } from './constraints';
import type { ResourceGroup } from './resources';

/** What the leader knows to place groups. */
export interface PlacementInput {
  groups: readonly ResourceGroup[];
  /** group → node it is assigned to (or nothing). */
  assignments: Readonly<Record<string, string | null>>;
  /** Online, non-standby members of the quorate partition, in node-id order. */
  eligible: readonly string[];
  /** Every member in the membership (standby included): an owner among them is alive, never fenced. */
  online: readonly string[];
  /** Members gone from the membership whose fence is confirmed since they left. */
  fenced: readonly string[];
  /** Members that stopped cleanly under the freeze policy: their groups stay theirs, stopped, and they are never fenced. */
  frozen?: readonly string[];
  /** Admin pins (move): group → node, honoured while that node is eligible. */
  moves?: Readonly<Record<string, string>>;
  /** Nodes where a group failed past its restart policy: it is not placed there until cleared. */
  bans?: Readonly<Record<string, readonly string[]>>;
  /** Colocation, anti-colocation and order constraints between groups (already validated: no cycles). */
  constraints?: readonly Constraint[];
}

export interface PlacementDecision {
  assignments: Record<string, string | null>;
  /** Owners that left and must be fenced before their groups may start elsewhere. */
  toFence: string[];
  /** group → why it runs nowhere (only groups that could not be placed). */
  blocked: Record<string, string>;
}

/**
 * Where each group runs. Pure. Colocated groups are placed as one set, by their anchor (the group
 * the others are colocated with): its live owner (stickiness), else an admin pin of any of them,
 * else a preferred node (the anchor's first), else the least loaded node, preferring nodes none
 * of them is banned on. A group stays off the nodes of the groups it must be apart from; a set
 * that keeps its node is settled before the others, so a failover moves the group that left.
 * A group whose owner left moves only once that owner is fenced; its colocated groups wait.
 * A group of a frozen owner stays with it (no fence, no move) until the owner is back.
 */
export function placeGroups(input: PlacementInput): PlacementDecision {
  const constraints = input.constraints ?? [];
  const assignments: Record<string, string | null> = {};
  const blocked: Record<string, string> = {};
  const toFence = new Set<string>();
  const load = new Map(input.eligible.map((n) => [n, 0]));
  const byName = new Map(input.groups.map((g) => [g.name, g]));
  const banned = (group: string, node: string) => (input.bans?.[group] ?? []).includes(node);
  const ownerOf = (group: string) => input.assignments[group] ?? null;

  // Its owner left and may still run it: it stays put until the fence is confirmed.
  // Its owner is frozen: it stays put, stopped, until the owner is back and thaws.
  for (const group of input.groups) {
    const owner = ownerOf(group.name);
    if (owner && (input.frozen ?? []).includes(owner)) {
      assignments[group.name] = owner;
      if (load.has(owner)) load.set(owner, (load.get(owner) ?? 0) + 1);
    } else if (owner && !input.online.includes(owner) && !input.fenced.includes(owner)) {
      toFence.add(owner);
      assignments[group.name] = owner;
    }
  }

  const sets = colocationSets([...byName.keys()], constraints).map((names) => names.map((n) => byName.get(n) as ResourceGroup));
  const anchor = (set: ResourceGroup[]) => set[0] as ResourceGroup;
  const apartGroups = (set: ResourceGroup[]) => [...new Set(set.flatMap((g) => apartFrom(g.name, constraints)))].filter((g) => !set.some((s) => s.name === g));
  const apartNodes = (set: ResourceGroup[]) =>
    apartGroups(set)
      .map((g) => assignments[g])
      .filter((n): n is string => !!n);
  const fits = (set: ResourceGroup[], node: string | null | undefined): node is string => !!node && load.has(node) && !banned(anchor(set).name, node) && !apartNodes(set).includes(node);
  const fitsAll = (set: ResourceGroup[], node: string) => set.every((g) => !banned(g.name, node));
  const pinned = (set: ResourceGroup[]) => set.map((g) => input.moves?.[g.name]).find((n) => fits(set, n)) ?? null;
  const preferred = (set: ResourceGroup[]) => set.map((g) => g.preferredNode).find((n) => fits(set, n)) ?? null;
  const leastLoaded = (set: ResourceGroup[]) => {
    let best: string | null = null;
    const score = (n: string) => (fitsAll(set, n) ? 0 : 1_000_000) + (load.get(n) ?? 0);
    for (const node of input.eligible) if (fits(set, node) && (best === null || score(node) < score(best))) best = node;
    return best;
  };
  const whyNowhere = (set: ResourceGroup[]) => {
    if (input.eligible.length === 0) return 'no eligible node (online, quorate, not in standby)';
    const apart = apartGroups(set).filter((g) => assignments[g]);
    return apart.length > 0 ? `no eligible node left apart from ${apart.join(', ')}` : `banned on every eligible node (${input.eligible.join(', ')})`;
  };
  const place = (set: ResourceGroup[], target: string | null) => {
    const head = anchor(set);
    for (const group of set) {
      if (group.name in assignments) continue;
      if (target === null) {
        assignments[group.name] = null;
        blocked[group.name] = group === head ? whyNowhere(set) : `colocated with ${head.name}, which runs nowhere`;
      } else if (banned(group.name, target)) {
        assignments[group.name] = null;
        blocked[group.name] = `banned on ${target}, where ${head.name} (its anchor) runs`;
      } else {
        assignments[group.name] = target;
        load.set(target, (load.get(target) ?? 0) + 1);
      }
    }
  };

  // The groups that must stay off another's node are placed after it.
  const rank = (set: ResourceGroup[]) => constraints.filter((c) => c.kind === 'anti-colocation' && set.some((g) => g.name === c.group)).length;
  const pending: ResourceGroup[][] = [];
  for (const set of sets.sort((x, y) => rank(x) - rank(y) || anchor(x).name.localeCompare(anchor(y).name))) {
    const head = anchor(set);
    if (head.name in assignments) {
      // Its anchor waits for a fence: so do the groups colocated with it.
      for (const group of set.filter((g) => !(g.name in assignments))) {
        assignments[group.name] = null;
        const owner = ownerOf(head.name);
        blocked[group.name] = owner && (input.frozen ?? []).includes(owner) ? `colocated with ${head.name}, frozen on ${owner}` : `colocated with ${head.name}, whose node left and is not fenced yet`;
      }
      continue;
    }
    // Sets on live owners first, so their load counts when placing the others.
    const owner = ownerOf(head.name);
    if (fits(set, owner)) {
      const better = preferred(set);
      place(set, pinned(set) ?? (!head.sticky && better && better !== owner ? better : owner));
    } else pending.push(set);
  }
  // Then sets with a preferred node, so the others' least-loaded choice counts them.
  const withPreference = (set: ResourceGroup[]) => (set.some((g) => g.preferredNode) ? 0 : 1);
  for (const set of pending.sort((x, y) => rank(x) - rank(y) || withPreference(x) - withPreference(y))) place(set, pinned(set) ?? preferred(set) ?? leastLoaded(set));
  return { assignments, toFence: [...toFence], blocked };
}

/**
 * The safe way from one placement to another. Pure. A group moving off a live node is first
 * assigned nowhere (its owner stops it); it is assigned to its new node only once no online
 * node reports it running, so two nodes never run it at once. With order constraints, a group
 * leaving a live node stays there while a group ordered after it still runs (that one stops
 * first), and a stopped group ordered after it is not given a node while it is still held
 * there (else that group could start next to the old instance and be stopped again). Once the
 * group is off its old node, the start gate on the dependent's node does the ordering.
 */
export function withHandover(
  current: Readonly<Record<string, string | null>>,
  proposed: Readonly<Record<string, string | null>>,
  online: readonly string[],
  runningOn: (group: string) => readonly string[],
  constraints: readonly Constraint[] = [],
): Record<string, string | null> {
  const next: Record<string, string | null> = {};
  for (const [group, to] of Object.entries(proposed)) {
    const from = current[group] ?? null;
    if (to === from || to === null) next[group] = to;
    else if (from !== null && online.includes(from)) next[group] = null;
    else next[group] = runningOn(group).some((n) => n !== to) ? from : to;
  }
  const orders = constraints.filter((c): c is OrderConstraint => c.kind === 'order' && c.first in next && c.then in next);
  const leaving = (group: string) => {
    const from = current[group] ?? null;
    return from !== null && online.includes(from) && next[group] !== from;
  };
  // Acyclic orders settle in at most one pass per constraint.
  for (let pass = 0; pass <= orders.length; pass++) {
    let changed = false;
    for (const { first, then } of orders) {
      if (leaving(first) && runningOn(then).length > 0) {
        next[first] = current[first] ?? null;
        next[then] = null;
        changed = true;
      } else if (current[first] && current[first] !== (proposed[first] ?? null) && (current[then] ?? null) === null && next[then] !== null) {
        next[then] = null;
        changed = true;
      }
    }
    if (!changed) break;
  }
  return next;
}
