import { managementAddressProblems } from './management-address';
import { DEFAULT_CLUSTER_CONFIG, changeProblems, settingsProblems, type ClusterConfig, type ClusterSettings, type FenceDevice } from './cluster-config';
import { constraintId, constraintProblems, type Constraint } from './constraints';
import { fenceLevelProblems } from './fence-levels';
import { unmaskedValues } from './fence-secrets';
import { unmaskedWebhookUrl } from './fence-webhook';
import { groupProblems, type ResourceGroup } from './resources';
import { notifyTargetProblems, unmaskedNotifyTarget, type NotifyTarget } from './notify-targets';

/** What `sfha config export` writes and `sfha config import` reads (docs/backup.md). */
export const CONFIG_DOCUMENT_FORMAT = 'sfha-cluster-config';
/** The document's own version: raised when its layout changes, not with each release. */
export const CONFIG_DOCUMENT_VERSION = 1;

/**
 * The parts of the cluster config a document carries: what the admin set. Where the leader
 * placed each group and the failure bans are the cluster's own live decisions, so an import
 * keeps the ones in force (for the groups it keeps). A new admin-set field of the cluster
 * config joins this list (and {@link PortableConfig}) to travel with exports.
 */
export const PORTABLE_FIELDS = ['settings', 'fenceDevices', 'fenceLevels', 'groups', 'constraints', 'moves', 'standby', 'maintenance', 'notifyTargets'] as const;
/** Fields a document written by an older release may lack (read as empty). */
const OPTIONAL_PORTABLE_FIELDS: readonly string[] = ['notifyTargets'];

export interface PortableConfig {
  settings: ClusterSettings;
  fenceDevices: FenceDevice[];
  /** node → its fence devices, tried in order. */
  fenceLevels: Record<string, string[]>;
  groups: ResourceGroup[];
  constraints: Constraint[];
  moves: Record<string, string>;
  standby: string[];
  maintenance: boolean;
  notifyTargets: NotifyTarget[];
}

export interface ConfigDocument {
  format: typeof CONFIG_DOCUMENT_FORMAT;
  version: typeof CONFIG_DOCUMENT_VERSION;
  /** The cluster it came from (informative: a document may be imported into another cluster). */
  cluster: string;
  /** The committed generation it was taken from. */
  generation: number;
  exportedAt: string;
  /** The sfha release that wrote it. */
  sfhaVersion: string;
  /** masked: every secret is `********`, which an import replaces with the stored value. */
  secrets: 'masked' | 'included';
  config: PortableConfig;
}

const DOCUMENT_FIELDS = ['format', 'version', 'cluster', 'generation', 'exportedAt', 'sfhaVersion', 'secrets', 'config'];
const SETTINGS_FIELDS = Object.keys(DEFAULT_CLUSTER_CONFIG.settings);
/** Settings added after documents were first written: a document without them gets the default. */
const OPTIONAL_SETTINGS = ['managementAddress'];
const settingText = (value: unknown) => (value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value));

