import { fenceLevelProblems } from './fence-levels';
import { webhookProblems, type WebhookTarget } from './fence-webhook';
import { constraintId, constraintProblems, constraintsNaming, type Constraint } from './constraints';
import type { ResourceGroup } from './resources';
import { DEFAULT_WATCHDOG_TIMEOUT_MS, watchdogTimeoutProblem, type WatchdogAdvert } from './watchdog';
import type { PortableConfig } from './config-document';
import { applyIdentityChange, identityProblems, type ApiTokenRecord, type ClusterUser, type IdentityChange } from './identity';
import { notifyTargetProblems, withNotifyTarget, type NotifyTarget } from './notify-targets';
import { managementAddressProblems, vipTakesManagementAddress, type ManagementAddress } from './management-address';

/** The replicated cluster configuration (docs/design.md §4). */
export interface ClusterSettings {
  /** Corosync token timeout, ms. */
  tokenMs: number;
  /** Corosync token coefficient, ms per node over two. */
  tokenCoefficientMs: number;
  /** No automatic fence this soon after an agent starts. */
  fenceStartupGraceMs: number;
  /** Minimum time between two fences of one node. */
  fenceMinDelayMs: number;
  /** At most this many fences in 5 minutes (storm limit). */
  fenceStormLimit: number;
  /** The timeout each node arms its watchdog with (whole seconds, in ms). */
  watchdogTimeoutMs: number;
  /** What a stopping node does with its groups: hand them over first, freeze them, or stop them (see shutdown-step.ts). */
  shutdownPolicy: ShutdownPolicy;
  /** One floating LAN address held by the leader for the dashboard and the API (management-address.ts); null: none. */
  managementAddress: ManagementAddress | null;
}

/** `migrate`: a stopping node hands its groups over first (no fence); `failover`: it stops them and the cluster recovers them. */
export const SHUTDOWN_POLICIES = ['migrate', 'freeze', 'failover'] as const;
export type ShutdownPolicy = (typeof SHUTDOWN_POLICIES)[number];

interface FenceDeviceBase {
  name: string;
  /** node name → plug (what the agent or webhook calls the node). */
  hostMap: Record<string, string>;
  timeoutSeconds: number;
}

/** A fence agent (fence_ipmilan…) with its parameters. `kind` is absent in configs written before webhooks. */
export interface AgentFenceDevice extends FenceDeviceBase {
  kind?: 'agent';
  agent: string;
  params: Record<string, string>;
}

/** An HTTP endpoint that speaks the webhook fence protocol (fence-webhook.ts). */
export interface WebhookFenceDevice extends FenceDeviceBase {
  kind: 'webhook';
  webhook: WebhookTarget;
}

/** A fence device, and the plug of each node it can fence. Both kinds follow the same safety rules. */
export type FenceDevice = AgentFenceDevice | WebhookFenceDevice;

export interface ClusterConfig {
  settings: ClusterSettings;
  fenceDevices?: FenceDevice[];
  groups?: ResourceGroup[];
  /** Where the leader placed each group. */
  assignments?: Record<string, string | null>;
  /** Admin pins: group → node (move), until cleared. */
  moves?: Record<string, string>;
  /** Nodes in standby: they run nothing and never lead. */
  standby?: string[];
  /**
   * Nodes that stopped cleanly under the `freeze` shutdown policy: their groups stay assigned
   * to them, stopped; nobody fences them or starts their groups elsewhere until they are back.
   */
  frozen?: string[];
  /** group → nodes where it failed past its restart policy (cleared by failover --clear). */
  bans?: Record<string, string[]>;
  /** The cluster leaves every resource alone (no start, stop, move or fence). */
  maintenance?: boolean;
  /** Colocation, anti-colocation and order constraints between groups. */
  constraints?: Constraint[];
  /** node → fence device names, tried in this order (the watchdog, when armed, comes last). */
  fenceLevels?: Record<string, string[]>;
  /** node → what it says of its watchdog (it writes its own entry: armed after arming, disarmed before disarming). */
  watchdogs?: Record<string, WatchdogAdvert>;
  /** Cluster-wide users (identity.ts); password hashes never leave the agents but through the signed peer replication. */
  users?: ClusterUser[];
  /** API tokens, as SHA-256 hashes. */
  apiTokens?: ApiTokenRecord[];
  /** Where the leader sends incident notifications (notify-targets.ts). */
  notifyTargets?: NotifyTarget[];
}

