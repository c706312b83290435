import { Injectable, type OnModuleInit } from '@nestjs/common';
import { roleAtLeast, type ApiTokenRecord, type Role } from '@sfha/ha';
import type { Principal } from '../auth/principal';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';
import { EventsService } from '../events/events.service';
import { askOnlineMembers } from '../ha/ask-online-members';
import { ClusterConfigService } from '../ha/cluster-config.service';
import { ClusterMembership } from '../ha/cluster-membership.service';
import { MeshFacade } from '../mesh/mesh.facade';
import { PeerApiServer } from '../peer/peer-api.server';
import { PeerClient } from '../peer/peer-client';
import { PEER_ROUTES } from '../peer/peer-routes';
import { hashTokenSecret, newApiToken, parseApiToken, tokenSecretMatches } from './api-token-codec';
import { ApiTokenUseRepository, type TokenUse } from './api-token-use.repository';

/** A token used again within this time does not rewrite its last use (one write a minute at most). */
const USE_WRITE_EVERY_MS = 60_000;

/** An API token as the API lists it: never its secret or hash. */
export interface PublicApiToken {
  id: string;
  name: string;
  owner: string;
  role: Role;
  createdAt: string;
  expiresAt: string | null;
  /** Latest use seen on any online member, or null. */
  lastUsedAt: string | null;
  lastUsedFrom: string | null;
}

/**
 * API tokens for automation (issue 12): made by a user for itself with a role not above its
 * own, shown once, stored as a hash in the cluster config (so every node accepts or refuses
 * them alike), revoked by removing them from it.
 */
@Injectable()
export class ApiTokensService implements OnModuleInit {
  private readonly lastWrite = new Map<string, number>();

  constructor(
    private readonly configs: ClusterConfigService,
    private readonly uses: ApiTokenUseRepository,
    private readonly events: EventsService,
    private readonly peerApi: PeerApiServer,
    private readonly mesh: MeshFacade,
    private readonly membership: ClusterMembership,
    private readonly client: PeerClient,
  ) {}

  onModuleInit(): void {
    this.peerApi.serve(PEER_ROUTES.tokenUses, () => Promise.resolve({ body: this.uses.all() }));
  }

  /** The token record a presented `sfha_…` text stands for, or a 401 saying why not. */
  authenticate(text: string, ip: string, now = Date.now()): ApiTokenRecord {
    const parsed = parseApiToken(text);
    const record = parsed && this.records().find((t) => t.id === parsed.id);
    if (!parsed || !record || !tokenSecretMatches(parsed.secret, record.secretHash)) throw new DomainError(ErrorCode.Unauthenticated, 'this API token is unknown or was revoked');
    if (record.expiresAt !== null && Date.parse(record.expiresAt) <= now) throw new DomainError(ErrorCode.Unauthenticated, `this API token expired at ${record.expiresAt}`);
    if (now - (this.lastWrite.get(record.id) ?? 0) >= USE_WRITE_EVERY_MS) {
      this.lastWrite.set(record.id, now);
      this.uses.record(record.id, new Date(now).toISOString(), ip);
    }
    return record;
  }

  /** Makes a token for the caller itself; the text is returned once and never stored. */
  async create(input: { name: string; role: Role; expiresAt: string | null; owner?: string }, by: Principal): Promise<{ token: PublicApiToken; secret: string }> {
    const owner = this.ownerFor(input.owner, by);
    if (!roleAtLeast(owner.role, input.role)) {
      throw new DomainError(
        ErrorCode.Forbidden,
        by.kind === 'user'
          ? `a token cannot have a role above yours (${by.user} is ${by.role}, asked ${input.role})`
          : `a token cannot have a role above its user's (${owner.name} is ${owner.role}, asked ${input.role})`,
      );
    }
    if (input.expiresAt !== null && Date.parse(input.expiresAt) <= Date.now()) throw new DomainError(ErrorCode.ValidationFailed, 'expiresAt must be in the future');
    const made = newApiToken();
    const record: ApiTokenRecord = {
      id: made.id,
      name: input.name,
      owner: owner.name,
      role: input.role,
      secretHash: hashTokenSecret(made.secret),
      createdAt: new Date().toISOString(),
      expiresAt: input.expiresAt,
    };
    await this.configs.propose({ kind: 'put-api-token', token: record });
    this.events.record({ code: 'api-token.created', params: { name: record.name, owner: record.owner, role: record.role }, user: by.actor });
    return { token: { ...this.toPublic(record), lastUsedAt: null, lastUsedFrom: null }, secret: made.text };
  }

