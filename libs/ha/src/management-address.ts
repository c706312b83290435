import type { ResourceGroup } from './resources';

/**
 * The management address (issue 12 §6): one floating LAN address, held by the cluster's
 * leader, where the dashboard and the API answer whichever node is lost. Sessions and API
 * tokens are the cluster's, so a browser or a script goes on without logging in again.
 */
export interface ManagementAddress {
  /** IPv4 with a prefix, e.g. 192.0.2.50/24. */
  address: string;
  /** The host interface that carries it (e.g. eth0); announced by gratuitous ARP. */
  interface: string;
}

const CIDR = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}\/(3[0-2]|[12]?\d)$/;
const IFACE = /^[a-zA-Z0-9._-]{1,15}$/;

const ipOf = (cidr: string) => cidr.split('/')[0] ?? '';

/** Every problem of a management address setting (null: none), against the groups' VIPs. Pure. */
export function managementAddressProblems(value: unknown, groups: readonly ResourceGroup[]): string[] {
  if (value === null) return [];
  if (typeof value !== 'object' || value === null) return ['managementAddress must be {address, interface} or null'];
  const { address, interface: iface } = value as Partial<ManagementAddress>;
  const problems: string[] = [];
  if (typeof address !== 'string' || !CIDR.test(address)) problems.push('managementAddress.address must be an IPv4 address with a prefix, e.g. 192.0.2.50/24');
  if (typeof iface !== 'string' || !IFACE.test(iface)) problems.push('managementAddress.interface must be an interface name, e.g. eth0');
  if (problems.length > 0) return problems;
  const taken = groups.find((g) => g.resources.some((r) => r.kind === 'vip' && ipOf(r.address) === ipOf(address as string)));
  if (taken) problems.push(`${ipOf(address as string)} is already a VIP of group ${taken.name}`);
  return problems;
}

/** Whether a group's VIP would take the management address. Pure. */
export function vipTakesManagementAddress(group: ResourceGroup, management: ManagementAddress | null | undefined): string | null {
  if (!management) return null;
  const ip = ipOf(management.address);
  return group.resources.some((r) => r.kind === 'vip' && ipOf(r.address) === ip) ? `${ip} is the cluster's management address` : null;
}

export interface ManagementInput {
  /** The committed setting (null: none). */
  setting: ManagementAddress | null;
  /** What this node added last and has not removed (null: nothing). */
  applied: ManagementAddress | null;
  /** Whether the host carries the setting's address now. */
  heldNow: boolean;
  quorate: boolean;
  leader: string | null;
  self: string;
  /** The agent is stopping: the next leader takes it. */
  stopping: boolean;
}

export interface ManagementStep {
  release: ManagementAddress | null;
  acquire: ManagementAddress | null;
}

const same = (a: ManagementAddress | null, b: ManagementAddress | null) => a?.address === b?.address && a?.interface === b?.interface;

/**
 * What this node does about the management address: the quorate leader holds it, nobody
 * else, and an address changed or removed in the config is let go. A node that loses quorum
 * or the leadership releases it at once; the new leader adds it (and announces it). Pure.
 */
export function managementStep(input: ManagementInput): ManagementStep {
  const holds = input.setting !== null && input.quorate && input.leader === input.self && !input.stopping;
  const desired = holds ? input.setting : null;
  const release = input.applied !== null && !same(input.applied, desired) ? input.applied : null;
  const acquire = desired !== null && (!input.heldNow || release !== null) ? desired : null;
  return { release, acquire };
}
