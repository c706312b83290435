import { Injectable, type OnModuleInit } from '@nestjs/common';
import { SettingsRepository } from '../database/settings.repository';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';
import { EventsService } from '../events/events.service';
import { tellOnlineMembers } from '../ha/ask-online-members';
import { ClusterMembership } from '../ha/cluster-membership.service';
import { JsonLogger } from '../logging/json-logger';
import { MeshFacade } from '../mesh/mesh.facade';
import { PeerApiServer } from '../peer/peer-api.server';
import { PeerClient } from '../peer/peer-client';
import { PEER_ROUTES } from '../peer/peer-routes';
import { isLoopback, type Caller } from './caller';
import { LoginLimits, USER_LIMIT, type CredentialRoute, type Wait } from './lockout/login-limits';

/** The public routes that take a credential, under the API prefix, and the count each feeds. */
export const CREDENTIAL_ROUTES: Readonly<Record<string, CredentialRoute>> = { 'auth/setup': 'setup', 'auth/login': 'login', 'auth/local': 'local' };

/**
 * Rate limits and lockout (docs/architecture.md, "Rate limits and lockout"): failures counted per
 * route × address and per user by {@link LoginLimits}, told to every online member over the peer
 * protocol, so a user locked on one node is locked on all. The root-local route is counted on
 * its own and never shared: junk sent to it cannot lock anyone's password login.
 */
@Injectable()
export class LoginThrottle implements OnModuleInit {
  private readonly limits = new LoginLimits();

  constructor(
    private readonly peerApi: PeerApiServer,
    private readonly client: PeerClient,
    private readonly mesh: MeshFacade,
    private readonly membership: ClusterMembership,
    private readonly events: EventsService,
    private readonly logger: JsonLogger,
    private readonly settings: SettingsRepository,
  ) {}

  onModuleInit(): void {
    this.peerApi.serve(PEER_ROUTES.loginSignal, ({ body }) => {
      this.limits.apply(body, Date.now());
      if (body.user !== null && body.totpStep !== null) this.storeTotpStep(body.user);
      return Promise.resolve({ body: { applied: true as const } });
    });
  }

  /** For the gate in front of the credential routes (no body read yet, so no user): ms to wait. */
  retryAfterMs(route: CredentialRoute, ip: string): number {
    return this.limits.wait(route, ip, null, Date.now())?.ms ?? 0;
  }

  /** A malformed body on a credential route: a failed attempt of its address. */
  fail(route: CredentialRoute, ip: string): void {
    this.limits.fail(route, ip, null, Date.now());
    this.tell(route, 'failed', { ip, local: isLoopback(ip) }, null, null);
  }

  /** Counts the attempt now, before its slow check; refuses with 429 past a limit. */
  reserve(route: CredentialRoute, caller: Caller, user: string | null = null): void {
    const wait = this.limits.reserve(route, caller.ip, user, Date.now());
    if (wait) throw tooManyAttempts(wait);
  }

  /** Refuses with 429 past a limit, without counting. */
  refuseIfThrottled(route: CredentialRoute, caller: Caller, user: string | null = null): void {
    const wait = this.limits.wait(route, caller.ip, user, Date.now());
    if (wait) throw tooManyAttempts(wait);
  }

  /** The reserved attempt failed: the other members count it too; a user reaching the limit is told once. */
  failed(route: CredentialRoute, caller: Caller, user: string | null): void {
    this.tell(route, 'failed', caller, user, null);
    if (user !== null && this.limits.userLocked(user, Date.now())) {
      const minutes = USER_LIMIT.windowMs / 60_000;
      this.logger.event('warn', 'auth', `user ${user} locked out after ${USER_LIMIT.maxFailures} failed attempts`, { ip: caller.ip });
      this.events.record({ code: 'auth.user-locked', params: { name: user, failures: USER_LIMIT.maxFailures, minutes } });
    }
  }

  /** The attempt succeeded: its counts end here and on every member; a TOTP step is never accepted again. */
  succeeded(route: CredentialRoute, caller: Caller, user: string | null, totpStep: number | null = null): void {
    this.limits.succeed(route, caller.ip, user);
    if (user !== null && totpStep !== null) {
      this.limits.rememberTotpStep(user, totpStep);
      this.storeTotpStep(user);
    }
    this.tell(route, 'succeeded', caller, user, totpStep);
  }

  /**
   * The latest TOTP time step this user logged in with, here or on a member that told us. Kept
   * in the node's database too: a restarted agent still refuses a code used in the last 90 s.
   */
  lastTotpStep(user: string): number | null {
    const stored = this.settings.get(totpStepKey(user));
    if (stored !== undefined) this.limits.rememberTotpStep(user, Number(stored));
    return this.limits.lastTotpStep(user);
  }

  private storeTotpStep(user: string): void {
    const step = this.limits.lastTotpStep(user);
    const stored = Number(this.settings.get(totpStepKey(user)) ?? -1);
    if (step !== null && step > stored) this.settings.set(totpStepKey(user), String(step));
  }

  /** Loopback means another machine on every node: such an address is never shared; the root-local route never is. */
  private tell(route: CredentialRoute, outcome: 'failed' | 'succeeded', caller: Caller, user: string | null, totpStep: number | null): void {
    if (route === 'local') return;
    const ip = caller.local ? null : caller.ip;
    if (ip === null && user === null) return;
    tellOnlineMembers({ mesh: this.mesh, membership: this.membership, client: this.client }, PEER_ROUTES.loginSignal, { route, outcome, ip, user, at: Date.now(), totpStep });
  }
}

const totpStepKey = (user: string) => `totp.last-step.${user}`;

export function tooManyAttempts(wait: Wait): DomainError {
  const seconds = Math.ceil(wait.ms / 1000);
  return wait.scope === 'user'
    ? new DomainError(ErrorCode.TooManyAttempts, `too many failed logins for this user: try again in ${seconds} s`)
    : new DomainError(ErrorCode.TooManyAttempts, `too many failed attempts: try again in ${seconds} s`);
}
