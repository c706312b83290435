import type { Schemas } from '@sfha/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from './api-client';
import { authKeys } from './query-keys';
import { sessionStore } from './session-store';

export function useAuthStateQuery() {
  return useQuery({ queryKey: authKeys.state(), queryFn: () => call(api.GET('/api/v1/auth/state')) });
}

function startSession(token: Schemas['TokenDto']): void {
  sessionStore.start(token.accessToken, token.expiresAt);
}

export function useSetupMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['SetupDto']) => call(api.POST('/api/v1/auth/setup', { body })),
    onSuccess: async (token) => {
      startSession(token);
      await queryClient.invalidateQueries({ queryKey: authKeys.all });
    },
  });
}

export function useLoginMutation() {
  return useMutation({
    mutationFn: (body: Schemas['LoginDto']) => call(api.POST('/api/v1/auth/login', { body })),
    onSuccess: startSession,
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return () => {
    sessionStore.end();
    queryClient.clear();
  };
}
