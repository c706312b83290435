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

  fail(caller: string, now: number): void {
    this.failures.set(caller, [...this.recent(caller, now), now]);
  }

  succeed(caller: string): void {
    this.failures.delete(caller);
  }

  private recent(caller: string, now: number): number[] {
    return (this.failures.get(caller) ?? []).filter((t) => t > now - this.windowMs);
  }
}