/** A change to the cluster config, as it travels to the leader. */
export type ConfigChange =
  | { kind: 'settings'; patch: Partial<ClusterSettings> }
  | { kind: 'put-fence-device'; device: FenceDevice }
  | { kind: 'delete-fence-device'; name: string }
  | { kind: 'put-group'; group: ResourceGroup }
  | { kind: 'delete-group'; name: string }
  | { kind: 'assign'; assignments: Record<string, string | null> }
  | { kind: 'move'; group: string; node: string | null }
  | { kind: 'standby'; node: string; on: boolean }
  | { kind: 'freeze'; node: string; on: boolean }
  | { kind: 'maintenance'; on: boolean }
  | { kind: 'ban'; group: string; node: string }
  | { kind: 'put-constraint'; constraint: Constraint }
  | { kind: 'delete-constraint'; id: string }
  | { kind: 'fence-levels'; node: string; devices: string[] }
  | { kind: 'watchdog'; node: string; advert: WatchdogAdvert }
  /** A whole imported config, committed as one change (checked in full before: config-document.ts). */
  | { kind: 'replace'; config: PortableConfig }
  | { kind: 'put-notify-target'; target: NotifyTarget }
  | { kind: 'delete-notify-target'; name: string }
  | IdentityChange;

export interface VersionedConfig {
  generation: number;
  config: ClusterConfig;
}

export const DEFAULT_CLUSTER_CONFIG: ClusterConfig = {
  settings: {
    tokenMs: 1000,
    tokenCoefficientMs: 0,
    fenceStartupGraceMs: 60_000,
    fenceMinDelayMs: 60_000,
    fenceStormLimit: 3,
    watchdogTimeoutMs: DEFAULT_WATCHDOG_TIMEOUT_MS,
    shutdownPolicy: 'migrate',
    managementAddress: null,
  },
  fenceDevices: [],
  groups: [],
  assignments: {},
  moves: {},
  bans: {},
  constraints: [],
  fenceLevels: {},
  watchdogs: {},
  users: [],
  apiTokens: [],
  notifyTargets: [],
  standby: [],
  frozen: [],
  maintenance: false,
};

/** A stored config with every field filled in (documents from older generations lack new ones). */
export function withDefaults(config: ClusterConfig): ClusterConfig {
  return { ...DEFAULT_CLUSTER_CONFIG, ...config, settings: { ...DEFAULT_CLUSTER_CONFIG.settings, ...config.settings } };
}

/** Votes a change needs: a majority of the members. */
export function majority(memberCount: number): number {
  return Math.floor(memberCount / 2) + 1;
}

/** Every problem of a settings patch, for one clear 400. Pure. */
export function settingsProblems(patch: Partial<ClusterSettings>): string[] {
  const problems: string[] = [];
  const check = (key: Exclude<keyof ClusterSettings, 'shutdownPolicy' | 'managementAddress'>, min: number, max: number) => {
    const value = patch[key];
    if (value !== undefined && (!Number.isInteger(value) || value < min || value > max)) problems.push(`${key} must be a whole number of ms from ${min} to ${max}`);
  };
  check('tokenMs', 200, 60_000);
  check('tokenCoefficientMs', 0, 5_000);
  check('fenceStartupGraceMs', 0, 600_000);
  check('fenceMinDelayMs', 0, 3_600_000);
  if (patch.watchdogTimeoutMs !== undefined) problems.push(...[watchdogTimeoutProblem(patch.watchdogTimeoutMs)].filter((p): p is string => p !== null));
  if (patch.fenceStormLimit !== undefined && (!Number.isInteger(patch.fenceStormLimit) || patch.fenceStormLimit < 1 || patch.fenceStormLimit > 1000))
    problems.push('fenceStormLimit must be a whole number from 1 to 1000');
  if (patch.shutdownPolicy !== undefined && !(SHUTDOWN_POLICIES as readonly string[]).includes(patch.shutdownPolicy)) problems.push(`shutdownPolicy must be one of ${SHUTDOWN_POLICIES.join(', ')}`);
  return problems;
}

/** The config with the patch applied. Pure. */
export function applySettings(config: ClusterConfig, patch: Partial<ClusterSettings>): ClusterConfig {
  return { ...config, settings: { ...config.settings, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } };
}

/** Among configs reported by the members, the one with the highest committed generation. */
export function highestCommitted(configs: readonly (VersionedConfig | null)[]): VersionedConfig | null {
  return configs.reduce<VersionedConfig | null>((best, c) => (c && (!best || c.generation > best.generation) ? c : best), null);
}

/**
 * What a new leader may adopt. Every committed generation was stored on a quorum, and any two
 * quorums share a member: once the leader and the members that answered make a quorum, the
 * highest committed config among them is the cluster's latest. With fewer answers it may be
 * behind (e.g. just back from a fence while the others committed without it), so it must
 * neither act nor judge a change on its own config yet. Pure.
 */
