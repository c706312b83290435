/** Query-key factories, one per domain, so mutations can invalidate by prefix. */
export const authKeys = {
  all: ['auth'] as const,
  state: () => [...authKeys.all, 'state'] as const,
};

export const identityKeys = {
  all: ['identity'] as const,
  session: () => [...identityKeys.all, 'session'] as const,
  users: () => [...identityKeys.all, 'users'] as const,
  tokens: () => [...identityKeys.all, 'tokens'] as const,
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
  map: () => [...meshKeys.all, 'map'] as const,
  history: () => [...meshKeys.all, 'history'] as const,
  invitations: () => [...meshKeys.all, 'invitations'] as const,
};

export const eventKeys = {
  all: ['events'] as const,
  list: (category: string | null) => [...eventKeys.all, 'list', category ?? 'all'] as const,
  /** Under `events`: every event refreshes the incidents too. */
  incidents: () => [...eventKeys.all, 'incidents'] as const,
};

/** Roots used by the live event stream (event-stream.ts): keep `resources` and `fencing` as the first element. */
export const resourceKeys = {
  all: ['resources'] as const,
  groups: () => [...resourceKeys.all, 'groups'] as const,
  clusterConfig: () => [...resourceKeys.all, 'cluster-config'] as const,
  why: (name: string) => [...resourceKeys.all, 'why', name] as const,
};

export const fencingKeys = {
  all: ['fencing'] as const,
  status: () => [...fencingKeys.all, 'status'] as const,
  history: () => [...fencingKeys.all, 'history'] as const,
  watchdog: () => [...fencingKeys.all, 'watchdog'] as const,
  agent: (name: string) => [...fencingKeys.all, 'agent', name] as const,
};

export const notifyKeys = {
  all: ['notify'] as const,
  targets: () => [...notifyKeys.all, 'targets'] as const,
  deliveries: () => [...notifyKeys.all, 'deliveries'] as const,
};
