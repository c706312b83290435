/** A floating IP. LAN VIPs are added to an interface and announced by gratuitous ARP. */
export interface VipResource {
  kind: 'vip';
  name: string;
  /** Address with prefix, e.g. 192.0.2.100/24 */
  address: string;
  /** The host interface that carries it (default eth0; the WireGuard interface for a mesh VIP). */
  interface: string;
  /** lan (default): announced by gratuitous ARP; mesh: an address of the mesh, routed to its owner by every member's WireGuard allowed-IPs. */
  network?: 'lan' | 'mesh';
}

/** A command the agent supervises (for hosts and containers without systemd). */
export interface ProcessResource {
  kind: 'process';
  name: string;
  command: string[];
  /** Probed on the node that runs it; unhealthy counts as a failure. */
  health?: HealthCheck;
}

export type Resource = VipResource | ProcessResource | SystemdResource;

/** Resources that run together on one node, started in order and stopped in reverse. */
export interface ResourceGroup {
  name: string;
  resources: Resource[];
  preferredNode: string | null;
  /** Stay where it runs when the preferred node comes back (no flapping back). */
  sticky: boolean;
  /** Local restarts allowed before the group leaves the node (default 3 in 5 min). */
  restart?: RestartPolicy;
}

import { healthCheckProblems, type HealthCheck, type RestartPolicy } from './health';
import { unitNameProblem, type SystemdResource } from './systemd-unit';

const NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const CIDR = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}\/(3[0-2]|[12]?\d)$/;
const IFACE = /^[a-zA-Z0-9._-]{1,15}$/;

/** A systemd resource's problems: its unit name, its health check, and one group per unit. */
function systemdProblems(r: SystemdResource, group: ResourceGroup, others: readonly ResourceGroup[]): string[] {
  const problem = unitNameProblem(r.unit);
  const owner = others.find((g) => g.name !== group.name && g.resources.some((o) => o.kind === 'systemd' && o.unit === r.unit));
  const twice = group.resources.filter((o) => o?.kind === 'systemd' && o.unit === r.unit).length > 1;
  return [
    ...(problem ? [problem] : []),
    ...(owner ? [`unit ${r.unit} is already managed by group ${owner.name}`] : twice ? [`unit ${r.unit} appears twice`] : []),
    ...(r.health ? healthCheckProblems(r.health) : []),
  ];
}

/** Every problem of a group, against the other groups and the members. Pure. */
export function groupProblems(group: ResourceGroup, others: readonly ResourceGroup[], members: readonly string[]): string[] {
  const problems: string[] = [];
  if (!NAME.test(group.name)) problems.push('name must be 1-63 lowercase letters, digits, dashes or underscores');
  if (!Array.isArray(group.resources) || group.resources.length === 0) problems.push('a group needs at least one resource');
  if (group.preferredNode !== null && !members.includes(group.preferredNode)) problems.push(`preferredNode ${group.preferredNode} is not a member (members: ${members.join(', ')})`);
  const names = new Set<string>();
  const taken = new Map(others.filter((g) => g.name !== group.name).flatMap((g) => g.resources.map((r) => [r.name, g.name] as const)));
  const addresses = new Map(others.filter((g) => g.name !== group.name).flatMap((g) => g.resources.filter((r): r is VipResource => r.kind === 'vip').map((r) => [r.address.split('/')[0], g.name] as const)));
  (group.resources ?? []).forEach((r, i) => {
    const at = `resources[${i}]`;
    if (!r || !NAME.test(r.name)) problems.push(`${at}: name must be 1-63 lowercase letters, digits, dashes or underscores`);
    else if (names.has(r.name)) problems.push(`${at}: ${r.name} appears twice`);
    else if (taken.has(r.name)) problems.push(`${at}: ${r.name} already belongs to group ${taken.get(r.name)}`);
    if (r?.name) names.add(r.name);
    if (r?.kind === 'vip') {
      if (!CIDR.test(r.address)) problems.push(`${at}: address must be an IPv4 address with a prefix, e.g. 192.0.2.100/24`);
      else if (addresses.has(r.address.split('/')[0])) problems.push(`${at}: ${r.address} is already a VIP of group ${addresses.get(r.address.split('/')[0])}`);
      if (!IFACE.test(r.interface)) problems.push(`${at}: interface must be an interface name like eth0`);
    } else if (r?.kind === 'process') {
      if (!Array.isArray(r.command) || r.command.length === 0 || !r.command.every((c) => typeof c === 'string' && c.length > 0)) problems.push(`${at}: command must be a non-empty list of arguments`);
      if (r.health) problems.push(...healthCheckProblems(r.health).map((p) => `${at}: ${p}`));
    } else if (r?.kind === 'systemd') {
      problems.push(...systemdProblems(r, group, others).map((p) => `${at}: ${p}`));
    } else problems.push(`${at}: kind must be vip, process or systemd`);
  });
  if (group.restart && (!Number.isInteger(group.restart.maxRestarts) || group.restart.maxRestarts < 0 || group.restart.maxRestarts > 100)) problems.push('restart.maxRestarts must be from 0 to 100');
  if (group.restart && (!Number.isInteger(group.restart.windowMs) || group.restart.windowMs < 1000)) problems.push('restart.windowMs must be at least 1000');
  return problems;
}

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
  /** Admin pins (move): group → node, honoured while that node is eligible. */
  moves?: Readonly<Record<string, string>>;
  /** Nodes where a group failed past its restart policy: it is not placed there until cleared. */
  bans?: Readonly<Record<string, readonly string[]>>;
}

