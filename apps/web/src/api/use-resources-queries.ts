import type { Schemas } from '@sfha/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from './api-client';
import { resourceKeys } from './query-keys';

/** Resource groups with owner, state and health; the live stream refreshes them. */
export function useResourceGroupsQuery(enabled = true) {
  return useQuery({ queryKey: resourceKeys.groups(), queryFn: () => call(api.GET('/api/v1/resources/groups')), enabled, refetchInterval: 5_000 });
}

/** Why a group runs where it runs, or why it is stopped (the scheduler's own reasons, in French and English). */
export function useGroupWhyQuery(name: string) {
  return useQuery({ queryKey: resourceKeys.why(name), queryFn: () => call(api.GET('/api/v1/resources/groups/{name}/why', { params: { path: { name } } })), refetchInterval: 5_000 });
}

/** Standby nodes and maintenance mode (the committed cluster configuration). */
export function useClusterConfigQuery() {
  return useQuery({ queryKey: resourceKeys.clusterConfig(), queryFn: () => call(api.GET('/api/v1/cluster/config')), refetchInterval: 5_000 });
}

/** Every admin action here changes placement: the groups and the configuration are refetched. */
function useResourceMutation<T, V>(mutationFn: (variables: V) => Promise<T>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => queryClient.invalidateQueries({ queryKey: resourceKeys.all }) });
}

const group = (name: string) => ({ params: { path: { name } } });

export function usePutGroupMutation() {
  return useResourceMutation(({ name, body }: { name: string; body: Schemas['PutGroupDto'] }) => call(api.PUT('/api/v1/resources/groups/{name}', { ...group(name), body })));
}

export function useDeleteGroupMutation() {
  return useResourceMutation((name: string) => call(api.DELETE('/api/v1/resources/groups/{name}', group(name))));
}

/** Moves a group to `node` (pinned there), or clears the pin with `node: null`. */
export function useMoveGroupMutation() {
  return useResourceMutation(({ name, node }: { name: string; node: string | null }) =>
    node === null ? call(api.DELETE('/api/v1/resources/groups/{name}/move', group(name))) : call(api.POST('/api/v1/resources/groups/{name}/move', { ...group(name), body: { node } })),
  );
}

export function useStandbyMutation() {
  return useResourceMutation(({ node, standby }: { node: string; standby: boolean }) =>
    call(api.POST(standby ? '/api/v1/cluster/nodes/{node}/standby' : '/api/v1/cluster/nodes/{node}/unstandby', { params: { path: { node } } })),
  );
}

export function useMaintenanceMutation() {
  return useResourceMutation((enabled: boolean) => call(api.PUT('/api/v1/cluster/maintenance', { body: { enabled } })));
}

/** What the cluster would do if nodes died, went into standby or groups moved: nothing is changed, nothing is cached. */
export function useSimulateMutation() {
  return useMutation({ mutationFn: (body: Schemas['SimulateDto']) => call(api.POST('/api/v1/ha/simulate', { body })) });
}
