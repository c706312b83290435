import { useQuery } from '@tanstack/react-query';
import { api, call } from './api-client';
import { resourceKeys } from './query-keys';

/** Resource groups with owner, state and health; the live stream refreshes them. */
export function useResourceGroupsQuery(enabled = true) {
  return useQuery({ queryKey: resourceKeys.groups(), queryFn: () => call(api.GET('/api/v1/resources/groups')), enabled, refetchInterval: 5_000 });
}
