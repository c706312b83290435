import { describe, expect, it } from 'vitest';
import { classifyEvent, EVENT_META, type EventCode, type EventParams } from './event-catalogue';
import { renderEvent } from './render-event';

const ref = { group: 'web', resource: 'web-vip', node: 'node2' };
const fence = { node: 'node1', device: 'pdu', ms: 812, requestedBy: 'leader', exitCode: 0 };
/** One example per code: a code added to the catalogue without an example here does not compile. */
const EXAMPLES: { [C in EventCode]: EventParams[C] } = {
  'quorum.gained': { votes: 3, expected: 3 },
  'quorum.lost': { votes: 1, expected: 3 },
  'node.joined': { node: 'node3' },
  'node.left': { node: 'node1' },
  'node.draining': { node: 'node1', groups: ['db', 'web'] },
  'node.drained': { node: 'node1', ms: 4210 },
  'node.drain-timeout': { node: 'node1', groups: ['web'], ms: 120000 },
  'node.stopping-groups': { node: 'node1', groups: ['web'], reason: 'no-other-node' },
  'node.undrained-at-start': { node: 'node1' },
  'node.frozen': { node: 'node1', groups: ['web'] },
  'node.thawed-at-start': { node: 'node1' },
  'leader.elected': { leader: 'node2' },
  'leader.none': {},
  'config.changed': { generation: 7, change: { kind: 'move', group: 'web', node: 'node2' } },
  'mesh.member-joined': { node: 'node2', meshIp: '10.100.0.2', endpoint: '192.0.2.2:51820', invitedBy: 'node1', invitation: 'inv1' },
  'auth.password-set': { ip: '127.0.0.1' },
  'auth.password-changed': { ip: '127.0.0.1' },
  'fence.departed-fenced': { node: 'node1' },
  'fence.departed-not-fenced': { node: 'node1', error: 'exit code 1' },
  'fence.watchdog-confirmed': { node: 'node1', waitedMs: 10_040, timeoutMs: 5_000 },
  'fence.confirmed': { ...fence, action: 'off' },
  'fence.failed': { ...fence, action: 'reboot', exitCode: 1 },
  'unfence.confirmed': fence,
  'unfence.failed': { ...fence, exitCode: 1 },
  'placement.changed': { assignments: { web: 'node2', db: null } },
  'group.unplaceable': { group: 'db', reason: { kind: 'no-eligible-node' } },
  'group.waiting': { group: 'app', node: 'node2', waitingFor: ['db'] },
  'resource.started': ref,
  'resource.stopped': { ...ref, reason: 'no-quorum' },
  'resource.action-failed': { ...ref, step: 'start', error: 'exit code 1' },
  'health.changed': { ...ref, status: 'unhealthy', detail: 'HTTP 500' },
  'health.restarted': { ...ref, cause: { kind: 'stopped-running' }, restartError: null, attempt: 1, max: 3 },
  'health.gave-up': { ...ref, cause: { kind: 'unhealthy', detail: 'HTTP 500' }, max: 3 },
  'event.legacy': { text: 'something' },
  'user.created': { name: 'oscar', role: 'operator' },
  'user.removed': { name: 'oscar' },
  'user.role-changed': { name: 'oscar', role: 'viewer' },
  'user.password-changed': { name: 'oscar' },
  'user.sessions-ended': { name: 'oscar' },
  'api-token.created': { name: 'backup', owner: 'alice', role: 'viewer' },
  'api-token.revoked': { name: 'backup', owner: 'alice' },
  'user.totp-enabled': { name: 'alice' },
  'user.totp-disabled': { name: 'alice' },
  'auth.recovery-code-used': { name: 'alice', left: 9 },
  'auth.user-locked': { name: 'alice', failures: 10, minutes: 15 },
};
const codes = Object.keys(EXAMPLES) as EventCode[];
// Words that would betray an untranslated sentence in French.
const ENGLISH = /\b(the|left|joined|started|stopped|failed|could|not|cannot|placed|changed|waiting|fenced|unfenced|confirmed|gained|lost|no|on)\b/;

describe('event texts', () => {
  it('every code renders in both languages, the French one without English words', () => {
    for (const code of codes) {
      const event = { code, params: EXAMPLES[code] };
      const fr = renderEvent('fr', event);
      const en = renderEvent('en', event);
      expect(en, code).not.toBe(fr);
      if (code !== 'event.legacy') expect(fr, `${code}: ${fr}`).not.toMatch(ENGLISH);
    }
  });

  it('keeps the English texts the agent always logged (scripts match them)', () => {
    expect(renderEvent('en', { code: 'node.left', params: { node: 'node1' } })).toBe('node1 left the membership');
    expect(renderEvent('en', { code: 'fence.confirmed', params: EXAMPLES['fence.confirmed'] })).toBe('node1 fenced (off): confirmed in 812 ms');
    expect(renderEvent('en', { code: 'placement.changed', params: EXAMPLES['placement.changed'] })).toBe('placement: web → node2, db → nowhere');
    expect(renderEvent('en', { code: 'resource.stopped', params: { ...ref, reason: 'removed' } })).toBe('web/web-vip stopped on node2 (removed from the configuration)');
    expect(renderEvent('fr', { code: 'node.left', params: { node: 'node1' } })).toBe('node1 a quitté le cluster');
  });

  it('shows an unknown code or mismatched parameters as code and parameters', () => {
    expect(renderEvent('fr', { code: 'from.the-future', params: { a: 1 } })).toBe('from.the-future {"a":1}');
    expect(renderEvent('en', { code: 'placement.changed', params: null })).toBe('placement.changed {}');
  });

  it('takes category and severity from the catalogue, some from the parameters', () => {
    expect(classifyEvent({ code: 'node.left', params: { node: 'n' } })).toEqual({ category: 'membership', severity: 'warn' });
    expect(classifyEvent({ code: 'resource.stopped', params: { ...ref, reason: 'no-quorum' } }).severity).toBe('warn');
    expect(classifyEvent({ code: 'resource.stopped', params: { ...ref, reason: 'not-assigned' } }).severity).toBe('info');
    expect(Object.keys(EVENT_META).sort()).toEqual([...codes].sort());
  });
});
