import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, call } from './api-client';

/** The cluster config as one document, secrets masked (an export with secrets stays a CLI matter: sfha config export --with-secrets). */
export function useExportConfigMutation() {
  return useMutation({ mutationFn: () => call(api.GET('/api/v1/cluster/config/export')) });
}

/** Checks a document (dryRun) or commits it as one change; an applied import changes everything the dashboard shows. */
export function useImportConfigMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { document: string; dryRun: boolean }) => call(api.POST('/api/v1/cluster/config/import', { body })),
    onSuccess: (result) => (result.applied ? queryClient.invalidateQueries() : undefined),
  });
}
