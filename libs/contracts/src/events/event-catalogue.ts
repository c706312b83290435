/**
 * The event catalogue (docs/design.md §5 "Events and incidents"): every event is a code with typed
 * parameters, a category and a severity. The agent records `{ code, params }`; the dashboard and
 * the CLI render it in French or English from ./event-text.*.ts, whose completeness the type
 * checker enforces (a code without a text in one language does not compile).
 */

export const EVENT_CATEGORIES = ['membership', 'leader', 'resource', 'health', 'fencing', 'mesh', 'admin', 'notification'] as const;
export type EventCategory = (typeof EVENT_CATEGORIES)[number];
export const EVENT_SEVERITIES = ['info', 'warn', 'error'] as const;
export type EventSeverity = (typeof EVENT_SEVERITIES)[number];

/** Why the leader could not place a group (from the placement's reasons). */
export type PlacementBlock =
  | { kind: 'no-eligible-node' }
  | { kind: 'only-near'; groups: string[] }
  | { kind: 'banned-everywhere'; nodes: string[] }
  | { kind: 'anchor-nowhere'; anchor: string }
  | { kind: 'banned-where-anchor-runs'; node: string; anchor: string }
  | { kind: 'anchor-awaits-fence'; anchor: string }
  /** A reason this catalogue does not know yet, as the placement said it. */
  | { kind: 'other'; text: string };

/** Why a node stops a resource. */
export type StopReason = 'no-quorum' | 'config-not-current' | 'not-assigned' | 'removed' | 'agent-stopping';

/** Why a stopping node stops its groups where they run instead of handing them over. */
export type StopHereReason = 'failover-policy' | 'no-other-node' | 'no-quorum' | 'maintenance';

/** What failed about a running resource. */
export type FailureCause = { kind: 'stopped-running' } | { kind: 'unhealthy'; detail: string };

/** A committed configuration change, as the timeline tells it. */
export type ConfigChangeSummary =
  | { kind: 'settings'; patch: Record<string, unknown> }
  | { kind: 'put-fence-device'; device: string; agent: string }
  | { kind: 'delete-fence-device'; device: string }
  | { kind: 'put-group'; group: string }
  | { kind: 'delete-group'; group: string }
  | { kind: 'move'; group: string; node: string | null }
  | { kind: 'standby'; node: string; on: boolean }
  | { kind: 'maintenance'; on: boolean }
  | { kind: 'put-constraint'; id: string }
  | { kind: 'delete-constraint'; id: string }
  /** A change kind this catalogue does not describe yet. */
  | { kind: 'other'; name: string };

export interface FenceParams {
  node: string;
  device: string;
  /** How long the device took. */
  ms: number;
  /** 'admin' (by hand) or 'leader' (a departed owner). */
  requestedBy: string;
  exitCode: number;
}

type ResourceRef = { group: string; resource: string; node: string };

/** Every event code and the type of its parameters. */
export interface EventParams {
  /** Votes as Corosync counts them (null when it did not say). */
  'quorum.gained': { votes: number | null; expected: number | null };
  'quorum.lost': { votes: number | null; expected: number | null };
  'node.joined': { node: string };
  /** `groups`: what the recorder's committed config placed on it then (events before it have none). */
  'node.left': { node: string; groups?: string[] };
  /** The agent stops (systemctl stop, a reboot): its groups move to other members first. */
  'node.draining': { node: string; groups: string[] };
  'node.drained': { node: string; ms: number };
  'node.drain-timeout': { node: string; groups: string[]; ms: number };
  /** The agent stops and stops its groups where they run, for `reason`. */
  'node.stopping-groups': { node: string; groups: string[]; reason: StopHereReason };
  /** Back after a drained stop: out of standby again. */
  'node.undrained-at-start': { node: string };
  'node.frozen': { node: string; groups: string[] };
  'node.thawed-at-start': { node: string };
  'leader.elected': { leader: string };
  'leader.none': Record<string, never>;
  'config.changed': { generation: number; change: ConfigChangeSummary };
  'mesh.member-joined': { node: string; meshIp: string; endpoint: string | null; invitedBy: string; invitation: string; role?: 'full' | 'witness' };
  'auth.password-set': { ip: string };
  'auth.password-changed': { ip: string };
  'fence.departed-fenced': { node: string };
  'fence.departed-not-fenced': { node: string; error: string };
  /** sbd's rule: 2 × its watchdog timeout passed since it left (`waitedMs`), so it has reset or runs nothing. */
  'fence.watchdog-confirmed': { node: string; waitedMs: number; timeoutMs: number };
  'fence.confirmed': FenceParams & { action: 'off' | 'reboot' };
  'fence.failed': FenceParams & { action: 'off' | 'reboot' };
  'unfence.confirmed': FenceParams;
  'unfence.failed': FenceParams;
  'placement.changed': { assignments: Record<string, string | null> };
  'group.unplaceable': { group: string; reason: PlacementBlock };
  'group.waiting': { group: string; node: string; waitingFor: string[] };
  /** `ms`: how long the start took (what `sfha simulate` predicts from). */
  'resource.started': ResourceRef & { ms?: number };
  'resource.stopped': ResourceRef & { reason: StopReason };
  'resource.action-failed': ResourceRef & { step: 'start' | 'stop' | 'failed' | 'check-health'; error: string };
  'health.changed': ResourceRef & { status: 'healthy' | 'unhealthy' | 'unknown'; detail: string };
  'health.restarted': ResourceRef & { cause: FailureCause; restartError: string | null; attempt: number; max: number };
  'health.gave-up': ResourceRef & { cause: FailureCause; max: number };
  /** An event recorded before events had codes: its English text as it was. */
  'event.legacy': { text: string };
  'user.created': { name: string; role: string };
  'user.removed': { name: string };
  'user.role-changed': { name: string; role: string };
  'user.password-changed': { name: string };
  'user.sessions-ended': { name: string };
  'api-token.created': { name: string; owner: string; role: string };
  'api-token.revoked': { name: string; owner: string };
  'user.totp-enabled': { name: string };
  'user.totp-disabled': { name: string };
  'auth.recovery-code-used': { name: string; left: number };
  'auth.user-locked': { name: string; failures: number; minutes: number };
}

