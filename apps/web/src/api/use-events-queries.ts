import type { Schemas } from '@sfha/contracts';
import { useQuery } from '@tanstack/react-query';
import { api, call } from './api-client';
import { eventKeys } from './query-keys';

export type EventCategory = Schemas['EventDto']['category'];

// A record, so a category added to the API and missing here fails to compile.
const CATEGORY_SET: Record<EventCategory, true> = { membership: true, leader: true, resource: true, health: true, fencing: true, mesh: true, admin: true, notification: true };
export const EVENT_CATEGORIES = Object.keys(CATEGORY_SET) as EventCategory[];

/**
 * The cluster timeline (every member merged), newest 200, of one category or all. This node's
 * live stream refreshes it; other members' events also arrive every 10 s.
 */
export function useEventsQuery(category: EventCategory | null) {
  return useQuery({
    queryKey: eventKeys.list(category),
    queryFn: () => call(api.GET('/api/v1/events', { params: { query: { limit: 200, ...(category ? { category } : {}) } } })),
    refetchInterval: 10_000,
  });
}

/** The cluster's incidents, newest first (refreshed with the events). */
export function useIncidentsQuery() {
  return useQuery({
    queryKey: eventKeys.incidents(),
    queryFn: () => call(api.GET('/api/v1/incidents')),
    refetchInterval: 10_000,
  });
}
