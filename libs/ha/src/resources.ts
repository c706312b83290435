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
  // Another group may be malformed too (an imported document): skip what is not a resource.
  const taken = new Map(others.filter((g) => g.name !== group.name).flatMap((g) => (g.resources ?? []).filter(Boolean).map((r) => [r.name, g.name] as const)));
  const addresses = new Map(
    others.filter((g) => g.name !== group.name).flatMap((g) => (g.resources ?? []).filter((r): r is VipResource => r?.kind === 'vip').map((r) => [r.address.split('/')[0], g.name] as const)),
  );
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
