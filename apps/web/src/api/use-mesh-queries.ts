import type { Schemas } from '@sfha/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from './api-client';
import { clusterKeys, meshKeys } from './query-keys';

/** Handshakes and transfer move every second: polled every 2 s while the page is open. */
export function useMeshStatusQuery() {
  return useQuery({ queryKey: meshKeys.status(), queryFn: () => call(api.GET('/api/v1/mesh/status')), refetchInterval: 2_000 });
}

/** Every member's view of its links (each asked through the mesh): polled every 3 s while the page is open. */
export function useMeshMapQuery() {
  return useQuery({ queryKey: meshKeys.map(), queryFn: () => call(api.GET('/api/v1/mesh/map')), refetchInterval: 3_000 });
}

/** This node's links over the last hour (a sample every 30 s). */
export function useMeshHistoryQuery() {
  return useQuery({ queryKey: meshKeys.history(), queryFn: () => call(api.GET('/api/v1/mesh/history')), refetchInterval: 30_000 });
}

function useMeshChanged() {
  const queryClient = useQueryClient();
  return () => Promise.all([meshKeys.all, clusterKeys.all].map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}

export function useRemovePeerMutation() {
  const changed = useMeshChanged();
  return useMutation({ mutationFn: (name: string) => call(api.DELETE('/api/v1/mesh/peers/{name}', { params: { path: { name } } })), onSuccess: changed });
}

export function useRotateKeysMutation() {
  const changed = useMeshChanged();
  return useMutation({ mutationFn: () => call(api.POST('/api/v1/mesh/rotate-keys', { body: { phase: 'all' } })), onSuccess: changed });
}

export function useInvitationsQuery() {
  return useQuery({ queryKey: meshKeys.invitations(), queryFn: () => call(api.GET('/api/v1/mesh/invitations')), refetchInterval: 10_000 });
}

export function useCreateInvitationMutation() {
  const changed = useMeshChanged();
  return useMutation({ mutationFn: (body: Schemas['CreateInvitationDto']) => call(api.POST('/api/v1/mesh/invitations', { body })), onSuccess: changed });
}

export function useRevokeInvitationMutation() {
  const changed = useMeshChanged();
  return useMutation({ mutationFn: (id: string) => call(api.DELETE('/api/v1/mesh/invitations/{id}', { params: { path: { id } } })), onSuccess: changed });
}
