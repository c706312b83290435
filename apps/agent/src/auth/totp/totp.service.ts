import { Injectable } from '@nestjs/common';
import type { ClusterUser } from '@sfha/ha';
import { toDataURL } from 'qrcode';
import { DomainError } from '../../errors/domain-error';
import { ErrorCode } from '../../errors/error-code';
import { EventsService } from '../../events/events.service';
import { SecretRegistry } from '../../logging/secret-registry';
import { MeshFacade } from '../../mesh/mesh.facade';
import { UsersService } from '../../users/users.service';
import type { Caller } from '../caller';
import { LoginThrottle } from '../login-throttle';
import { verifyPassword } from '../password-hasher';
import type { Principal } from '../principal';
import type { DisableTotpDto, RecoveryCodesDto, TotpEnrolmentDto } from './dto/totp.dto';
import { matchingRecoveryHash, newRecoveryCodes } from './recovery-codes';
import { checkTotpCode, newTotpSecret, otpauthUri } from './totp-code';

/** An enrolment must be confirmed within this time, on the node that started it. */
const ENROLMENT_TTL_MS = 10 * 60_000;

/** What proves the second factor: a code from the app, or a recovery code. */
export interface SecondFactor {
  totp?: string;
  recoveryCode?: string;
}

/**
 * TOTP two-factor login (issue 12), optional per user. The secret lives in the user's record in
 * the replicated config; it is shown once, at enrolment, and never in an answer, a log or an
 * event after that. A code is good once cluster-wide (the latest step each user logged in with
 * is shared by {@link LoginThrottle}); recovery codes are kept hashed and leave the config when used.
 */
@Injectable()
export class TotpService {
  private readonly pending = new Map<string, { secret: string; expiresAt: number }>();

  constructor(
    private readonly users: UsersService,
    private readonly throttle: LoginThrottle,
    private readonly events: EventsService,
    private readonly secrets: SecretRegistry,
    private readonly mesh: MeshFacade,
  ) {}