export type EventCode = keyof EventParams;

interface CodeMeta<C extends EventCode> {
  category: EventCategory;
  severity: EventSeverity | ((params: EventParams[C]) => EventSeverity);
}

/** Category and severity of every code (a code missing here does not compile). */
export const EVENT_META: { [C in EventCode]: CodeMeta<C> } = {
  'quorum.gained': { category: 'membership', severity: 'info' },
  'quorum.lost': { category: 'membership', severity: 'warn' },
  'node.joined': { category: 'membership', severity: 'info' },
  'node.left': { category: 'membership', severity: 'warn' },
  'node.draining': { category: 'admin', severity: 'info' },
  'node.drained': { category: 'admin', severity: 'info' },
  'node.drain-timeout': { category: 'admin', severity: 'warn' },
  'node.stopping-groups': { category: 'admin', severity: 'warn' },
  'node.undrained-at-start': { category: 'admin', severity: 'info' },
  'node.frozen': { category: 'admin', severity: 'info' },
  'node.thawed-at-start': { category: 'admin', severity: 'info' },
  'leader.elected': { category: 'leader', severity: 'info' },
  'leader.none': { category: 'leader', severity: 'info' },
  'config.changed': { category: 'admin', severity: 'info' },
  'mesh.member-joined': { category: 'mesh', severity: 'info' },
  'auth.password-set': { category: 'admin', severity: 'info' },
  'auth.password-changed': { category: 'admin', severity: 'info' },
  'fence.departed-fenced': { category: 'fencing', severity: 'warn' },
  'fence.departed-not-fenced': { category: 'fencing', severity: 'error' },
  'fence.watchdog-confirmed': { category: 'fencing', severity: 'warn' },
  'fence.confirmed': { category: 'fencing', severity: 'warn' },
  'fence.failed': { category: 'fencing', severity: 'error' },
  'unfence.confirmed': { category: 'fencing', severity: 'warn' },
  'unfence.failed': { category: 'fencing', severity: 'error' },
  'placement.changed': { category: 'resource', severity: 'info' },
  'group.unplaceable': { category: 'resource', severity: 'warn' },
  'group.waiting': { category: 'resource', severity: 'info' },
  'resource.started': { category: 'resource', severity: 'info' },
  'resource.stopped': { category: 'resource', severity: (p) => (p.reason === 'no-quorum' ? 'warn' : 'info') },
  'resource.action-failed': { category: 'resource', severity: 'error' },
  'health.changed': { category: 'health', severity: (p) => (p.status === 'unhealthy' ? 'warn' : 'info') },
  'health.restarted': { category: 'health', severity: 'warn' },
  'health.gave-up': { category: 'health', severity: 'error' },
  'event.legacy': { category: 'admin', severity: 'info' },
  'user.created': { category: 'admin', severity: 'info' },
  'user.removed': { category: 'admin', severity: 'info' },
  'user.role-changed': { category: 'admin', severity: 'info' },
  'user.password-changed': { category: 'admin', severity: 'info' },
  'user.sessions-ended': { category: 'admin', severity: 'info' },
  'api-token.created': { category: 'admin', severity: 'info' },
  'api-token.revoked': { category: 'admin', severity: 'info' },
  'user.totp-enabled': { category: 'admin', severity: 'info' },
  'user.totp-disabled': { category: 'admin', severity: 'warn' },
  'auth.recovery-code-used': { category: 'admin', severity: 'warn' },
  'auth.user-locked': { category: 'admin', severity: 'warn' },
};

/** What a caller records: a code and its parameters, and who did it when a person or token did. */
export type EventInput = { [C in EventCode]: { code: C; params: EventParams[C]; user?: string } }[EventCode];

/** An event as stored and served: `id` is unique per `origin` (the node that recorded it). */
export type ClusterEvent = EventInput & {
  id: number;
  at: string;
  origin: string;
  category: EventCategory;
  severity: EventSeverity;
};

export function isEventCode(code: string): code is EventCode {
  return Object.prototype.hasOwnProperty.call(EVENT_META, code);
}

/** The category and severity an input gets from the catalogue. */
export function classifyEvent(input: EventInput): { category: EventCategory; severity: EventSeverity } {
  const meta = EVENT_META[input.code] as CodeMeta<EventCode>;
  const severity = typeof meta.severity === 'function' ? (meta.severity as (p: unknown) => EventSeverity)(input.params) : meta.severity;
  return { category: meta.category, severity };
}