export function adoption(own: VersionedConfig, answers: readonly (VersionedConfig | null)[], quorum: number): { current: boolean; config: VersionedConfig } {
  const heard = answers.filter((a): a is VersionedConfig => a !== null);
  const config = highestCommitted([own, ...heard]) ?? own;
  return { current: 1 + heard.length >= Math.max(1, quorum), config };
}

const DEVICE_NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** Every problem of a change against the current config (shape only: agent parameters are checked against its metadata elsewhere). Pure. */
export function changeProblems(config: ClusterConfig, change: ConfigChange): string[] {
  switch (change.kind) {
    case 'settings': {
      const patch = change.patch ?? {};
      return [...settingsProblems(patch), ...(patch.managementAddress === undefined ? [] : managementAddressProblems(patch.managementAddress, config.groups ?? []))];
    }
    case 'put-fence-device': {
      const d = change.device;
      const problems: string[] = [];
      if (!d || typeof d.name !== 'string' || !DEVICE_NAME.test(d.name)) problems.push('name must be 1-63 lowercase letters, digits, dashes or underscores');
      else if (d.name === 'watchdog') problems.push('watchdog is reserved: the fence history names watchdog fences so');
      if (d?.kind !== undefined && d.kind !== 'agent' && d.kind !== 'webhook') problems.push('kind must be agent or webhook');
      else if (d?.kind === 'webhook') problems.push(...webhookProblems(d.webhook));
      else if (!d || typeof d.agent !== 'string' || !/^fence_[a-z0-9_]+$/.test(d.agent)) problems.push('agent must be a fence agent name (fence_…)');
      else if (!d.params || typeof d.params !== 'object') problems.push('params must be an object');
      if (!d?.hostMap || typeof d.hostMap !== 'object' || Object.keys(d.hostMap).length === 0) problems.push('hostMap must name at least one node and its plug');
      if (!Number.isInteger(d?.timeoutSeconds) || d.timeoutSeconds < 1 || d.timeoutSeconds > 600) problems.push('timeoutSeconds must be from 1 to 600');
      return problems;
    }
    case 'delete-fence-device':
      return (config.fenceDevices ?? []).some((d) => d.name === change.name) ? [] : [`no fence device named ${change.name}`];
    case 'put-group': {
      if (!change.group || typeof change.group !== 'object' || !Array.isArray(change.group.resources)) return ['a group is required'];
      const taken = vipTakesManagementAddress(change.group, config.settings.managementAddress);
      return taken ? [`${change.group.name}: ${taken}`] : [];
    }
    case 'delete-group': {
      if (!(config.groups ?? []).some((g) => g.name === change.name)) return [`no group named ${change.name}`];
      const naming = constraintsNaming(change.name, config.constraints ?? []);
      return naming.length > 0 ? [`group ${change.name} is used by constraint(s) ${naming.join(', ')}: remove them first`] : [];
    }
    case 'assign':
      return change.assignments && typeof change.assignments === 'object' ? [] : ['assignments are required'];
    case 'move':
      return (config.groups ?? []).some((g) => g.name === change.group) ? [] : [`no group named ${change.group}`];
    case 'standby':
      return typeof change.node === 'string' && typeof change.on === 'boolean' ? [] : ['standby needs a node and on/off'];
    case 'freeze':
      return typeof change.node === 'string' && typeof change.on === 'boolean' ? [] : ['freeze needs a node and on/off'];
    case 'maintenance':
      return typeof change.on === 'boolean' ? [] : ['maintenance needs on or off'];
    case 'ban':
      return (config.groups ?? []).some((g) => g.name === change.group) ? [] : [`no group named ${change.group}`];
    case 'put-constraint':
      return constraintProblems(change.constraint, config.groups ?? [], config.constraints ?? []);
    case 'delete-constraint':
      return (config.constraints ?? []).some((c) => constraintId(c) === change.id) ? [] : [`no constraint ${change.id} (see the list of constraints)`];
    case 'fence-levels': {
      // Membership is checked by the service (it knows the members); here, the devices.
      return fenceLevelProblems(change.node, change.devices, config.fenceDevices ?? [], [change.node]);
    }
    case 'watchdog': {
      const a = change.advert;
      if (!a || typeof a.armed !== 'boolean' || typeof a.device !== 'string') return ['a watchdog advert needs armed and device'];
      return [watchdogTimeoutProblem(a.timeoutMs)].filter((p): p is string => p !== null);
    }
    case 'replace':
      return change.config?.settings && typeof change.config.settings === 'object' ? settingsProblems(change.config.settings) : ['an imported config needs its settings'];
    case 'put-notify-target':
      return notifyTargetProblems(change.target);
    case 'delete-notify-target':
      return (config.notifyTargets ?? []).some((t) => t.name === change.name) ? [] : [`no notification target named ${change.name}`];
    case 'put-user':
    case 'delete-user':
    case 'put-api-token':
    case 'delete-api-token':
    case 'use-recovery-code':
      return identityProblems(config, change);
    default:
      return ['unknown change'];
  }
}

