import type { Schemas } from '@sfha/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from './api-client';
import { authKeys } from './query-keys';
import { sessionStore } from './session-store';

/** Whether this node asks for its first admin, or a login (part of the first screen: main.tsx). */
export const authStateQuery = queryOptions({ queryKey: authKeys.state(), queryFn: () => call(api.GET('/api/v1/auth/state')), staleTime: 1_000 });

export function useAuthStateQuery() {
  return useQuery(authStateQuery);
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