/** The admin-set part of a config. Pure. */
export function portableConfig(config: ClusterConfig): PortableConfig {
  return {
    settings: { ...DEFAULT_CLUSTER_CONFIG.settings, ...config.settings },
    fenceDevices: config.fenceDevices ?? [],
    fenceLevels: config.fenceLevels ?? {},
    groups: config.groups ?? [],
    constraints: config.constraints ?? [],
    moves: config.moves ?? {},
    standby: config.standby ?? [],
    maintenance: config.maintenance ?? false,
    notifyTargets: config.notifyTargets ?? [],
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const unknownFields = (where: string, value: Record<string, unknown>, known: readonly string[]): string[] =>
  Object.keys(value)
    .filter((k) => !known.includes(k))
    .map((k) => `unknown field ${where}${k} (known: ${known.join(', ')})`);

/**
 * A document's layout: JSON, the format and version this release reads, no unknown field,
 * each field of the right type. The content (groups, constraints…) is checked by
 * {@link documentProblems}. Pure.
 */
export function parseConfigDocument(text: string): { document: ConfigDocument } | { problems: string[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { problems: [`not JSON: ${(error as Error).message}`] };
  }
  if (!isObject(raw)) return { problems: ['not an sfha config document: a JSON object is expected'] };
  if (raw.format !== CONFIG_DOCUMENT_FORMAT) return { problems: [`not an sfha config document: format must be "${CONFIG_DOCUMENT_FORMAT}", got ${JSON.stringify(raw.format ?? null)}`] };
  if (raw.version !== CONFIG_DOCUMENT_VERSION) return { problems: [`document version ${JSON.stringify(raw.version ?? null)} is not supported: this sfha reads version ${CONFIG_DOCUMENT_VERSION}`] };
  const problems = unknownFields('', raw, DOCUMENT_FIELDS);
  if (raw.secrets !== 'masked' && raw.secrets !== 'included') problems.push('secrets must be "masked" or "included"');
  if (!isObject(raw.config)) return { problems: [...problems, 'config must be an object'] };
  const c = raw.config;
  problems.push(...unknownFields('config.', c, PORTABLE_FIELDS));
  for (const field of PORTABLE_FIELDS) if (!(field in c) && !OPTIONAL_PORTABLE_FIELDS.includes(field)) problems.push(`missing field config.${field}`);
  if (!('notifyTargets' in c)) c.notifyTargets = [];
  if (isObject(c.settings)) {
    problems.push(...unknownFields('config.settings.', c.settings, SETTINGS_FIELDS));
    for (const field of SETTINGS_FIELDS) if (!(field in c.settings) && !OPTIONAL_SETTINGS.includes(field)) problems.push(`missing field config.settings.${field}`);
    problems.push(...settingsProblems(c.settings as Partial<ClusterSettings>).map((p) => `config.settings: ${p}`));
    if (c.settings.managementAddress !== undefined) problems.push(...managementAddressProblems(c.settings.managementAddress, []).map((p) => `config.settings: ${p}`));
  } else if ('settings' in c) problems.push('config.settings must be an object');
  for (const field of ['fenceDevices', 'groups', 'constraints', 'standby', 'notifyTargets'] as const) if (field in c && !Array.isArray(c[field])) problems.push(`config.${field} must be a list`);
  if ('fenceLevels' in c && (!isObject(c.fenceLevels) || !Object.values(c.fenceLevels).every((v) => Array.isArray(v))))
    problems.push('config.fenceLevels must map node names to lists of fence devices');
  if ('moves' in c && (!isObject(c.moves) || !Object.values(c.moves).every((v) => typeof v === 'string'))) problems.push('config.moves must map group names to node names');
  if (Array.isArray(c.standby) && !c.standby.every((v) => typeof v === 'string')) problems.push('config.standby must list node names');
  if ('maintenance' in c && typeof c.maintenance !== 'boolean') problems.push('config.maintenance must be true or false');
  if (Array.isArray(c.groups))
    c.groups.forEach((g, i) =>
      !isObject(g) || typeof g.name !== 'string' || !Array.isArray(g.resources) || !g.resources.every(isObject)
        ? problems.push(`config.groups[${i}] must be a group with a name and a list of resources (objects)`)
        : undefined,
    );
  if (Array.isArray(c.fenceDevices))
    c.fenceDevices.forEach((d, i) => (!isObject(d) || typeof d.name !== 'string' ? problems.push(`config.fenceDevices[${i}] must be a fence device with a name`) : undefined));
  // Each target is checked whole later; here only what unmasking reads (a null item was a 500 at import).
  if (Array.isArray(c.notifyTargets))
    c.notifyTargets.forEach((t, i) =>
      !isObject(t) || typeof t.name !== 'string' || typeof t.kind !== 'string' ? problems.push(`config.notifyTargets[${i}] must be a notification target with a name and a kind`) : undefined,
    );
  if (Array.isArray(c.constraints)) c.constraints.forEach((k, i) => (!isObject(k) ? problems.push(`config.constraints[${i}] must be an object`) : undefined));
  return problems.length > 0 ? { problems } : { document: raw as unknown as ConfigDocument };
}

function duplicates(names: readonly string[]): string[] {
  return [...new Set(names.filter((n, i) => names.indexOf(n) !== i))];
}

/** Every problem of a whole portable config against the cluster's members. Pure. */
export function documentProblems(config: PortableConfig, members: readonly string[]): string[] {
  const problems: string[] = [];
  const memberList = members.join(', ');
  for (const name of duplicates(config.groups.map((g) => g.name))) problems.push(`group ${name} appears twice`);
  config.groups.forEach((g) => problems.push(...groupProblems(g, config.groups, members).map((p) => `group ${g.name}: ${p}`)));
  for (const name of duplicates(config.fenceDevices.map((d) => d.name))) problems.push(`fence device ${name} appears twice`);
  for (const device of config.fenceDevices) {
    problems.push(...changeProblems(DEFAULT_CLUSTER_CONFIG, { kind: 'put-fence-device', device }).map((p) => `fence device ${device.name}: ${p}`));
    for (const node of Object.keys(device.hostMap ?? {})) if (!members.includes(node)) problems.push(`fence device ${device.name}: hostMap names ${node}, not a member (members: ${memberList})`);
  }
  for (const [node, devices] of Object.entries(config.fenceLevels)) problems.push(...fenceLevelProblems(node, devices, config.fenceDevices, members).map((p) => `fenceLevels ${node}: ${p}`));
  const accepted: Constraint[] = [];
  config.constraints.forEach((constraint, i) => {
    const found = constraintProblems(constraint, config.groups, accepted);
    if (found.length > 0) problems.push(...found.map((p) => `constraints[${i}]: ${p}`));
    else accepted.push(constraint);
  });
  const groupNames = config.groups.map((g) => g.name);
  for (const [group, node] of Object.entries(config.moves)) {
    if (!groupNames.includes(group)) problems.push(`moves: no group named ${group}`);
    if (!members.includes(node)) problems.push(`moves: ${group} is pinned to ${node}, not a member (members: ${memberList})`);
  }
  for (const node of config.standby) if (!members.includes(node)) problems.push(`standby: ${node} is not a member (members: ${memberList})`);
  for (const name of duplicates(config.notifyTargets.map((t) => t.name))) problems.push(`notification target ${name} appears twice`);
  config.notifyTargets.forEach((t, i) => problems.push(...notifyTargetProblems(t).map((p) => `notifyTargets[${i}]: ${p}`)));
  return problems;
}

/**
 * The document's config with every `********` replaced by the value stored under the same
 * device and name; a mask with nothing stored behind it is a problem (export with secrets
 * to move them). Pure.
 */
export function unmaskedConfig(config: PortableConfig, stored: ClusterConfig): { config: PortableConfig; problems: string[] } {
  const problems: string[] = [];
  const fenceDevices = config.fenceDevices.map((device): FenceDevice => {
    const before = (stored.fenceDevices ?? []).find((d) => d.name === device.name);
    if (device.kind === 'webhook') {
      const old = before?.kind === 'webhook' ? before.webhook : undefined;
      const url = unmaskedWebhookUrl(String(device.webhook?.url ?? ''), old?.url);
      const headers = unmaskedValues('webhook header', device.webhook?.headers ?? {}, old?.headers);
      problems.push(...[...url.problems, ...headers.problems].map((p) => `fence device ${device.name}: ${p}`));
      return { ...device, webhook: { url: url.url, headers: headers.values } };
    }
    const params = unmaskedValues('param', device.params ?? {}, before?.kind === 'webhook' ? undefined : before?.params);
    problems.push(...params.problems.map((p) => `fence device ${device.name}: ${p}`));
    return { ...device, params: params.values };
  });
  const notifyTargets = config.notifyTargets.map((sent) => {
    const found = unmaskedNotifyTarget(
      sent,
      (stored.notifyTargets ?? []).find((t) => t.name === sent.name),
    );
    problems.push(...found.problems.map((p) => `notification target ${sent.name}: ${p}`));
    return found.target;
  });
  return { config: { ...config, fenceDevices, notifyTargets }, problems };
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function namedDiff<T>(what: string, before: readonly T[], after: readonly T[], name: (item: T) => string): string[] {
  const lines: string[] = [];
  const old = new Map(before.map((item) => [name(item), item]));
  const next = new Map(after.map((item) => [name(item), item]));
  for (const [key, item] of next) {
    if (!old.has(key)) lines.push(`+ ${what} ${key}`);
    else if (!same(old.get(key), item)) lines.push(`~ ${what} ${key}`);
  }
  for (const key of old.keys()) if (!next.has(key)) lines.push(`- ${what} ${key}`);
  return lines;
}

/**
 * What an import changes, one line each (`+` added, `-` removed, `~` changed). Names and
 * settings only: a fence device's parameters are never shown (secrets). Pure.
 */
export function configDiff(before: PortableConfig, after: PortableConfig): string[] {
  const lines: string[] = [];
  for (const key of SETTINGS_FIELDS as (keyof ClusterSettings)[])
    if (settingText(before.settings[key]) !== settingText(after.settings[key])) lines.push(`~ settings.${key}: ${settingText(before.settings[key])} → ${settingText(after.settings[key])}`);
  lines.push(...namedDiff('fence device', before.fenceDevices, after.fenceDevices, (d) => d.name));
  const levels = (l: Record<string, string[]>) => Object.entries(l).map(([node, devices]) => ({ node, devices }));
  lines.push(...namedDiff('fence levels of', levels(before.fenceLevels), levels(after.fenceLevels), (l) => l.node));
  lines.push(...namedDiff('group', before.groups, after.groups, (g) => g.name));
  lines.push(...namedDiff('constraint', before.constraints, after.constraints, constraintId));
  const pins = (moves: Record<string, string>) => Object.entries(moves).map(([group, node]) => ({ group, node }));
  lines.push(...namedDiff('move', pins(before.moves), pins(after.moves), (p) => `${p.group} → ${p.node}`));
  lines.push(...namedDiff('standby', before.standby, after.standby, (n) => n));
  lines.push(...namedDiff('notification target', before.notifyTargets, after.notifyTargets, (t) => t.name));
  if (before.maintenance !== after.maintenance) lines.push(`~ maintenance: ${before.maintenance ? 'on' : 'off'} → ${after.maintenance ? 'on' : 'off'}`);
  return lines;
}
