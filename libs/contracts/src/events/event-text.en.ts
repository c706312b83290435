import type { ConfigChangeSummary, FailureCause, PlacementBlock, StopHereReason, StopReason } from './event-catalogue';
import { names, type EventTexts } from './event-text';

// The English texts are the agent's log lines too: scripts and tests match them, keep them stable.

const block = (b: PlacementBlock): string => {
  switch (b.kind) {
    case 'no-eligible-node':
      return 'no eligible node (online, quorate, not in standby)';
    case 'only-near':
      return `no eligible node left apart from ${names(b.groups)}`;
    case 'banned-everywhere':
      return `banned on every eligible node (${names(b.nodes)})`;
    case 'anchor-nowhere':
      return `colocated with ${b.anchor}, which runs nowhere`;
    case 'banned-where-anchor-runs':
      return `banned on ${b.node}, where ${b.anchor} (its anchor) runs`;
    case 'anchor-awaits-fence':
      return `colocated with ${b.anchor}, whose node left and is not fenced yet`;
    case 'other':
      return b.text;
  }
};

const STOP_HERE: Record<StopHereReason, string> = {
  'failover-policy': 'shutdown policy failover, the cluster recovers them',
  'no-other-node': 'no other eligible node to take them',
  'no-quorum': 'no quorum',
  maintenance: 'maintenance mode',
};
const STOP: Record<StopReason, string> = {
  'no-quorum': 'no quorum',
  'config-not-current': 'config not current',
  'not-assigned': 'assignment',
  removed: 'removed from the configuration',
  'agent-stopping': 'the agent stops',
};
const COULD_NOT = { start: 'could not start', stop: 'could not stop', failed: 'could not be restarted', 'check-health': 'could not be checked' } as const;
const cause = (c: FailureCause): string => (c.kind === 'stopped-running' ? 'it stopped running' : `unhealthy: ${c.detail}`);

const change = (c: ConfigChangeSummary): string => {
  switch (c.kind) {
    case 'settings':
      return `settings ${JSON.stringify(c.patch)}`;
    case 'put-fence-device':
      return `fence device ${c.device} (${c.agent}) set`;
    case 'delete-fence-device':
      return `fence device ${c.device} removed`;
    case 'put-group':
      return `group ${c.group} set`;
    case 'delete-group':
      return `group ${c.group} removed`;
    case 'move':
      return c.node ? `group ${c.group} moved to ${c.node}` : `group ${c.group} cleared`;
    case 'standby':
      return `${c.node} ${c.on ? 'in standby' : 'out of standby'}`;
    case 'maintenance':
      return `maintenance ${c.on ? 'on' : 'off'}`;
    case 'put-constraint':
      return `constraint ${c.id} set`;
    case 'delete-constraint':
      return `constraint ${c.id} removed`;
    case 'other':
      return c.name;
  }
};

