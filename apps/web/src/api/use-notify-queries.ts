import type { Schemas } from '@sfha/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from './api-client';
import { notifyKeys } from './query-keys';

/** Notification targets (secrets come back as "********"). */
export function useNotifyTargetsQuery() {
  return useQuery({ queryKey: notifyKeys.targets(), queryFn: () => call(api.GET('/api/v1/notifications/targets')) });
}

/** What this node sent (the leader sends), newest first. */
export function useNotifyDeliveriesQuery() {
  return useQuery({ queryKey: notifyKeys.deliveries(), queryFn: () => call(api.GET('/api/v1/notifications/deliveries')), refetchInterval: 10_000 });
}

function useNotifyMutation<T, V>(mutationFn: (variables: V) => Promise<T>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => queryClient.invalidateQueries({ queryKey: notifyKeys.all }) });
}

export function usePutNotifyTargetMutation() {
  return useNotifyMutation(({ name, body }: { name: string; body: Schemas['PutNotifyTargetDto'] }) => call(api.PUT('/api/v1/notifications/targets/{name}', { params: { path: { name } }, body })));
}

export function useDeleteNotifyTargetMutation() {
  return useNotifyMutation((name: string) => call(api.DELETE('/api/v1/notifications/targets/{name}', { params: { path: { name } } })));
}

/** Sends a test message now; the delivery log gets it. */
export function useTestNotifyTargetMutation() {
  return useNotifyMutation((name: string) => call(api.POST('/api/v1/notifications/targets/{name}/test', { params: { path: { name } } })));
}
