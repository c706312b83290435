import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { ClusterUser, IdentityChange, Role, UserTotp } from '@sfha/ha';
import { AuthRepository } from '../auth/auth.repository';
import { hashPassword, verifyPassword } from '../auth/password-hasher';
import type { Principal } from '../auth/principal';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';
import { EventsService } from '../events/events.service';
import { ClusterConfigService } from '../ha/cluster-config.service';
import { JsonLogger } from '../logging/json-logger';

/** The name of the first admin, and of the one an older single-admin database had. */
export const FIRST_ADMIN = 'admin';
const MIGRATE_EVERY_MS = 10_000;

/** A user as the API shows it: never its password hash. */
export interface PublicUser {
  name: string;
  role: Role;
  createdAt: string;
  totpEnabled: boolean;
}

const publicUser = (u: ClusterUser): PublicUser => ({ name: u.name, role: u.role, createdAt: u.createdAt, totpEnabled: !!u.totp });

/**
 * Cluster-wide users (issue 12): read from the committed cluster config, changed through it
 * (majority commit; a node alone commits its own). The legacy admin of an older database
 * counts as user "admin" until it is moved into the config.
 */
@Injectable()
export class UsersService implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly configs: ClusterConfigService,
    private readonly legacy: AuthRepository,
    private readonly events: EventsService,
    private readonly logger: JsonLogger,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.legacy.legacyAdmin()) return;
    void this.migrateLegacyAdmin();
    this.timer = setInterval(() => void this.migrateLegacyAdmin(), MIGRATE_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Every user with its hash: for authentication only, never for an answer. */
  all(): ClusterUser[] {
    const users = this.configs.current().config.users ?? [];
    if (users.length > 0) return users;
    const legacy = this.legacy.legacyAdmin();
    return legacy ? [{ name: FIRST_ADMIN, role: 'admin', passwordHash: legacy.passwordHash, sessionEpoch: 0, createdAt: legacy.createdAt }] : [];
  }

  find(name: string): ClusterUser | undefined {
    return this.all().find((u) => u.name === name);
  }

  list(): PublicUser[] {
    return this.all().map(publicUser);
  }

  async create(input: { name: string; role: Role; password: string }, by: Principal | null): Promise<PublicUser> {
    if (this.find(input.name)) throw new DomainError(ErrorCode.UserExists, `a user named ${input.name} already exists`);
    const user: ClusterUser = { name: input.name, role: input.role, passwordHash: await hashPassword(input.password), sessionEpoch: 0, createdAt: new Date().toISOString() };
    await this.change({ kind: 'put-user', user });
    // The first admin's event (auth.password-set) is the first run's.
    if (by) this.events.record({ code: 'user.created', params: { name: user.name, role: user.role }, user: by.actor });
    return publicUser(user);
  }

  async remove(name: string, by: Principal): Promise<void> {
    this.mustFind(name);
    await this.change({ kind: 'delete-user', name });
    this.events.record({ code: 'user.removed', params: { name }, user: by.actor });
  }

  async setRole(name: string, role: Role, by: Principal): Promise<PublicUser> {
    const user = this.mustFind(name);
    const next = { ...user, role };
    await this.change({ kind: 'put-user', user: next });
    this.events.record({ code: 'user.role-changed', params: { name, role }, user: by.actor });
    return publicUser(next);
  }

  /** An admin sets another user's password: that user's sessions end everywhere. */
  async resetPassword(name: string, password: string, by: Principal): Promise<void> {
    const user = this.mustFind(name);
    await this.change({ kind: 'put-user', user: { ...user, passwordHash: await hashPassword(password), sessionEpoch: user.sessionEpoch + 1 } });
    this.events.record({ code: 'user.password-changed', params: { name }, user: by.actor });
  }

  /** A user changes its own password, proving the current one; its sessions end everywhere. */
  async changeOwnPassword(name: string, currentPassword: string, newPassword: string, by: Principal): Promise<void> {
    const user = this.mustFind(name);
    if (!(await verifyPassword(currentPassword, user.passwordHash))) throw new DomainError(ErrorCode.InvalidCredentials, 'the current password is wrong');
    await this.change({ kind: 'put-user', user: { ...user, passwordHash: await hashPassword(newPassword), sessionEpoch: user.sessionEpoch + 1 } });
    this.events.record({ code: 'user.password-changed', params: { name }, user: by.actor });
  }

  /** Ends every session of a user on every node (its API tokens stay). */
  async endSessions(name: string, by: Principal): Promise<void> {
    const user = this.mustFind(name);
    await this.change({ kind: 'put-user', user: { ...user, sessionEpoch: user.sessionEpoch + 1 } });
    this.events.record({ code: 'user.sessions-ended', params: { name }, user: by.actor });
  }

  /** Turns a user's second factor on (with its secret), changes its recovery codes, or turns it off (null). Events are the caller's. */
  async setTotp(name: string, totp: UserTotp | null): Promise<void> {
    const user = this.mustFind(name);
    await this.change({ kind: 'put-user', user: { ...user, totp } });
  }

  /** Spends one recovery code (by its stored hash); refused by the leader when it is already gone. */
  async spendRecoveryCode(name: string, codeHash: string): Promise<void> {
    await this.change({ kind: 'use-recovery-code', name, codeHash });
  }

  private mustFind(name: string): ClusterUser {
    const user = this.find(name);
    if (!user) throw new DomainError(ErrorCode.UserNotFound, `no user named ${name}`);
    return user;
  }

  /** The legacy admin goes first when the config has no user yet, so a change never loses it. */
  private async change(change: IdentityChange): Promise<void> {
    const legacy = this.legacy.legacyAdmin();
    if (legacy && (this.configs.current().config.users ?? []).length === 0 && !(change.kind === 'put-user' && change.user.name === FIRST_ADMIN)) {
      await this.configs.propose({ kind: 'put-user', user: this.all()[0] as ClusterUser });
    }
    await this.configs.propose(change);
    if (legacy) this.legacy.forgetLegacyAdmin();
  }

  /** Moves an older database's admin into the cluster config once it can be committed. */
  private async migrateLegacyAdmin(): Promise<void> {
    const legacy = this.legacy.legacyAdmin();
    if (!legacy) {
      if (this.timer) clearInterval(this.timer);
      return;
    }
    if ((this.configs.current().config.users ?? []).length > 0) {
      // Another member's admin reached the config first: the cluster's users stand.
      this.legacy.forgetLegacyAdmin();
      this.logger.event('warn', 'auth', "this node's former admin password was dropped: the cluster already has users (log in with theirs)");
      return;
    }
    try {
      await this.configs.propose({ kind: 'put-user', user: this.all()[0] as ClusterUser });
      this.legacy.forgetLegacyAdmin();
      this.logger.event('info', 'auth', 'the admin of this node is now the cluster-wide user "admin"');
    } catch {
      /* no quorum yet: tried again later, the legacy admin still logs in meanwhile */
    }
  }
}
