import type { Schemas } from '@sfha/contracts';

/**
 * The resource-group form as the admin types it (strings), and its mapping to and from the
 * API. Pure: the form component only renders these values and the problems found here.
 */
export type HealthKind = '' | 'http' | 'tcp' | 'systemd' | 'command';
export type ResourceKind = 'vip' | 'process' | 'systemd';

export interface ResourceValues {
  kind: ResourceKind;
  name: string;
  address: string;
  /** lan: announced on the hosts' LAN; mesh: an address of the mesh network, routed to its owner. */
  network: 'lan' | 'mesh';
  interface: string;
  /** systemd: the unit systemd runs. */
  unit: string;
  /** The command line; split on spaces, "quotes" keep spaces (no shell). */
  command: string;
  healthKind: HealthKind;
  healthTarget: string;
}

export interface GroupValues {
  name: string;
  preferredNode: string;
  sticky: boolean;
  maxRestarts: string;
  resources: ResourceValues[];
}

/** Field path → what is wrong with it: `name`, `preferredNode`, `maxRestarts`, `resources.0.address`… */
export type FieldProblems = Record<string, string>;

/** The client-side checks' words, translated by the caller. */
export interface ProblemTexts {
  required: string;
  groupName: string;
  vipAddress: string;
  interfaceName: string;
  maxRestarts: string;
  healthUrl: string;
  healthHostPort: string;
  duplicateName: string;
}

const NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const CIDR = new RegExp(`^${OCTET}(\\.${OCTET}){3}\\/(3[0-2]|[12]?\\d)$`);
const IFACE = /^[a-zA-Z0-9._-]{1,15}$/;

const DEFAULT_NAMES: Record<ResourceKind, string> = { vip: 'ip', process: 'app', systemd: 'unit' };

export const newResource = (kind: ResourceKind, index: number): ResourceValues => ({
  kind,
  name: `${DEFAULT_NAMES[kind]}${index > 0 ? index + 1 : ''}`,
  address: '',
  network: 'lan',
  interface: 'eth0',
  unit: '',
  command: '',
  healthKind: '',
  healthTarget: '',
});

export const emptyGroup = (): GroupValues => ({ name: '', preferredNode: '', sticky: true, maxRestarts: '3', resources: [newResource('vip', 0), newResource('process', 0)] });

/** Splits a command line into arguments: spaces separate, single or double quotes group. */
export function splitCommand(line: string): string[] {
  const args: string[] = [];
  for (const match of line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) args.push(match[1] ?? match[2] ?? match[3] ?? '');
  return args;
}

/** Joins arguments back into a line that {@link splitCommand} reads the same. */
export function joinCommand(args: readonly string[]): string {
  return args.map((a) => (a === '' || /\s/.test(a) ? (a.includes('"') ? `'${a}'` : `"${a}"`) : a)).join(' ');
}

/** The form's values for an existing group. */
export function groupValues(group: Schemas['GroupStateDto']): GroupValues {
  return {
    name: group.name,
    preferredNode: group.preferredNode ?? '',
    sticky: group.sticky,
    maxRestarts: String(group.maxRestarts),
    resources: group.resources.map(({ spec }) => {
      const target = spec.health?.target;
      return {
        kind: spec.kind,
        name: spec.name,
        address: spec.address ?? '',
        network: spec.network ?? 'lan',
        interface: spec.interface ?? 'eth0',
        unit: spec.unit ?? '',
        command: joinCommand(spec.command ?? []),
        healthKind: spec.health?.kind ?? '',
        healthTarget: Array.isArray(target) ? joinCommand(target) : (target ?? ''),
      };
    }),
  };
}

/** What PUT /resources/groups/{name} takes. */
export function putGroupBody(values: GroupValues): Schemas['PutGroupDto'] {
  return {
    preferredNode: values.preferredNode || null,
    sticky: values.sticky,
    maxRestarts: Number(values.maxRestarts),
    resources: values.resources.map((r) => {
      const name = r.name.trim();
      if (r.kind === 'vip') return { kind: 'vip', name, network: r.network, address: r.address.trim(), ...(r.network === 'lan' ? { interface: r.interface.trim() } : {}) };
      const health = r.healthKind ? { health: { kind: r.healthKind, target: r.healthKind === 'command' ? splitCommand(r.healthTarget) : r.healthTarget.trim() } } : {};
      return r.kind === 'systemd' ? { kind: 'systemd', name, unit: r.unit.trim(), ...health } : { kind: 'process', name, command: splitCommand(r.command), ...health };
    }),
  };
}

