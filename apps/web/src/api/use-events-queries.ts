import type { Schemas } from '@sfha/contracts';
import { useQuery } from '@tanstack/react-query';
import { api, call } from './api-client';
import { eventKeys } from './query-keys';

export type EventCategory = Schemas['EventDto']['category'];

// A record, so a category added to the API and missing here fails to compile.
const CATEGORY_SET: Record<EventCategory, true> = { membership: true, leader: true, resource: true, health: true, fencing: true, mesh: true, admin: true };
export const EVENT_CATEGORIES = Object.keys(CATEGORY_SET) as EventCategory[];

/** The newest events (up to 200), of one category or all; the live stream refreshes it. */
export function useEventsQuery(category: EventCategory | null) {
  return useQuery({
    queryKey: eventKeys.list(category),
    queryFn: () => call(api.GET('/api/v1/events', { params: { query: { limit: 200, ...(category ? { category } : {}) } } })),
  });
}
