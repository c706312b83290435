import { Injectable } from '@nestjs/common';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';
import { EventsService } from '../events/events.service';
import { JsonLogger } from '../logging/json-logger';
import { FIRST_ADMIN, UsersService } from '../users/users.service';
import { Authenticator } from './authenticator.service';
import type { Caller } from './caller';
import type { AuthStateDto, ChangePasswordDto, LocalLoginDto, LoginDto, SessionDto, SetupDto, TokenDto } from './dto/auth.dto';
import { LocalCredentialService } from './local-credential.service';
import { LoginThrottle } from './login-throttle';
import { verifyPassword } from './password-hasher';
import type { Principal } from './principal';
import { SetupCodeService } from './setup-code.service';
import { TotpService } from './totp/totp.service';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly authenticator: Authenticator,
    private readonly setupCodes: SetupCodeService,
    private readonly localCredential: LocalCredentialService,
    private readonly throttle: LoginThrottle,
    private readonly totp: TotpService,
    private readonly events: EventsService,
    private readonly logger: JsonLogger,
  ) {}

  /** At boot: without any user, print how to finish the first run. */
  announceFirstRun(dashboardUrl: string): void {
    if (this.users.all().length > 0) return;
    const code = this.setupCodes.issue();
    this.logger.event('warn', 'auth', `first run: no admin password yet. Set it at ${dashboardUrl} from this machine, or from anywhere with the one-time setup code ${code}`);
  }

  state(caller: Caller): AuthStateDto {
    const setupRequired = this.users.all().length === 0;
    return { setupRequired, setupCodeRequired: setupRequired && !caller.local };
  }

  /** The first admin of the cluster (a joining node adopts the cluster's users instead). */
  async setup(dto: SetupDto, caller: Caller): Promise<TokenDto> {
    if (this.users.all().length > 0) throw new DomainError(ErrorCode.AlreadySetUp, 'the admin password is already set: log in instead');
    if (!caller.local) {
      this.throttle.refuseIfThrottled('setup', caller);
      if (!dto.setupCode) throw new DomainError(ErrorCode.SetupCodeRequired, 'from another machine, the setup code printed in the agent log is required');
      this.throttle.reserve('setup', caller);
      if (!this.setupCodes.matches(dto.setupCode)) {
        this.throttle.failed('setup', caller, null);
        throw new DomainError(ErrorCode.SetupCodeInvalid, 'wrong setup code: use the one printed in the agent log at its last start');
      }
    }
    const name = dto.username ?? FIRST_ADMIN;
    try {
      await this.users.create({ name, role: 'admin', password: dto.password }, null);
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.UserExists) throw new DomainError(ErrorCode.AlreadySetUp, 'the admin password is already set: log in instead');
      throw error;
    }
    this.setupCodes.consume();
    this.throttle.succeeded('setup', caller, null);
    this.events.record({ code: 'auth.password-set', params: { ip: caller.ip }, user: name });
    return this.authenticator.issueSession(this.users.find(name) ?? this.fail());
  }

  async login(dto: LoginDto, caller: Caller): Promise<TokenDto> {
    if (this.users.all().length === 0) throw new DomainError(ErrorCode.SetupRequired, 'no admin password yet: complete the first-run setup');
    const name = dto.username ?? FIRST_ADMIN;
    // Counted per address and per user name (known or not), on every member.
    this.throttle.reserve('login', caller, name);
    const user = this.users.find(name);
    // Same answer and about the same time for an unknown user as for a wrong password.
    const ok = await verifyPassword(dto.password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok) {
      this.logger.event('warn', 'auth', 'failed login', { ip: caller.ip, user: name });
      this.throttle.failed('login', caller, name);
      throw new DomainError(ErrorCode.InvalidCredentials, dto.username ? 'wrong user name or password' : 'wrong password');
    }
    const step = await this.totp.prove(user, { totp: dto.totp, recoveryCode: dto.recoveryCode }, caller, 'login');
    this.throttle.succeeded('login', caller, name, step);
    // A recovery code changed the user's record: sign with the latest.
    return this.authenticator.issueSession(this.users.find(name) ?? user);
  }

  localLogin(dto: LocalLoginDto, caller: Caller): TokenDto {
    if (!caller.local) throw new DomainError(ErrorCode.LocalOnly, 'the local credential is accepted only from this machine');
    this.throttle.reserve('local', caller);
    if (!this.localCredential.matches(dto.credential)) {
      throw new DomainError(ErrorCode.InvalidCredentials, 'wrong local credential: it changes at each agent start; read it again');
    }
    this.throttle.succeeded('local', caller, null);
    return this.authenticator.issueLocalSession();
  }

  session(principal: Principal): SessionDto {
    const totpEnabled = principal.kind === 'user' && !!this.users.find(principal.user)?.totp;
    return { subject: principal.user, role: principal.role, kind: principal.kind, actor: principal.actor, expiresAt: principal.expiresAt, totpEnabled };
  }

  /** Changes the caller's own password (it must know the current one); its sessions end on every node. */
  async changePassword(dto: ChangePasswordDto, principal: Principal, caller: Caller): Promise<void> {
    if (principal.kind !== 'user') throw new DomainError(ErrorCode.Forbidden, "only a logged-in user changes its own password (an admin sets others' with PUT /users/{name}/password)");
    this.throttle.reserve('password', caller, principal.user);
    try {
      await this.users.changeOwnPassword(principal.user, dto.currentPassword, dto.newPassword, principal);
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.InvalidCredentials) this.throttle.failed('password', caller, principal.user);
      throw error;
    }
    this.throttle.succeeded('password', caller, principal.user);
  }

  private fail(): never {
    throw new DomainError(ErrorCode.NotCommitted, 'the first admin was not stored');
  }
}

/** A valid hash of a random password: verifying against it costs what a real check costs. */
const DUMMY_HASH = 'scrypt$16384$8$1$ZHVtbXlzYWx0ZHVtbXk$ZHVtbXloYXNoZHVtbXloYXNoZHVtbXloYXNoZHVtbXk';
