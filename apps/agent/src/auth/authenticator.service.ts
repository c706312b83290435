import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { roleRank, type ClusterUser } from '@sfha/ha';
import { randomUUID } from 'node:crypto';
import type { AgentConfig } from '../config/agent-config';
import { AGENT_CONFIG } from '../config/agent-config.token';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';
import { API_TOKEN_PREFIX } from '../tokens/api-token-codec';
import { ApiTokensService } from '../tokens/api-tokens.service';
import { UsersService } from '../users/users.service';
import type { TokenDto } from './dto/auth.dto';
import type { Principal } from './principal';
import { SessionKeys } from './session-keys.service';

/** What a session JWT carries: the user and the session epoch it was issued in, or the CLI's local access on one node. */
type SessionClaims = { knd: 'user'; sub: string; ep: number } | { knd: 'local'; sub: 'root'; node: string };

const ISSUER = 'sfha-agent';
const unauthenticated = (message: string) => new DomainError(ErrorCode.Unauthenticated, message);

/** Turns the bearer credential of a request (session JWT or `sfha_…` API token) into a principal, or a 401 saying why not. */
@Injectable()
export class Authenticator {
  constructor(
    @Inject(AGENT_CONFIG) private readonly config: AgentConfig,
    private readonly jwt: JwtService,
    private readonly keys: SessionKeys,
    private readonly users: UsersService,
    private readonly tokens: ApiTokensService,
  ) {}

  authenticate(authorization: string | undefined, ip: string): Principal {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match) throw unauthenticated('a valid session or API token is required (Authorization: Bearer …)');
    const credential = match[1] as string;
    return credential.startsWith(API_TOKEN_PREFIX) ? this.fromApiToken(credential, ip) : this.fromSession(credential);
  }

  issueSession(user: ClusterUser): TokenDto {
    return this.sign({ knd: 'user', sub: user.name, ep: user.sessionEpoch });
  }

  issueLocalSession(): TokenDto {
    return this.sign({ knd: 'local', sub: 'root', node: this.config.nodeName });
  }

  /**
   * A new session for the caller, signed with the current key: after `cluster init` the sessions
   * are signed with the cluster's key, so the caller's session (signed with the node's own) is
   * replaced. An API token needs none (null).
   */
  renew(principal: Principal): TokenDto | null {
    if (principal.kind === 'local') return this.issueLocalSession();
    if (principal.kind !== 'user') return null;
    const user = this.users.find(principal.user);
    return user ? this.issueSession(user) : null;
  }

  private sign(claims: SessionClaims): TokenDto {
    const accessToken = this.jwt.sign(claims, { secret: this.keys.current(), expiresIn: this.config.tokenTtlSeconds, jwtid: randomUUID(), issuer: ISSUER, algorithm: 'HS256' });
    const { exp } = this.jwt.decode<{ exp: number }>(accessToken);
    return { accessToken, tokenType: 'Bearer', expiresAt: new Date(exp * 1000).toISOString() };
  }

  private fromSession(credential: string): Principal {
    let claims: Partial<SessionClaims> & { exp?: number };
    try {
      claims = this.jwt.verify(credential, { secret: this.keys.current(), issuer: ISSUER, algorithms: ['HS256'] });
    } catch (error) {
      throw unauthenticated((error as Error).name === 'TokenExpiredError' ? 'the session has expired: log in again' : 'a valid session or API token is required (Authorization: Bearer …)');
    }
    const expiresAt = new Date((claims.exp ?? 0) * 1000).toISOString();
    if (claims.knd === 'local') {
      // The CLI's root access is for this node only, even though the key is the cluster's.
      if (claims.node !== this.config.nodeName) throw unauthenticated(`this local session belongs to ${String(claims.node)}`);
      return { kind: 'local', user: `root@${claims.node}`, role: 'admin', actor: `root@${claims.node}`, expiresAt };
    }
    if (claims.knd !== 'user' || typeof claims.sub !== 'string' || typeof claims.ep !== 'number') throw unauthenticated('a valid session or API token is required (Authorization: Bearer …)');
    const user = this.users.find(claims.sub);
    if (!user) throw unauthenticated(`the user ${claims.sub} no longer exists`);
    if (user.sessionEpoch !== claims.ep) throw unauthenticated('this session was ended (password changed or sessions closed): log in again');
    return { kind: 'user', user: user.name, role: user.role, actor: user.name, expiresAt };
  }

  private fromApiToken(credential: string, ip: string): Principal {
    const record = this.tokens.authenticate(credential, ip);
    const owner = this.users.find(record.owner);
    if (!owner) throw unauthenticated('this API token is unknown or was revoked');
    // Never above its user, even if the user was demoted after the token was made.
    const role = roleRank(record.role) <= roleRank(owner.role) ? record.role : owner.role;
    return { kind: 'token', user: owner.name, role, actor: `token ${record.name} (${owner.name})`, expiresAt: record.expiresAt };
  }
}
