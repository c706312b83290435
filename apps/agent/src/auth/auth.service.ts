import { Inject, Injectable } from '@nestjs/common';
import { EventsService } from '../events/events.service';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import type { AgentConfig } from '../config/agent-config';
import { AGENT_CONFIG } from '../config/agent-config.token';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';
import { JsonLogger } from '../logging/json-logger';
import { AttemptLimiter } from './attempt-limiter';
import { AuthRepository } from './auth.repository';
import type { Caller } from './caller';
import type { AuthStateDto, ChangePasswordDto, LocalLoginDto, LoginDto, SetupDto, TokenDto } from './dto/auth.dto';
import { LocalCredentialService } from './local-credential.service';
import { hashPassword, verifyPassword } from './password-hasher';
import { SetupCodeService } from './setup-code.service';

const MAX_FAILURES = 5;
const FAILURE_WINDOW_MS = 60_000;

@Injectable()
export class AuthService {
  private readonly limiter = new AttemptLimiter(MAX_FAILURES, FAILURE_WINDOW_MS);

  constructor(
    @Inject(AGENT_CONFIG) private readonly config: AgentConfig,
    private readonly admins: AuthRepository,
    private readonly jwt: JwtService,
    private readonly setupCodes: SetupCodeService,
    private readonly localCredential: LocalCredentialService,
    private readonly events: EventsService,
    private readonly logger: JsonLogger,
  ) {}

  /** At boot: without an admin, print how to finish the first run. */
  announceFirstRun(dashboardUrl: string): void {
    if (this.admins.adminExists()) return;
    const code = this.setupCodes.issue();
    this.logger.event('warn', 'auth', `first run: no admin password yet. Set it at ${dashboardUrl} from this machine, or from anywhere with the one-time setup code ${code}`);
  }

  state(caller: Caller): AuthStateDto {
    const setupRequired = !this.admins.adminExists();
    return { setupRequired, setupCodeRequired: setupRequired && !caller.local };
  }

  async setup(dto: SetupDto, caller: Caller): Promise<TokenDto> {
    if (this.admins.adminExists()) throw new DomainError(ErrorCode.AlreadySetUp, 'the admin password is already set: log in instead');
    if (!caller.local) {
      this.refuseIfThrottled(caller);
      if (!dto.setupCode) throw new DomainError(ErrorCode.SetupCodeRequired, 'from another machine, the setup code printed in the agent log is required');
      if (!this.setupCodes.matches(dto.setupCode)) {
        this.limiter.fail(caller.ip, Date.now());
        throw new DomainError(ErrorCode.SetupCodeInvalid, 'wrong setup code: use the one printed in the agent log at its last start');
      }
    }
    const created = this.admins.createAdmin(await hashPassword(dto.password));
    if (!created) throw new DomainError(ErrorCode.AlreadySetUp, 'the admin password is already set: log in instead');
    this.setupCodes.consume();
    this.limiter.succeed(caller.ip);
    this.events.record('admin', 'info', 'admin password set (first run)', { ip: caller.ip });
    return this.issueToken();
  }

  async login(dto: LoginDto, caller: Caller): Promise<TokenDto> {
    const hash = this.admins.passwordHash();
    if (hash === undefined) throw new DomainError(ErrorCode.SetupRequired, 'no admin password yet: complete the first-run setup');
    this.refuseIfThrottled(caller);
    if (!(await verifyPassword(dto.password, hash))) {
      this.limiter.fail(caller.ip, Date.now());
      this.logger.event('warn', 'auth', 'failed login', { ip: caller.ip });
      throw new DomainError(ErrorCode.InvalidCredentials, 'wrong password');
    }
    this.limiter.succeed(caller.ip);
    return this.issueToken();
  }

  localLogin(dto: LocalLoginDto, caller: Caller): TokenDto {
    if (!caller.local) throw new DomainError(ErrorCode.LocalOnly, 'the local credential is accepted only from this machine');
    this.refuseIfThrottled(caller);
    if (!this.localCredential.matches(dto.credential)) {
      this.limiter.fail(caller.ip, Date.now());
      throw new DomainError(ErrorCode.InvalidCredentials, 'wrong local credential: it changes at each agent start; read it again');
    }
    return this.issueToken();
  }

  async changePassword(dto: ChangePasswordDto, caller: Caller): Promise<void> {
    const hash = this.admins.passwordHash();
    if (hash === undefined) throw new DomainError(ErrorCode.SetupRequired, 'no admin password yet: complete the first-run setup');
    this.refuseIfThrottled(caller);
    if (!(await verifyPassword(dto.currentPassword, hash))) {
      this.limiter.fail(caller.ip, Date.now());
      throw new DomainError(ErrorCode.InvalidCredentials, 'the current password is wrong');
    }
    this.admins.updatePassword(await hashPassword(dto.newPassword));
    this.events.record('admin', 'info', 'admin password changed', { ip: caller.ip });
  }

  private refuseIfThrottled(caller: Caller): void {
    const wait = this.limiter.retryAfterMs(caller.ip, Date.now());
    if (wait > 0) throw new DomainError(ErrorCode.TooManyAttempts, `too many failed attempts: try again in ${Math.ceil(wait / 1000)} s`);
  }

  private issueToken(): TokenDto {
    const ttl = this.config.tokenTtlSeconds;
    const accessToken = this.jwt.sign({ sub: 'admin' }, { expiresIn: ttl, jwtid: randomUUID(), issuer: 'sfha-agent', algorithm: 'HS256' });
    const { exp } = this.jwt.decode<{ exp: number }>(accessToken);
    return { accessToken, tokenType: 'Bearer', expiresAt: new Date(exp * 1000).toISOString() };
  }
}