  /** An admin sees every token, another user its own. */
  async list(by: Principal): Promise<PublicApiToken[]> {
    const mine = this.records().filter((t) => by.role === 'admin' || t.owner === by.user);
    const uses = await this.allUses();
    return mine.map((t) => {
      const use = uses.get(t.id);
      return { ...this.toPublic(t), lastUsedAt: use?.lastUsedAt ?? null, lastUsedFrom: use?.lastIp ?? null };
    });
  }

  /** Revokes a token: an admin any, another user its own. Refused on every node at the next commit. */
  async revoke(id: string, by: Principal): Promise<void> {
    const record = this.records().find((t) => t.id === id);
    if (!record || (by.role !== 'admin' && record.owner !== by.user)) throw new DomainError(ErrorCode.ApiTokenNotFound, `no API token ${id}${by.role === 'admin' ? '' : ` of ${by.user}`}`);
    await this.configs.propose({ kind: 'delete-api-token', id });
    this.events.record({ code: 'api-token.revoked', params: { name: record.name, owner: record.owner }, user: by.actor });
  }

  /**
   * Whose token it is: a logged-in user's own; from the node's local access (root on the node,
   * admin by construction) the named user's. Never made with another token.
   */
  private ownerFor(named: string | undefined, by: Principal): { name: string; role: Role } {
    if (by.kind === 'token') throw new DomainError(ErrorCode.Forbidden, 'API tokens are made by a logged-in user for itself (or by root on a node for a user), not with another token');
    if (by.kind === 'user') {
      if (named !== undefined && named !== by.user) throw new DomainError(ErrorCode.Forbidden, `a user makes API tokens for itself only (you are ${by.user})`);
      return { name: by.user, role: by.role };
    }
    if (named === undefined) throw new DomainError(ErrorCode.ValidationFailed, "from the node's local access, name the user the token is for (owner)");
    const user = this.configs.current().config.users?.find((u) => u.name === named);
    if (!user) throw new DomainError(ErrorCode.UserNotFound, `no user named ${named}`);
    return { name: user.name, role: user.role };
  }

  private records(): ApiTokenRecord[] {
    return this.configs.current().config.apiTokens ?? [];
  }

  private toPublic(t: ApiTokenRecord): Omit<PublicApiToken, 'lastUsedAt' | 'lastUsedFrom'> {
    return { id: t.id, name: t.name, owner: t.owner, role: t.role, createdAt: t.createdAt, expiresAt: t.expiresAt };
  }

  /** The latest use of each token among this node and the online members. */
  private async allUses(): Promise<Map<string, TokenUse>> {
    let remote: TokenUse[] = [];
    try {
      remote = (await askOnlineMembers({ mesh: this.mesh, membership: this.membership, client: this.client }, PEER_ROUTES.tokenUses)).flatMap((a) => a.items);
    } catch {
      /* not in a cluster: this node's uses only */
    }
    const latest = new Map<string, TokenUse>();
    for (const use of [...this.uses.all(), ...remote]) {
      const seen = latest.get(use.tokenId);
      if (typeof use.lastUsedAt === 'string' && (!seen || use.lastUsedAt > seen.lastUsedAt)) latest.set(use.tokenId, use);
    }
    return latest;
  }
}
