import type { Schemas } from '@sfha/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from './api-client';
import { clusterKeys, meshKeys, nodeKeys } from './query-keys';

/** Membership, quorum and leader as Corosync sees them from this node. */
export function useClusterStatusQuery(enabled = true) {
  return useQuery({ queryKey: clusterKeys.status(), queryFn: () => call(api.GET('/api/v1/cluster/status')), enabled, refetchInterval: 2_000 });
}

/** After init or join, everything about this node changes. */
function useJoinedCluster() {
  const queryClient = useQueryClient();
  return () => Promise.all([nodeKeys.all, clusterKeys.all, meshKeys.all].map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}

export function useInitClusterMutation() {
  const joined = useJoinedCluster();
  return useMutation({ mutationFn: (body: Schemas['InitClusterDto']) => call(api.POST('/api/v1/cluster/init', { body })), onSuccess: joined });
}

export function useJoinClusterMutation() {
  const joined = useJoinedCluster();
  return useMutation({ mutationFn: (body: Schemas['JoinDto']) => call(api.POST('/api/v1/cluster/join', { body })), onSuccess: joined });
}
