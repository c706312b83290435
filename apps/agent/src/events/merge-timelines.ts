import type { ClusterEvent } from '@sfha/contracts';
import type { EventFilter } from './events.repository';

/** Whether an event passes the timeline's filters (the same as the repository's SQL). */
export function matchesFilter(e: ClusterEvent, f: Omit<EventFilter, 'limit' | 'afterId'>): boolean {
  const about = (e.params as { node?: unknown }).node;
  return (!f.category || e.category === f.category) && (!f.severity || e.severity === f.severity) && (!f.node || e.origin === f.node || about === f.node) && (!f.user || e.user === f.user);
}

/**
 * Pure: every member's timeline as one, newest first (time, then origin and id, so every node
 * orders ties the same way), each event once (origin + id), filtered, at most `limit`.
 */
export function mergeTimelines(lists: readonly (readonly ClusterEvent[])[], filter: Omit<EventFilter, 'afterId'>): ClusterEvent[] {
  const seen = new Map<string, ClusterEvent>();
  for (const list of lists) for (const e of list) if (matchesFilter(e, filter)) seen.set(`${e.origin}#${e.id}`, e);
  return [...seen.values()].sort((a, b) => b.at.localeCompare(a.at) || a.origin.localeCompare(b.origin) || b.id - a.id).slice(0, filter.limit);
}

/** A member's answer, checked: only well-formed events it says it recorded itself. */
export function eventsFrom(member: string, body: unknown): ClusterEvent[] {
  if (!Array.isArray(body)) return [];
  return body.filter(
    (e): e is ClusterEvent =>
      typeof e === 'object' &&
      e !== null &&
      typeof (e as ClusterEvent).id === 'number' &&
      typeof (e as ClusterEvent).at === 'string' &&
      typeof (e as ClusterEvent).code === 'string' &&
      (e as ClusterEvent).origin === member &&
      typeof (e as ClusterEvent).params === 'object',
  );
}
