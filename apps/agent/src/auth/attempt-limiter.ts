/**
 * Counts failed attempts per caller in a sliding window. Pure: the clock is passed in.
 * Used to slow down password and setup-code guessing.
 */
export class AttemptLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
  ) {}

  /** Milliseconds the caller must still wait, or 0 when it may try. */
  retryAfterMs(caller: string, now: number): number {
    const recent = this.recent(caller, now);
    if (recent.length < this.maxFailures) return 0;
    return (recent[recent.length - this.maxFailures] ?? now) + this.windowMs - now;
  }

  /**
   * Counts an attempt as failed before it is checked, or says how long to wait (ms, > 0).
   * The check (a password hash) is asynchronous: counting afterwards let fifty parallel
   * attempts all pass the limit before the first failure was recorded. {@link succeed} undoes it.
   */
  reserve(caller: string, now: number): number {
    const wait = this.retryAfterMs(caller, now);
    if (wait === 0) this.fail(caller, now);
    return wait;
  }

  fail(caller: string, now: number): void {
    this.failures.set(caller, [...this.recent(caller, now), now]);
    this.forgetExpired(now);
  }

  succeed(caller: string): void {
    this.failures.delete(caller);
  }

  private recent(caller: string, now: number): number[] {
    return (this.failures.get(caller) ?? []).filter((t) => t > now - this.windowMs);
  }

  /** Callers that never come back must not stay in memory forever. */
  private forgetExpired(now: number): void {
    for (const [caller, times] of this.failures) {
      if (times.every((t) => t <= now - this.windowMs)) this.failures.delete(caller);
    }
  }
}
