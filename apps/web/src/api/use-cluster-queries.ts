import type { Schemas } from '@sfha/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from './api-client';
import { authKeys, clusterKeys, meshKeys, nodeKeys } from './query-keys';
import { sessionStore } from './session-store';

/** Membership, quorum and leader as Corosync sees them from this node (part of the first screen: main.tsx). */
export const clusterStatusQuery = queryOptions({ queryKey: clusterKeys.status(), queryFn: () => call(api.GET('/api/v1/cluster/status')), staleTime: 1_000 });

export function useClusterStatusQuery(enabled = true) {
  return useQuery({ ...clusterStatusQuery, enabled, refetchInterval: 2_000 });
}

/** After init or join, everything about this node changes. */
function useJoinedCluster() {
  const queryClient = useQueryClient();
  return () => Promise.all([nodeKeys.all, clusterKeys.all, meshKeys.all].map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}

/** Sessions are signed with the cluster's key once it exists: the tab keeps the renewed one the agent returns. */
export function useInitClusterMutation() {
  const joined = useJoinedCluster();
  return useMutation({
    mutationFn: (body: Schemas['InitClusterDto']) => call(api.POST('/api/v1/cluster/init', { body })),
    onSuccess: async (result) => {
      if (result.session) sessionStore.start(result.session.accessToken, result.session.expiresAt);
      await joined();
    },
  });
}

/** A node that joins adopts the cluster's users: its own account and session end, one logs in with a cluster account. */
export function useJoinClusterMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['JoinDto']) => call(api.POST('/api/v1/cluster/join', { body })),
    onMutate: () => {
      sessionStore.joining(true);
      return { token: sessionStore.token() };
    },
    onError: () => sessionStore.joining(false),
    onSuccess: async (_result, _body, started) => {
      // Logged in again meanwhile (with a cluster account): that session stays.
      if (sessionStore.endIfStill(started.token, 'joined')) queryClient.clear();
      await queryClient.invalidateQueries({ queryKey: authKeys.all });
    },
  });
}
