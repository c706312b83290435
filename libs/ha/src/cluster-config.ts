import { webhookProblems, type WebhookTarget } from './fence-webhook';
import { constraintId, constraintProblems, constraintsNaming, type Constraint } from './constraints';
import type { ResourceGroup } from './resources';

/** The replicated cluster configuration (DESIGN.md §4). */
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
}

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
  /** group → nodes where it failed past its restart policy (cleared by failover --clear). */
  bans?: Record<string, string[]>;
  /** The cluster leaves every resource alone (no start, stop, move or fence). */
  maintenance?: boolean;
  /** Colocation, anti-colocation and order constraints between groups. */
  constraints?: Constraint[];
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
  | { kind: 'maintenance'; on: boolean }
  | { kind: 'ban'; group: string; node: string }
  | { kind: 'put-constraint'; constraint: Constraint }
  | { kind: 'delete-constraint'; id: string };

export interface VersionedConfig {
  generation: number;
  config: ClusterConfig;
}

export const DEFAULT_CLUSTER_CONFIG: ClusterConfig = {
  settings: { tokenMs: 1000, tokenCoefficientMs: 0, fenceStartupGraceMs: 60_000, fenceMinDelayMs: 60_000, fenceStormLimit: 3 },
  fenceDevices: [],
  groups: [],
  assignments: {},
  moves: {},
  bans: {},
  constraints: [],
  standby: [],
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
  const check = (key: keyof ClusterSettings, min: number, max: number) => {
    const value = patch[key];
    if (value !== undefined && (!Number.isInteger(value) || value < min || value > max)) problems.push(`${key} must be a whole number of ms from ${min} to ${max}`);
  };
  check('tokenMs', 200, 60_000);
  check('tokenCoefficientMs', 0, 5_000);
  check('fenceStartupGraceMs', 0, 600_000);
  check('fenceMinDelayMs', 0, 3_600_000);
  if (patch.fenceStormLimit !== undefined && (!Number.isInteger(patch.fenceStormLimit) || patch.fenceStormLimit < 1 || patch.fenceStormLimit > 1000)) problems.push('fenceStormLimit must be a whole number from 1 to 1000');
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

const DEVICE_NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** Every problem of a change against the current config (shape only: agent parameters are checked against its metadata elsewhere). Pure. */
export function changeProblems(config: ClusterConfig, change: ConfigChange): string[] {
  switch (change.kind) {
    case 'settings':
      return settingsProblems(change.patch ?? {});
    case 'put-fence-device': {
      const d = change.device;
      const problems: string[] = [];
      if (!d || typeof d.name !== 'string' || !DEVICE_NAME.test(d.name)) problems.push('name must be 1-63 lowercase letters, digits, dashes or underscores');
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
    case 'put-group':
      return change.group && typeof change.group === 'object' ? [] : ['a group is required'];
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
    case 'maintenance':
      return typeof change.on === 'boolean' ? [] : ['maintenance needs on or off'];
    case 'ban':
      return (config.groups ?? []).some((g) => g.name === change.group) ? [] : [`no group named ${change.group}`];
    case 'put-constraint':
      return constraintProblems(change.constraint, config.groups ?? [], config.constraints ?? []);
    case 'delete-constraint':
      return (config.constraints ?? []).some((c) => constraintId(c) === change.id) ? [] : [`no constraint ${change.id} (see the list of constraints)`];
    default:
      return ['unknown change'];
  }
}

/** The config after a (valid) change. Pure. */
export function applyChange(config: ClusterConfig, change: ConfigChange): ClusterConfig {
  const devices = config.fenceDevices ?? [];
  switch (change.kind) {
    case 'settings':
      return applySettings(config, change.patch);
    case 'put-fence-device':
      return { ...config, fenceDevices: [...devices.filter((d) => d.name !== change.device.name), change.device].sort((a, b) => a.name.localeCompare(b.name)) };
    case 'delete-fence-device':
      return { ...config, fenceDevices: devices.filter((d) => d.name !== change.name) };
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
    case 'maintenance':
      return { ...config, maintenance: change.on };
    case 'put-constraint':
      return { ...config, constraints: [...(config.constraints ?? []), change.constraint] };
    case 'delete-constraint':
      return { ...config, constraints: (config.constraints ?? []).filter((c) => constraintId(c) !== change.id) };
  }
}