export const EVENT_TEXT_EN: EventTexts = {
  'quorum.gained': () => 'quorum gained',
  'quorum.lost': () => 'quorum lost',
  'node.joined': (p) => `${p.node} joined the membership`,
  'node.left': (p) => `${p.node} left the membership${p.groups?.length ? ` (it ran ${p.groups.join(', ')})` : ''}`,
  'node.draining': (p) => `${p.node} stops: its groups move to other nodes first (${p.groups.join(', ')})`,
  'node.drained': (p) => `${p.node} drained in ${(p.ms / 1000).toFixed(1)} s: its groups run elsewhere, it stops`,
  'node.drain-timeout': (p) => `${p.node} stops before its groups moved (${p.groups.join(', ')}) after ${(p.ms / 1000).toFixed(0)} s`,
  'node.stopping-groups': (p) => `${p.node} stops its groups here (${p.groups.join(', ')}): ${STOP_HERE[p.reason]}`,
  'node.undrained-at-start': (p) => `${p.node} is back after a drained stop: out of standby`,
  'node.frozen': (p) => `${p.node} stops under the freeze policy: ${p.groups.join(', ')} stopped and kept for it (no move, no fence) until it is back`,
  'node.thawed-at-start': (p) => `${p.node} is back after a frozen stop: its groups start again`,
  'leader.elected': (p) => `leader: ${p.leader}`,
  'leader.none': () => 'no leader (no quorum)',
  'config.changed': (p) => `configuration changed: ${change(p.change)} (generation ${p.generation})`,
  'mesh.member-joined': (p) => `${p.node} joined the mesh${p.role === 'witness' ? ' as a witness' : ''} (invited by ${p.invitedBy})`,
  'auth.password-set': () => 'admin password set (first run)',
  'auth.password-changed': () => 'admin password changed',
  'fence.departed-fenced': (p) => `${p.node} left while owning resources: fenced, its groups move`,
  'fence.watchdog-confirmed': (p) => `${p.node} counts as fenced by its watchdog: ${p.waitedMs} ms since it left (2 × its ${p.timeoutMs} ms timeout), it has reset or runs nothing`,
  'fence.departed-not-fenced': (p) => `${p.node} left while owning resources and could not be fenced: its groups stay stopped (${p.error})`,
  'fence.confirmed': (p) => `${p.node} fenced (${p.action}): confirmed in ${p.ms} ms`,
  'fence.failed': (p) => `${p.node} fenced (${p.action}): FAILED in ${p.ms} ms`,
  'unfence.confirmed': (p) => `${p.node} unfenced: confirmed in ${p.ms} ms`,
  'unfence.failed': (p) => `${p.node} unfenced: FAILED in ${p.ms} ms`,
  'placement.changed': (p) =>
    `placement: ${Object.entries(p.assignments)
      .map(([g, n]) => `${g} → ${n ?? 'nowhere'}`)
      .join(', ')}`,
  'group.unplaceable': (p) => `${p.group} cannot be placed: ${block(p.reason)}`,
  'group.waiting': (p) => `${p.group} waiting for group ${names(p.waitingFor)} (order) before starting on ${p.node}`,
  'resource.started': (p) => `${p.group}/${p.resource} started on ${p.node}`,
  'resource.stopped': (p) => `${p.group}/${p.resource} stopped on ${p.node} (${STOP[p.reason]})`,
  'resource.action-failed': (p) => `${p.group}/${p.resource} ${COULD_NOT[p.step]} on ${p.node}: ${p.error}`,
  'health.changed': (p) => `${p.group}/${p.resource} is ${p.status} on ${p.node} (${p.detail})`,
  'health.restarted': (p) => `${p.group}/${p.resource} failed on ${p.node} (${cause(p.cause)}): ${p.restartError ? `restart failed: ${p.restartError}` : 'restarted there'} (${p.attempt}/${p.max})`,
  'health.gave-up': (p) => `${p.group}/${p.resource} failed on ${p.node} (${cause(p.cause)}) past ${p.max} restarts: ${p.group} leaves ${p.node}`,
  'user.created': (p) => `user ${p.name} created (${p.role})`,
  'user.removed': (p) => `user ${p.name} removed`,
  'user.role-changed': (p) => `user ${p.name} is now ${p.role}`,
  'user.password-changed': (p) => `password of ${p.name} changed`,
  'user.sessions-ended': (p) => `sessions of ${p.name} ended`,
  'api-token.created': (p) => `API token "${p.name}" of ${p.owner} created (${p.role})`,
  'api-token.revoked': (p) => `API token "${p.name}" of ${p.owner} revoked`,
  'user.totp-enabled': (p) => `two-factor login enabled for ${p.name}`,
  'user.totp-disabled': (p) => `two-factor login disabled for ${p.name}`,
  'auth.recovery-code-used': (p) => `${p.name} logged in with a recovery code (${p.left} left)`,
  'auth.user-locked': (p) => `user ${p.name} locked out for ${p.minutes} min after ${p.failures} failed logins`,
  'event.legacy': (p) => p.text,
};
