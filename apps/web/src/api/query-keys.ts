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
