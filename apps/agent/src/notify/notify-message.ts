import type { NotifyLanguage, NotifyLevel } from '@sfha/ha';
import type { Incident } from '../incidents/group-incidents';
import { NOTIFY_TEXT } from './notify-text';

export type NotifyEventKind = 'opened' | 'resolved' | 'test';

/** What is said, once per incident change (or test), before it is shaped for a target. */
export interface NotifyMessage {
  kind: NotifyEventKind;
  level: NotifyLevel;
  /** One line: `sfha <cluster>: incident opened — node node1 lost`. */
  title: string;
  /** Plain text lines: when, the fence, each group and its downtime. */
  text: string;
  incidentId: string | null;
  /** `node-lost`, `group-failed`, or `test`. */
  triggerKind: string;
  /** The node the incident is about (the sender for a test). */
  node: string;
}

/** What a message is made from. */
export interface MessageInput {
  kind: NotifyEventKind;
  incident: Incident | null;
  cluster: string;
  /** The node that sends (the leader, or the node a test was asked of). */
  sender: string;
  target: string;
  language: NotifyLanguage;
}

/** `2026-01-01T00:01:40.000Z` → `2026-01-01 00:01:40 UTC` (the same on every node, whatever its zone). */
const clock = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;

/** An incident opened is `warn`, `error` when a fence failed in it; resolved and tests are `info`. Pure. */
export function messageLevel(kind: NotifyEventKind, incident: Incident | null): NotifyLevel {
  if (kind !== 'opened' || !incident) return 'info';
  return incident.fences.some((f) => !f.ok) ? 'error' : 'warn';
}

/** The message in the target's language, with node, fence, groups and measured downtime. Pure. */
export function renderMessage(input: MessageInput): NotifyMessage {
  const t = NOTIFY_TEXT[input.language];
  const { incident } = input;
  if (input.kind === 'test' || !incident) {
    return { kind: 'test', level: 'info', title: `sfha ${input.cluster}: ${t.test}`, text: t.testBody(input.target, input.sender), incidentId: null, triggerKind: 'test', node: input.sender };
  }
  const trigger = incident.trigger;
  const about = trigger.kind === 'node-lost' ? t.nodeLost(trigger.node) : t.groupFailed(trigger.group, trigger.node);
  const lines = [t.openedAt(clock(incident.openedAt))];
  if (input.kind === 'resolved' && incident.resolvedAt) lines.push(t.resolvedAt(clock(incident.resolvedAt), t.seconds(Date.parse(incident.resolvedAt) - Date.parse(incident.openedAt))));
  if (trigger.kind === 'node-lost') lines.push(...(incident.fences.length === 0 ? [t.noFence] : incident.fences.map((f) => (f.ok ? t.fenceOk : t.fenceFailed)(f.node, f.device, t.seconds(f.ms)))));
  lines.push(
    ...(incident.groups.length === 0
      ? [t.noGroup]
      : incident.groups.map((g) =>
          g.to === null ? t.groupWaiting(g.group, g.from) : g.downtimeMs === null ? t.groupMoving(g.group, g.from, g.to) : t.groupServed(g.group, g.from, g.to, t.seconds(g.downtimeMs)),
        )),
  );
  lines.push(t.sentBy(input.sender), t.reference(incident.id));
  return {
    kind: input.kind,
    level: messageLevel(input.kind, incident),
    title: `sfha ${input.cluster}: ${input.kind === 'opened' ? t.opened : t.resolved} — ${about}`,
    text: lines.join('\n'),
    incidentId: incident.id,
    triggerKind: trigger.kind,
    node: trigger.node,
  };
}