export interface PlacementDecision {
  assignments: Record<string, string | null>;
  /** Owners that left and must be fenced before their groups may start elsewhere. */
  toFence: string[];
}

/**
 * Where each group runs. Pure. A group stays on a live owner (unless it is not sticky and its
 * preferred node is back); a group whose owner left moves only once that owner is fenced; an
 * unplaced group goes to its preferred node, else to the least loaded eligible node.
 */
export function placeGroups(input: PlacementInput): PlacementDecision {
  const assignments: Record<string, string | null> = {};
  const toFence = new Set<string>();
  const load = new Map(input.eligible.map((n) => [n, 0]));
  const allowed = (group: ResourceGroup, node: string) => load.has(node) && !(input.bans?.[group.name] ?? []).includes(node);
  const pinned = (group: ResourceGroup): string | null => {
    const target = input.moves?.[group.name];
    return target && allowed(group, target) ? target : null;
  };
  const pick = (group: ResourceGroup): string | null => {
    if (pinned(group)) return pinned(group);
    if (group.preferredNode && allowed(group, group.preferredNode)) return group.preferredNode;
    let best: string | null = null;
    for (const node of input.eligible) if (allowed(group, node) && (best === null || (load.get(node) ?? 0) < (load.get(best) ?? 0))) best = node;
    return best;
  };
  const ordered = [...input.groups].sort((a, b) => a.name.localeCompare(b.name));
  // Groups on live owners first, so their load counts when placing the others.
  for (const group of ordered) {
    const owner = input.assignments[group.name] ?? null;
    if (owner && allowed(group, owner)) {
      const preferred = group.preferredNode;
      const target = pinned(group) ?? (!group.sticky && preferred && preferred !== owner && allowed(group, preferred) ? preferred : owner);
      assignments[group.name] = target;
      load.set(target, (load.get(target) ?? 0) + 1);
    }
  }
  // Then groups with a preferred node, so the others' least-loaded choice counts them.
  const unplaced = [...ordered.filter((g) => g.preferredNode), ...ordered.filter((g) => !g.preferredNode)];
  for (const group of unplaced) {
    if (group.name in assignments) continue;
    const owner = input.assignments[group.name] ?? null;
    if (owner && !input.online.includes(owner) && !input.fenced.includes(owner)) {
      // Its owner left and may still run it: it stays put until the fence is confirmed.
      toFence.add(owner);
      assignments[group.name] = owner;
      continue;
    }
    const target = pick(group);
    assignments[group.name] = target;
    if (target) load.set(target, (load.get(target) ?? 0) + 1);
  }
  return { assignments, toFence: [...toFence] };
}

/**
 * The safe way from one placement to another. Pure. A group moving off a live node is first
 * assigned nowhere (its owner stops it); it is assigned to its new node only once no online
 * node reports it running, so two nodes never run it at once.
 */
export function withHandover(
  current: Readonly<Record<string, string | null>>,
  proposed: Readonly<Record<string, string | null>>,
  online: readonly string[],
  runningOn: (group: string) => readonly string[],
): Record<string, string | null> {
  const next: Record<string, string | null> = {};
  for (const [group, to] of Object.entries(proposed)) {
    const from = current[group] ?? null;
    if (to === from || to === null) next[group] = to;
    else if (from !== null && online.includes(from)) next[group] = null;
    else next[group] = runningOn(group).some((n) => n !== to) ? from : to;
  }
  return next;
}
