import type { Schemas } from '@sfha/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from './api-client';
import { identityKeys } from './query-keys';
import { sessionStore } from './session-store';

export type Role = Schemas['UserDto']['role'];
const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

/** Whether `role` may do what `needed` may (the API refuses anyway: this only hides controls). */
export function roleAllows(role: Role | undefined, needed: Role): boolean {
  return role !== undefined && RANK[role] >= RANK[needed];
}

/** Who is logged in, with which role. */
export function useSessionQuery() {
  return useQuery({ queryKey: identityKeys.session(), queryFn: () => call(api.GET('/api/v1/auth/session')), staleTime: 30_000 });
}

/** The caller's role, undefined while loading. */
export function useRole(): Role | undefined {
  return useSessionQuery().data?.role;
}

export function useUsersQuery(enabled = true) {
  return useQuery({ queryKey: identityKeys.users(), queryFn: () => call(api.GET('/api/v1/users')), enabled });
}

function useIdentityChanged() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: identityKeys.all });
}

export function useCreateUserMutation() {
  const changed = useIdentityChanged();
  return useMutation({ mutationFn: (body: Schemas['CreateUserDto']) => call(api.POST('/api/v1/users', { body })), onSuccess: changed });
}

export function useDeleteUserMutation() {
  const changed = useIdentityChanged();
  return useMutation({ mutationFn: (name: string) => call(api.DELETE('/api/v1/users/{name}', { params: { path: { name } } })), onSuccess: changed });
}

export function useSetRoleMutation() {
  const changed = useIdentityChanged();
  return useMutation({ mutationFn: ({ name, role }: { name: string; role: Role }) => call(api.PUT('/api/v1/users/{name}/role', { params: { path: { name } }, body: { role } })), onSuccess: changed });
}

export function useSetPasswordMutation() {
  return useMutation({ mutationFn: ({ name, password }: { name: string; password: string }) => call(api.PUT('/api/v1/users/{name}/password', { params: { path: { name } }, body: { password } })) });
}

/** Changing one's own password ends one's sessions on every node: back to the login page. */
export function useChangeOwnPasswordMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['ChangePasswordDto']) => call(api.POST('/api/v1/auth/password', { body })),
    onSuccess: () => {
      sessionStore.end('expired');
      queryClient.clear();
    },
  });
}

/** Step one of two-factor enrolment: a new secret (and its QR code), shown once. */
export function useStartTotpMutation() {
  return useMutation({ mutationFn: () => call(api.POST('/api/v1/auth/totp/enrolment')) });
}

/** Step two: a first code turns it on; the answer holds the recovery codes, shown once. */
export function useConfirmTotpMutation() {
  const changed = useIdentityChanged();
  return useMutation({ mutationFn: (code: string) => call(api.POST('/api/v1/auth/totp/confirm', { body: { code } })), onSuccess: changed });
}

export function useDisableTotpMutation() {
  const changed = useIdentityChanged();
  return useMutation({ mutationFn: (body: Schemas['DisableTotpDto']) => call(api.POST('/api/v1/auth/totp/disable', { body })), onSuccess: changed });
}

/** An admin turns another user's two-factor login off (a lost phone). */
export function useResetTotpMutation() {
  const changed = useIdentityChanged();
  return useMutation({ mutationFn: (name: string) => call(api.DELETE('/api/v1/users/{name}/totp', { params: { path: { name } } })), onSuccess: changed });
}

export function useApiTokensQuery() {
  return useQuery({ queryKey: identityKeys.tokens(), queryFn: () => call(api.GET('/api/v1/api-tokens')) });
}

export function useCreateApiTokenMutation() {
  const changed = useIdentityChanged();
  return useMutation({ mutationFn: (body: Schemas['CreateApiTokenDto']) => call(api.POST('/api/v1/api-tokens', { body })), onSuccess: changed });
}

export function useRevokeApiTokenMutation() {
  const changed = useIdentityChanged();
  return useMutation({ mutationFn: (id: string) => call(api.DELETE('/api/v1/api-tokens/{id}', { params: { path: { id } } })), onSuccess: changed });
}