/** Obvious mistakes, found before asking the agent (which checks everything again). */
export function groupProblems(values: GroupValues, t: ProblemTexts): FieldProblems {
  const problems: FieldProblems = {};
  if (!NAME.test(values.name)) problems.name = values.name ? t.groupName : t.required;
  if (!/^\d+$/.test(values.maxRestarts) || Number(values.maxRestarts) > 100) problems.maxRestarts = t.maxRestarts;
  const seen = new Set<string>();
  values.resources.forEach((r, i) => {
    const at = (field: string) => `resources.${i}.${field}`;
    const name = r.name.trim();
    if (!NAME.test(name)) problems[at('name')] = name ? t.groupName : t.required;
    else if (seen.has(name)) problems[at('name')] = t.duplicateName;
    seen.add(name);
    if (r.kind === 'vip') {
      if (!CIDR.test(r.address.trim())) problems[at('address')] = r.address.trim() ? t.vipAddress : t.required;
      if (r.network === 'lan' && !IFACE.test(r.interface.trim())) problems[at('interface')] = t.interfaceName;
      return;
    }
    if (r.kind === 'process' && splitCommand(r.command).length === 0) problems[at('command')] = t.required;
    if (r.kind === 'systemd' && !r.unit.trim()) problems[at('unit')] = t.required;
    const target = r.healthTarget.trim();
    if (r.healthKind === 'http' && !/^https?:\/\/\S+$/.test(target)) problems[at('healthTarget')] = t.healthUrl;
    if (r.healthKind === 'tcp' && !/^[\w.-]+:\d{1,5}$/.test(target)) problems[at('healthTarget')] = t.healthHostPort;
    if ((r.healthKind === 'command' || r.healthKind === 'systemd') && splitCommand(target).length === 0) problems[at('healthTarget')] = t.required;
  });
  return problems;
}

/** The form field each of the agent's problem phrases is about (its messages are "resources[0]: address must be…"). */
const SERVER_FIELDS: readonly [RegExp, (index: string) => string][] = [
  [/^resources\[(\d+)\]: (address|.* is already a VIP)/, (i) => `resources.${i}.address`],
  [/^resources\[(\d+)\]: interface/, (i) => `resources.${i}.interface`],
  [/^resources\[(\d+)\]: command/, (i) => `resources.${i}.command`],
  [/^resources\[(\d+)\]: health\./, (i) => `resources.${i}.healthTarget`],
  [/^resources\[(\d+)\]: unit/, (i) => `resources.${i}.unit`],
  [/^resources\[(\d+)\]: network/, (i) => `resources.${i}.address`],
  [/^resources\[(\d+)\]: (name|\S+ appears twice|\S+ already belongs)/, (i) => `resources.${i}.name`],
  [/^preferredNode/, () => 'preferredNode'],
  [/^(restart\.)?maxRestarts/, () => 'maxRestarts'],
  [/^name/, () => 'name'],
];

/**
 * Splits the agent's 400 message ("problem; problem") between the fields it names; what
 * names no field is returned as `rest`, shown above the form.
 */
export function serverProblems(message: string): { fields: FieldProblems; rest: string[] } {
  const fields: FieldProblems = {};
  const rest: string[] = [];
  for (const problem of message.split('; ').filter(Boolean)) {
    const hit = SERVER_FIELDS.map(([pattern, field]) => [pattern.exec(problem), field] as const).find(([match]) => match);
    if (!hit) {
      rest.push(problem);
      continue;
    }
    const [match, field] = hit;
    const key = field(match?.[1] ?? '');
    const text = problem.replace(/^resources\[\d+\]: /, '');
    fields[key] = fields[key] ? `${fields[key]}; ${text}` : text;
  }
  return { fields, rest };
}
