/** The scheduler's own timing rules (the fence gate's are in fence-policy.ts). docs/architecture.md, "Scheduler". */
export const SCHEDULER_POLICY = {
  /** A refused or failed fence of a node is tried again after this long. */
  fenceRetryMs: 10_000,
  /** A fence that started this long before the node was seen leaving still counts (clocks of two nodes). */
  departureSlackMs: 2_000,
} as const;
