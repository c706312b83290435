import { AttemptLimiter } from '../attempt-limiter';

/** The public or self-service routes that take a credential, each with its own count per address. */
export const CREDENTIAL_ROUTE_NAMES = ['setup', 'login', 'local', 'password', 'totp'] as const;
export type CredentialRoute = (typeof CREDENTIAL_ROUTE_NAMES)[number];

/** Per route and address: 5 failures a minute (a typo or two never waits, a guesser does). */
export const ADDRESS_LIMIT = { maxFailures: 5, windowMs: 60_000 } as const;
/** Per user, whatever the address and the node: 10 failures in 15 minutes lock the user out until they age. */
export const USER_LIMIT = { maxFailures: 10, windowMs: 15 * 60_000 } as const;

/**
 * What one node tells the others about a credential check (docs/architecture.md, "Rate limits and
 * lockout"). `ip` is null when it must not be shared: a loopback address means a different
 * machine on every node.
 */
export interface LoginSignal {
  route: CredentialRoute;
  outcome: 'failed' | 'succeeded';
  ip: string | null;
  user: string | null;
  /** ms since the epoch, on the node that saw the attempt. */
  at: number;
  /** A TOTP time step the user just logged in with: no node accepts it again. */
  totpStep: number | null;
}

export interface Wait {
  ms: number;
  /** Which limit holds: the caller's address on this route, or the user. */
  scope: 'address' | 'user';
}

const addressKey = (route: CredentialRoute, ip: string) => `${route} ${ip}`;

/**
 * The lockout rule, pure (the clock is passed in): failures counted per route × address and per
 * user, fed by this node's checks and by the other members' signals; plus the latest TOTP step
 * each user logged in with (the replay bound).
 */
export class LoginLimits {
  private readonly byAddress = new AttemptLimiter(ADDRESS_LIMIT.maxFailures, ADDRESS_LIMIT.windowMs);
  private readonly byUser = new AttemptLimiter(USER_LIMIT.maxFailures, USER_LIMIT.windowMs);
  private readonly totpSteps = new Map<string, number>();

  /** How long the caller must wait, and why; null when it may try. */
  wait(route: CredentialRoute, ip: string, user: string | null, now: number): Wait | null {
    const address = this.byAddress.retryAfterMs(addressKey(route, ip), now);
    const person = user === null ? 0 : this.byUser.retryAfterMs(user, now);
    if (address === 0 && person === 0) return null;
    return person >= address ? { ms: person, scope: 'user' } : { ms: address, scope: 'address' };
  }

  /**
   * Counts the attempt as failed before its (slow, asynchronous) check, or says how long to wait.
   * {@link succeed} undoes it. Counting afterwards let parallel attempts all pass the limit.
   */
  reserve(route: CredentialRoute, ip: string, user: string | null, now: number): Wait | null {
    const wait = this.wait(route, ip, user, now);
    if (wait) return wait;
    this.fail(route, ip, user, now);
    return null;
  }

  fail(route: CredentialRoute, ip: string | null, user: string | null, now: number): void {
    if (ip !== null) this.byAddress.fail(addressKey(route, ip), now);
    if (user !== null) this.byUser.fail(user, now);
  }

  succeed(route: CredentialRoute, ip: string | null, user: string | null): void {
    if (ip !== null) this.byAddress.succeed(addressKey(route, ip));
    if (user !== null) this.byUser.succeed(user);
  }

  /** True when the user is locked out now (to tell it once, when it starts). */
  userLocked(user: string, now: number): boolean {
    return this.byUser.retryAfterMs(user, now) > 0;
  }

  /** Another member's signal. A time ahead of this clock counts as now (a skewed clock cannot extend a lock). */
  apply(signal: LoginSignal, now: number): void {
    const at = Math.min(signal.at, now);
    if (signal.outcome === 'failed') this.fail(signal.route, signal.ip, signal.user, at);
    else this.succeed(signal.route, signal.ip, signal.user);
    if (signal.user !== null && signal.totpStep !== null) this.rememberTotpStep(signal.user, signal.totpStep);
  }

  /** The latest TOTP step the user logged in with anywhere in the cluster (as far as heard), or null. */
  lastTotpStep(user: string): number | null {
    return this.totpSteps.get(user) ?? null;
  }

  rememberTotpStep(user: string, step: number): void {
    this.totpSteps.set(user, Math.max(step, this.totpSteps.get(user) ?? step));
  }
}
