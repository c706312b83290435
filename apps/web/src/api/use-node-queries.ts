import { useQuery } from '@tanstack/react-query';
import { api, call } from './api-client';
import { nodeKeys } from './query-keys';

export function useNodeStatusQuery() {
  return useQuery({ queryKey: nodeKeys.status(), queryFn: () => call(api.GET('/api/v1/status')), refetchInterval: 5_000 });
}

export function useHealthQuery() {
  return useQuery({ queryKey: nodeKeys.health(), queryFn: () => call(api.GET('/api/v1/health')), refetchInterval: 5_000 });
}
