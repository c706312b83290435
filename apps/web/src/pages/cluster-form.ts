import type { Schemas } from '@sfha/contracts';

/** The create-cluster form as typed, with the defaults shown to the admin. */
export interface CreateClusterForm {
  name: string;
  network: string;
  meshIp: string;
  port: string;
  endpoint: string;
}

export const CREATE_CLUSTER_DEFAULTS: CreateClusterForm = { name: '', network: '10.100.0.0/24', meshIp: '10.100.0.1', port: '51820', endpoint: '' };

/** Message keys under `cluster` in the catalogs. */
export type CreateClusterProblem = 'nameInvalid' | 'networkInvalid' | 'meshIpInvalid' | 'meshIpOutside' | 'portInvalid' | 'endpointInvalid';

// The same rules as the agent's InitClusterDto, checked before the request so each message sits next to its field.
const NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const ENDPOINT = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):([1-9]\d{0,4})$/;

/** The IPv4 address as a 32-bit number, or null. */
export function ipv4ToNumber(text: string): number | null {
  const parts = text.trim().split('.');
  if (parts.length !== 4 || parts.some((p) => !/^(0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255)) return null;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

function parseNetwork(text: string): { base: number; prefix: number } | null {
  const match = /^([^/]+)\/(\d{1,2})$/.exec(text.trim());
  const base = match ? ipv4ToNumber(match[1] ?? '') : null;
  const prefix = Number(match?.[2]);
  return base === null || prefix > 32 ? null : { base, prefix };
}

function inNetwork(ip: number, network: { base: number; prefix: number }): boolean {
  const size = 2 ** (32 - network.prefix);
  const start = network.base - (network.base % size);
  // Neither the network nor the broadcast address, where those exist.
  return network.prefix >= 31 ? ip >= start && ip < start + size : ip > start && ip < start + size - 1;
}

export function checkCreateCluster(form: CreateClusterForm): { problems: Partial<Record<keyof CreateClusterForm, CreateClusterProblem>>; body: Schemas['InitClusterDto'] | null } {
  const problems: Partial<Record<keyof CreateClusterForm, CreateClusterProblem>> = {};
  if (!NAME.test(form.name.trim())) problems.name = 'nameInvalid';
  const network = parseNetwork(form.network);
  if (!network) problems.network = 'networkInvalid';
  const ip = ipv4ToNumber(form.meshIp);
  if (ip === null) problems.meshIp = 'meshIpInvalid';
  else if (network && !inNetwork(ip, network)) problems.meshIp = 'meshIpOutside';
  const port = Number(form.port);
  if (!/^\d+$/.test(form.port.trim()) || port < 1 || port > 65_535) problems.port = 'portInvalid';
  const endpoint = form.endpoint.trim();
  if (endpoint && !ENDPOINT.test(endpoint)) problems.endpoint = 'endpointInvalid';
  if (Object.keys(problems).length > 0 || !network) return { problems, body: null };
  return { problems, body: { cluster: form.name.trim(), address: `${form.meshIp.trim()}/${network.prefix}`, port, ...(endpoint ? { endpoint } : {}) } };
}

export const JOIN_LINK_PREFIX = 'sfha-join://';
