import { useQuery } from '@tanstack/react-query';
import { api, call } from './api-client';
import { fencingKeys } from './query-keys';

/** Whether fencing is on, its devices, and each node's power as last seen. */
export function useFencingStatusQuery(enabled = true) {
  return useQuery({ queryKey: fencingKeys.status(), queryFn: () => call(api.GET('/api/v1/fencing/status')), enabled, refetchInterval: 5_000 });
}
