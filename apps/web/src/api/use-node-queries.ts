import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, call } from './api-client';
import { nodeKeys } from './query-keys';

/** This node (part of the first screen: main.tsx). */
export const nodeStatusQuery = queryOptions({ queryKey: nodeKeys.status(), queryFn: () => call(api.GET('/api/v1/status')), staleTime: 1_000 });

export function useNodeStatusQuery() {
  return useQuery({ ...nodeStatusQuery, refetchInterval: 5_000 });
}

export function useHealthQuery() {
  return useQuery({ queryKey: nodeKeys.health(), queryFn: () => call(api.GET('/api/v1/health')), refetchInterval: 5_000 });
}