/** The whole config after an import: the document's admin-set fields, the live placement and bans of the groups it keeps. Pure. */
export function replacedConfig(current: ClusterConfig, imported: PortableConfig): ClusterConfig {
  const kept = new Set(imported.groups.map((g) => g.name));
  const keep = <T>(record: Record<string, T> | undefined) => Object.fromEntries(Object.entries(record ?? {}).filter(([group]) => kept.has(group)));
  return { ...current, ...imported, assignments: keep(current.assignments), bans: keep(current.bans) };
}

/** The config after a (valid) change. Pure. */
export function applyChange(config: ClusterConfig, change: ConfigChange): ClusterConfig {
  const devices = config.fenceDevices ?? [];
  switch (change.kind) {
    case 'settings':
      return applySettings(config, change.patch);
    case 'put-fence-device':
      return { ...config, fenceDevices: [...devices.filter((d) => d.name !== change.device.name), change.device].sort((a, b) => a.name.localeCompare(b.name)) };
    case 'delete-fence-device': {
      // Its levels go with it: a level never names a device that is gone.
      const levels = Object.entries(config.fenceLevels ?? {}).map(([node, names]) => [node, names.filter((n) => n !== change.name)] as const);
      return { ...config, fenceDevices: devices.filter((d) => d.name !== change.name), fenceLevels: Object.fromEntries(levels.filter(([, names]) => names.length > 0)) };
    }
    case 'put-group':
      return { ...config, groups: [...(config.groups ?? []).filter((g) => g.name !== change.group.name), change.group].sort((a, b) => a.name.localeCompare(b.name)) };
    case 'delete-group': {
      const assignments = { ...(config.assignments ?? {}) };
      delete assignments[change.name];
      return { ...config, groups: (config.groups ?? []).filter((g) => g.name !== change.name), assignments };
    }
    case 'assign':
      return { ...config, assignments: { ...change.assignments } };
    case 'move': {
      const moves = { ...(config.moves ?? {}) };
      const bans = { ...(config.bans ?? {}) };
      if (change.node === null) {
        // clear: the pin and the failure bans go.
        delete moves[change.group];
        delete bans[change.group];
      } else moves[change.group] = change.node;
      return { ...config, moves, bans };
    }
    case 'ban': {
      const bans = { ...(config.bans ?? {}) };
      bans[change.group] = [...new Set([...(bans[change.group] ?? []), change.node])].sort();
      return { ...config, bans };
    }
    case 'standby': {
      const standby = (config.standby ?? []).filter((n) => n !== change.node);
      return { ...config, standby: change.on ? [...standby, change.node].sort() : standby };
    }
    case 'freeze': {
      const frozen = (config.frozen ?? []).filter((n) => n !== change.node);
      return { ...config, frozen: change.on ? [...frozen, change.node].sort() : frozen };
    }
    case 'maintenance':
      return { ...config, maintenance: change.on };
    case 'put-constraint':
      return { ...config, constraints: [...(config.constraints ?? []), change.constraint] };
    case 'delete-constraint':
      return { ...config, constraints: (config.constraints ?? []).filter((c) => constraintId(c) !== change.id) };
    case 'fence-levels': {
      const levels = { ...(config.fenceLevels ?? {}) };
      if (change.devices.length === 0) delete levels[change.node];
      else levels[change.node] = [...change.devices];
      return { ...config, fenceLevels: levels };
    }
    case 'watchdog':
      return { ...config, watchdogs: { ...(config.watchdogs ?? {}), [change.node]: change.advert } };
    case 'replace':
      return replacedConfig(config, change.config);
    case 'put-notify-target':
      return { ...config, notifyTargets: withNotifyTarget(config.notifyTargets ?? [], change.target) };
    case 'delete-notify-target':
      return { ...config, notifyTargets: (config.notifyTargets ?? []).filter((t) => t.name !== change.name) };
    case 'put-user':
    case 'delete-user':
    case 'put-api-token':
    case 'delete-api-token':
    case 'use-recovery-code':
      return applyIdentityChange(config, change);
  }
}
