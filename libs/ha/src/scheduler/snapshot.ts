import type { ClusterConfig, ConfigChange } from '../cluster-config';
import type { HealthState, HealthStatus } from '../health';
import type { Observed } from '../local-plan';
import type { Resource, ResourceGroup } from '../resources';

/**
 * The scheduler's input, output and memory (docs/architecture.md, "Scheduler"). Everything
 * here is plain data: a snapshot can be written down as a scenario file and replayed.
 */

/** A member as Corosync sees it. */
export interface MemberState {
  name: string;
  nodeId: number;
  online: boolean;
  /** A witness votes and never runs a group (witness.ts). */
  witness?: boolean;
}

/** This node's membership view (null: Corosync has not answered yet). */
export interface MembershipView {
  quorate: boolean;
  leader: string | null;
  nodes: MemberState[];
}

/** How a resource is doing on the node that runs it, as that node reports it. */
export interface ResourceHealth {
  status: HealthStatus | 'not-checked';
  detail: string;
  /** Local restarts within the group's restart window. */
  restarts: number;
}

/** What runs here: group → resource → running. */
export type LocalResourceState = Record<string, Record<string, boolean>>;

/** What a node reports to the others about what it runs. */
export interface NodeReport {
  running: LocalResourceState;
  health: Record<string, Record<string, ResourceHealth>>;
}

/** One fence, wherever it ran (the cluster-wide history). `at`: when it started, ms. */
export interface FenceRecord {
  node: string;
  action: 'off' | 'reboot' | 'on';
  ok: boolean;
  at: number;
}

/**
 * How a node can be fenced: the devices whose host map names it, and the watchdog it
 * advertises (armed, with its timeout), if any. The watchdog rule (a departed owner counts
 * as fenced 2 × its timeout after it left when no device can fence it) reads this.
 */
export interface FenceCapability {
  devices: string[];
  watchdogTimeoutMs: number | null;
}

/** A health probe's result, run by the engine since the last pass. */
export interface ProbeResult {
  ok: boolean;
  detail: string;
}

export interface Snapshot {
  /** This node's name. */
  self: string;
  /** When this agent started (ms): fences seen since a node left count; before any departure seen here, since this. */
  agentStartedAt: number;
  membership: MembershipView | null;
  /** This node adopted (leader) or caught up with (follower) the committed config of the present leadership. */
  configCurrent: boolean;
  /** The committed cluster config. */
  config: ClusterConfig;
  /** What runs here, per group and resource of the config (false: stopped, 'unknown': the probe failed). */
  observed: Record<string, Record<string, Observed>>;
  /** What runs here of retired resources (see `retiredKey`). */
  retiredObserved: Record<string, Observed>;
  /** Probe results since the last pass, by `group/resource`. */
  probes: Record<string, ProbeResult>;
  /** The nodes' reports, when gathered (null: asked, no answer; absent: not asked). Includes this node's own. */
  reports?: Record<string, NodeReport | null>;
  /** The cluster-wide fence history, when gathered. */
  fenceHistory?: FenceRecord[];
  /** By node. */
  capabilities: Record<string, FenceCapability>;
}

/** What the engine remembers between passes, as one value. */
export interface Memory {
  /** Who was online at the last pass, and when each departed node left (ms). */
  wasOnline: string[];
  leftAt: Record<string, number>;
  /** No new fence of this node before this time (ms). */
  nextFenceAttempt: Record<string, number>;
  /** `group/resource` this node started: a later "not running" is a failure. */
  started: string[];
  /** `group/resource` → times of local restarts. */
  restarts: Record<string, number[]>;
  /** `group/resource` → health hysteresis, the probe's last words, when it was last probed. */
  health: Record<string, { state: HealthState; detail: string; lastCheck: number }>;
  /** Groups that failed here past their restart policy: a ban was asked for, nothing restarts. */
  banRequested: string[];
  /** Why the leader could not place a group; why a group here waits to start: each said once. */
  blocked: Record<string, string>;
  waiting: Record<string, string>;
  /** The groups as this node last applied them, and what it must still stop of older ones. */
  applied: ResourceGroup[];
  retired: ResourceGroup[];
  /** node → when it left, for departures already counted as fenced by the watchdog rule (said and recorded once). */
  watchdogFenced?: Record<string, number>;
}

export const EMPTY_MEMORY: Memory = { wasOnline: [], leftAt: {}, nextFenceAttempt: {}, started: [], restarts: {}, health: {}, banRequested: [], blocked: {}, waiting: {}, applied: [], retired: [] };

/** One step on this host, in the order the engine runs them. */
export type Action =
  | { kind: 'start'; group: ResourceGroup; resource: Resource }
  | { kind: 'stop'; group: ResourceGroup; resource: Resource; why: StopReason }
  /** It failed here: stop then start it again (attempt of max within the window). */
  | { kind: 'restart'; group: ResourceGroup; resource: Resource; cause: FailureCause; attempt: number; max: number }
  /** Run its health check; the result comes back in the next snapshot's `probes`. */
  | { kind: 'probe'; group: ResourceGroup; resource: Resource };

/** A fence the leader orders (the gate of fence-policy.ts already passed). */
export interface FenceOrder {
  node: string;
  action: 'off';
  reason: string;
}

type ResourceRef = { group: string; resource: string; node: string };
/** Why a node stops a resource. */
export type StopReason = 'no-quorum' | 'config-not-current' | 'not-assigned' | 'removed' | 'agent-stopping';
/** What failed about a running resource. */
export type FailureCause = { kind: 'stopped-running' } | { kind: 'unhealthy'; detail: string };

/**
 * An event as data: a code and its parameters, exactly as the event catalogue of
 * libs/contracts types them (the agent records them as they are; the dashboard and the CLI
 * say them in French or English). `group.unplaceable` carries the placement's own words,
 * turned into the catalogue's reason by the agent.
 */
export type SchedulerEvent =
  | { code: 'fence.departed-fenced'; params: { node: string } }
  | { code: 'fence.departed-not-fenced'; params: { node: string; error: string } }
  /** sbd's rule applied: recorded in the fence history as a watchdog fence, with the wait. */
  | { code: 'fence.watchdog-confirmed'; params: { node: string; waitedMs: number; timeoutMs: number } }
  | { code: 'placement.changed'; params: { assignments: Record<string, string | null> } }
  | { code: 'group.unplaceable'; params: { group: string; reason: string } }
  | { code: 'group.waiting'; params: { group: string; node: string; waitingFor: string[] } }
  | { code: 'resource.started'; params: ResourceRef }
  | { code: 'resource.stopped'; params: ResourceRef & { reason: StopReason } }
  | { code: 'resource.action-failed'; params: ResourceRef & { step: 'start' | 'stop' | 'failed' | 'check-health'; error: string } }
  | { code: 'health.changed'; params: ResourceRef & { status: 'healthy' | 'unhealthy' | 'unknown'; detail: string } }
  | { code: 'health.restarted'; params: ResourceRef & { cause: FailureCause; restartError: string | null; attempt: number; max: number } }
  | { code: 'health.gave-up'; params: ResourceRef & { cause: FailureCause; max: number } };

/** Data the scheduler needs for this pass and was not given: gather it and decide again. */
export interface Wants {
  reports: string[];
  fenceHistory: boolean;
}

export interface Decision {
  actions: Action[];
  proposals: ConfigChange[];
  fences: FenceOrder[];
  events: SchedulerEvent[];
  memory: Memory;
  wants: Wants;
}

/** The key of a resource of a group in observations, probes and memory. */
export const resourceKey = (group: string, resource: string): string => `${group}/${resource}`;
