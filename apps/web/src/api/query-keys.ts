/** Query-key factories, one per domain, so mutations can invalidate by prefix. */
export const authKeys = {
  all: ['auth'] as const,
  state: () => [...authKeys.all, 'state'] as const,
};

export const nodeKeys = {
  all: ['node'] as const,
  status: () => [...nodeKeys.all, 'status'] as const,
  health: () => [...nodeKeys.all, 'health'] as const,
};

export const clusterKeys = {
  all: ['cluster'] as const,
  status: () => [...clusterKeys.all, 'status'] as const,
};

export const meshKeys = {
  all: ['mesh'] as const,
  status: () => [...meshKeys.all, 'status'] as const,
  invitations: () => [...meshKeys.all, 'invitations'] as const,
};

export const eventKeys = {
  all: ['events'] as const,
  list: (category: string | null) => [...eventKeys.all, 'list', category ?? 'all'] as const,
};

/** Roots used by the live event stream (event-stream.ts): keep `resources` and `fencing` as the first element. */
export const resourceKeys = {
  all: ['resources'] as const,
  groups: () => [...resourceKeys.all, 'groups'] as const,
  clusterConfig: () => [...resourceKeys.all, 'cluster-config'] as const,
};

export const fencingKeys = {
  all: ['fencing'] as const,
  status: () => [...fencingKeys.all, 'status'] as const,
  history: () => [...fencingKeys.all, 'history'] as const,
  agent: (name: string) => [...fencingKeys.all, 'agent', name] as const,
};