  /** A new secret for the caller, to confirm with a first code; nothing stored in the cluster yet. */
  async enrol(by: Principal): Promise<TotpEnrolmentDto> {
    const user = this.self(by);
    if (user.totp) throw new DomainError(ErrorCode.TotpAlreadyEnabled, `two-factor login is already on for ${user.name}: disable it first to enrol a new app`);
    const secret = newTotpSecret();
    const expiresAt = Date.now() + ENROLMENT_TTL_MS;
    this.pending.set(user.name, { secret, expiresAt });
    this.secrets.add(secret);
    const cluster = this.mesh.stateOrNull()?.cluster.name;
    const uri = otpauthUri(secret, user.name, cluster ? `sfha ${cluster}` : 'sfha');
    return { secret, otpauthUri: uri, qrPng: await toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, scale: 4 }), expiresAt: new Date(expiresAt).toISOString() };
  }

  /** The first code proves the app holds the secret: two-factor login is on, on every node, and the recovery codes are shown once. */
  async confirm(by: Principal, code: string, caller: Caller): Promise<RecoveryCodesDto> {
    const user = this.self(by);
    const enrolment = this.pending.get(user.name);
    if (!enrolment || enrolment.expiresAt <= Date.now())
      throw new DomainError(ErrorCode.TotpEnrolmentMissing, 'no two-factor enrolment under way for you on this node (it lasts 10 minutes): start it again');
    this.throttle.reserve('totp', caller, user.name);
    const check = checkTotpCode(enrolment.secret, code, Date.now(), null);
    if (!check.ok) {
      this.throttle.failed('totp', caller, user.name);
      throw new DomainError(ErrorCode.TotpInvalid, 'wrong code: check the time of the device that runs the app, and type the code it shows now');
    }
    const recovery = newRecoveryCodes();
    await this.users.setTotp(user.name, { secret: enrolment.secret, enabledAt: new Date().toISOString(), recoveryCodeHashes: recovery.hashes });
    this.pending.delete(user.name);
    this.throttle.succeeded('totp', caller, user.name, check.step);
    this.events.record({ code: 'user.totp-enabled', params: { name: user.name }, user: by.actor });
    return { recoveryCodes: recovery.codes };
  }

  /** The user turns it off, proving its password and a second factor. */
  async disable(by: Principal, dto: DisableTotpDto, caller: Caller): Promise<void> {
    const user = this.self(by);
    if (!user.totp) throw new DomainError(ErrorCode.TotpNotEnabled, `two-factor login is not on for ${user.name}`);
    this.throttle.reserve('totp', caller, user.name);
    if (!(await verifyPassword(dto.password, user.passwordHash))) {
      this.throttle.failed('totp', caller, user.name);
      throw new DomainError(ErrorCode.InvalidCredentials, 'the password is wrong');
    }
    // Checked, not spent: turning it off drops every code in the same single commit.
    const step = await this.prove(user, dto, caller, 'totp', false);
    await this.users.setTotp(user.name, null);
    this.throttle.succeeded('totp', caller, user.name, step);
    this.events.record({ code: 'user.totp-disabled', params: { name: user.name }, user: by.actor });
  }

  /** An admin turns another user's second factor off (a lost phone); that user's sessions stay. */
  async reset(name: string, by: Principal): Promise<void> {
    const user = this.users.find(name);
    if (!user) throw new DomainError(ErrorCode.UserNotFound, `no user named ${name}`);
    if (!user.totp) throw new DomainError(ErrorCode.TotpNotEnabled, `two-factor login is not on for ${name}`);
    await this.users.setTotp(name, null);
    this.events.record({ code: 'user.totp-disabled', params: { name }, user: by.actor });
  }

  /**
   * At login, once the password matched: the second factor, or TOTP_REQUIRED when none was given.
   * Returns the TOTP step used (never accepted again), or null for a recovery code, which is
   * spent (`spend`) by one commit that the leader refuses once it is gone: a code opens one
   * session, even when two nodes are given it at the same moment.
   */
  async prove(user: ClusterUser, given: SecondFactor, caller: Caller, route: 'login' | 'totp', spend = true): Promise<number | null> {
    const totp = user.totp;
    if (!totp) return null;
    if (given.totp !== undefined) {
      const check = checkTotpCode(totp.secret, given.totp, Date.now(), this.throttle.lastTotpStep(user.name));
      if (check.ok) return check.step;
      this.throttle.failed(route, caller, user.name);
      throw new DomainError(ErrorCode.TotpInvalid, check.reason === 'replayed' ? 'this code was already used: wait for the next one' : 'wrong two-factor code');
    }
    if (given.recoveryCode !== undefined) {
      const codeHash = matchingRecoveryHash(totp.recoveryCodeHashes, given.recoveryCode);
      const refused = () => {
        this.throttle.failed(route, caller, user.name);
        return new DomainError(ErrorCode.TotpInvalid, 'wrong or already used recovery code');
      };
      if (codeHash === null) throw refused();
      if (!spend) return null;
      // Used up on every node before it opens a session (a commit: quorum needed in a cluster).
      await this.users.spendRecoveryCode(user.name, codeHash).catch((error: unknown) => {
        throw error instanceof DomainError && error.code === ErrorCode.ValidationFailed ? refused() : error;
      });
      const left = this.users.find(user.name)?.totp?.recoveryCodeHashes.length ?? 0;
      this.events.record({ code: 'auth.recovery-code-used', params: { name: user.name, left }, user: user.name });
      return null;
    }
    this.throttle.failed(route, caller, user.name);
    throw new DomainError(ErrorCode.TotpRequired, 'two-factor login is on for this user: send the code of the authenticator app as "totp" (or a recovery code as "recoveryCode")');
  }

  private self(by: Principal): ClusterUser {
    if (by.kind !== 'user') throw new DomainError(ErrorCode.Forbidden, 'two-factor login is set by a logged-in user for itself, not with an API token or the local access');
    const user = this.users.find(by.user);
    if (!user) throw new DomainError(ErrorCode.UserNotFound, `no user named ${by.user}`);
    return user;
  }
}
