import type { Schemas } from '@sfha/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from './api-client';
import { fencingKeys } from './query-keys';

/** Whether fencing is on, its devices, and each node's power as last seen. */
export function useFencingStatusQuery(enabled = true) {
  return useQuery({ queryKey: fencingKeys.status(), queryFn: () => call(api.GET('/api/v1/fencing/status')), enabled, refetchInterval: 5_000 });
}

/** This node's watchdog and every member's: armed or not, and its fence devices (the overview's unprotected nodes). */
export function useWatchdogStatusQuery() {
  return useQuery({ queryKey: fencingKeys.watchdog(), queryFn: () => call(api.GET('/api/v1/watchdog')), refetchInterval: 5_000 });
}

export function useFencingHistoryQuery() {
  return useQuery({ queryKey: fencingKeys.history(), queryFn: () => call(api.GET('/api/v1/fencing/history')), refetchInterval: 10_000 });
}

/** A fence agent's parameters (what the device form is built from); asked only once an agent is named. */
export function useFenceAgentQuery(agent: string | null) {
  return useQuery({
    queryKey: fencingKeys.agent(agent ?? ''),
    queryFn: () => call(api.GET('/api/v1/fencing/agents/{agent}', { params: { path: { agent: agent ?? '' } } })),
    enabled: agent !== null,
    retry: false,
    staleTime: Infinity,
  });
}

function useFencingMutation<T, V>(mutationFn: (variables: V) => Promise<T>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => queryClient.invalidateQueries({ queryKey: fencingKeys.all }) });
}

export function usePutFenceDeviceMutation() {
  return useFencingMutation(({ name, body }: { name: string; body: Schemas['PutFenceDeviceDto'] }) => call(api.PUT('/api/v1/fencing/devices/{name}', { params: { path: { name } }, body })));
}

export function useDeleteFenceDeviceMutation() {
  return useFencingMutation((name: string) => call(api.DELETE('/api/v1/fencing/devices/{name}', { params: { path: { name } } })));
}

/** Fences (`off`) or unfences (`on`) a node. */
export function useFenceNodeMutation() {
  return useFencingMutation(({ node, action }: { node: string; action: 'off' | 'on' }) =>
    action === 'on'
      ? call(api.POST('/api/v1/fencing/nodes/{node}/unfence', { params: { path: { node } } }))
      : call(api.POST('/api/v1/fencing/nodes/{node}/fence', { params: { path: { node } }, body: { action } })),
  );
}

/** Sets the order in which a node's devices are tried (empty: back to the default, by name). */
export function usePutFenceLevelsMutation() {
  return useFencingMutation(({ node, devices }: { node: string; devices: string[] }) => call(api.PUT('/api/v1/fencing/levels/{node}', { params: { path: { node } }, body: { devices } })));
}
