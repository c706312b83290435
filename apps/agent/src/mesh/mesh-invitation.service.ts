import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EventsService } from '../events/events.service';
import { decodeJoinToken, encodeJoinToken, generateKeyPair, isHostAddress, JoinTokenError, nextFreeIp, parseCidr, verifyInvitationMac, type JoinInvitation } from '@sfha/mesh';
import { randomUUID } from 'node:crypto';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';
import { JsonLogger } from '../logging/json-logger';
import { SecretRegistry } from '../logging/secret-registry';
import { CreateInvitationDto, type InvitationCreatedDto, type InvitationDto } from './dto/mesh.dto';
import { invitationQrPng } from './invitation-qr';
import { driverStep } from './mesh-errors';
import { MeshReconciler } from './mesh-reconciler.service';
import { MeshReplication } from './mesh-replication.service';
import { MeshRepository } from './mesh.repository';
import type { MeshState } from './mesh-state';
import type { InvitationRecord, Member, MemberList } from './mesh.types';
import { parseDuration } from './member-list';
import { PeerApiServer, type PeerCall } from '../peer/peer-api.server';
import { PEER_ROUTES } from '../peer/peer-routes';
import type { RedeemAnswer, RedeemRequest } from '../peer/peer-schemas';

const DEFAULT_EXPIRY_SECONDS = 3600;
const MAX_EXPIRY_SECONDS = 7 * 86_400;
/** Time for the redeem answer to leave through the bootstrap tunnel before the key is swapped. */
const SWAP_DELAY_MS = 100;

function statusOf(i: InvitationRecord, now: string): InvitationDto['status'] {
  if (i.usedAt) return 'used';
  if (i.revokedAt) return 'revoked';
  return i.expiresAt <= now ? 'expired' : 'pending';
}

/** Invitations this node issues, and their redemption by a joiner (docs/design.md §2). */
@Injectable()
export class MeshInvitationService implements OnModuleInit {
  constructor(
    private readonly repo: MeshRepository,
    private readonly replication: MeshReplication,
    private readonly reconciler: MeshReconciler,
    private readonly peerApi: PeerApiServer,
    private readonly secrets: SecretRegistry,
    private readonly events: EventsService,
    private readonly logger: JsonLogger,
  ) {}

  onModuleInit(): void {
    this.peerApi.serve(PEER_ROUTES.redeemInvitation, (call) => this.redeem(call));
  }

  async create(dto: CreateInvitationDto): Promise<InvitationCreatedDto> {
    const { cluster, self, members, me } = this.replication.state();
    const seconds = dto.expiresIn === undefined ? DEFAULT_EXPIRY_SECONDS : parseDuration(dto.expiresIn);
    if (seconds === null || seconds < 1 || seconds > MAX_EXPIRY_SECONDS) throw new DomainError(ErrorCode.ValidationFailed, 'expiresIn must be between 1 second and 7 days (e.g. 30m, 1h, 2d)');
    const network = parseCidr(cluster.network).network;
    const now = new Date();
    const taken = [...members.map((m) => m.meshIp), ...this.repo.pendingInvitations(now.toISOString()).map((i) => i.assignedIp), ...this.reconciler.meshVips()];
    let ip = dto.ip ?? null;
    if (ip !== null) {
      if (!isHostAddress(ip, network)) throw new DomainError(ErrorCode.ValidationFailed, `ip ${ip} is not a host address of the mesh network ${cluster.network}`);
      if (taken.includes(ip)) throw new DomainError(ErrorCode.MemberConflict, `${ip} is already used by a member, a pending invitation or a mesh VIP`);
    } else {
      ip = nextFreeIp(network, taken);
      if (ip === null) throw new DomainError(ErrorCode.MeshNetworkFull, `the mesh network ${cluster.network} has no free address left`);
    }
    const bootstrap = generateKeyPair();
    const record: InvitationRecord = {
      id: randomUUID(),
      assignedIp: ip,
      bootstrapPublicKey: bootstrap.publicKey,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + seconds * 1000).toISOString(),
      usedAt: null,
      usedBy: null,
      revokedAt: null,
      role: dto.role ?? 'full',
    };
    if (!me?.publicKey || !me.endpoint) throw new DomainError(ErrorCode.MeshFailed, 'this node has no endpoint to put in an invitation: set one with mesh set-endpoint');
    const invitation: JoinInvitation = {
      v: 1,
      invitationId: record.id,
      clusterId: cluster.clusterId,
      clusterName: cluster.name,
      network: cluster.network,
      port: self.listenPort,
      assignedIp: ip,
      bootstrapPrivateKey: bootstrap.privateKey,
      inviter: { name: self.nodeName, meshIp: self.meshIp, publicKey: me.publicKey, endpoints: [me.endpoint], peerApiPort: self.peerApiPort },
      expiresAt: record.expiresAt,
      // Only a witness says so: a full member's link stays as before (older agents can redeem it).
      ...(record.role === 'witness' ? { role: 'witness' as const } : {}),
    };
    const token = encodeJoinToken(invitation, cluster.secret);
    // The link is shown once, to the admin who asked; never in a log.
    this.secrets.add(bootstrap.privateKey);
    this.secrets.add(token);
    this.repo.insertInvitation(record);
    try {
      await driverStep(() => this.reconciler.reconcile());
    } catch (error) {
      // The caller never sees the link: it must not keep an address or a key reserved.
      this.repo.deleteInvitation(record.id);
      throw error;
    }
    this.logger.event('info', 'mesh', `invitation ${record.id} created for ${ip}`, { expiresAt: record.expiresAt, role: record.role });
    return { id: record.id, token, qrPng: await invitationQrPng(token), assignedIp: ip, expiresAt: record.expiresAt, role: record.role };
  }

  list(): InvitationDto[] {
    this.replication.state();
    const now = new Date().toISOString();
    return this.repo.allInvitations().map((i) => ({ id: i.id, assignedIp: i.assignedIp, createdAt: i.createdAt, expiresAt: i.expiresAt, status: statusOf(i, now), usedBy: i.usedBy, role: i.role }));
  }

  async revoke(id: string): Promise<void> {
    this.replication.state();
    const invitation = this.repo.invitation(id);
    if (!invitation) throw new DomainError(ErrorCode.InvitationNotFound, `no invitation ${id} on this node`);
    if (!this.repo.revokeInvitation(id, new Date().toISOString())) {
      throw new DomainError(ErrorCode.InvitationUsed, `invitation ${id} is already ${invitation.usedAt ? `used by ${invitation.usedBy}` : 'revoked'}`);
    }
    await driverStep(() => this.reconciler.reconcile());
    this.logger.event('info', 'mesh', `invitation ${id} revoked`);
  }

  /** Peer API: a joiner, through the bootstrap tunnel, trades the invitation for membership. */
  private async redeem({ body, remoteIp }: PeerCall<RedeemRequest>) {
    const state = this.replication.state();
    let decoded: ReturnType<typeof decodeJoinToken>;
    try {
      decoded = decodeJoinToken(body.token);
    } catch (error) {
      throw new DomainError(ErrorCode.InvitationDamaged, (error as JoinTokenError).message);
    }
    const { invitation, mac } = decoded;
    if (invitation.clusterId !== state.cluster.clusterId || !verifyInvitationMac(invitation, mac, state.cluster.secret)) {
      throw new DomainError(ErrorCode.InvitationForged, 'this invitation was not issued by this cluster (its signature does not match)');
    }
    const record = this.repo.invitation(invitation.invitationId);
    if (!record || record.assignedIp !== invitation.assignedIp || record.role !== (invitation.role ?? 'full'))
      throw new DomainError(ErrorCode.InvitationNotFound, `invitation ${invitation.invitationId} was not issued by ${state.self.nodeName}`);
    if (remoteIp !== record.assignedIp) throw new DomainError(ErrorCode.InvitationForged, 'the redeem request does not come through the invitation’s own tunnel');
    const already = state.members.find((m) => m.name === body.name && m.publicKey === body.publicKey && m.meshIp === record.assignedIp);
    if (already && record.usedBy === body.name) {
      // The same joiner asking again (its first answer was lost or late): the same answer.
      return this.redeemAnswer(state, { generation: state.cluster.generation, members: state.members }, already);
    }
    const clash = state.members.find((m) => m.name === body.name || m.publicKey === body.publicKey || m.meshIp === record.assignedIp);
    if (clash) throw new DomainError(ErrorCode.MemberConflict, `the cluster already has a member ${clash.name} with this name, key or address`);
    const now = new Date().toISOString();
    // No reconcile may swap the bootstrap key before the answer has left.
    this.reconciler.defer(2_000);
    if (!this.repo.consumeInvitation(record.id, body.name, now)) {
      this.reconciler.release();
      if (record.usedAt) throw new DomainError(ErrorCode.InvitationUsed, `this invitation was already used by ${record.usedBy}`);
      if (record.revokedAt) throw new DomainError(ErrorCode.InvitationRevoked, 'this invitation was revoked');
      throw new DomainError(ErrorCode.InvitationExpired, `this invitation expired at ${record.expiresAt}`);
    }
    const member: Member = {
      name: body.name,
      meshIp: record.assignedIp,
      publicKey: body.publicKey,
      pendingPublicKey: null,
      endpoint: body.endpoint,
      keepalive: state.me?.keepalive ?? 25,
      joinedAt: now,
      ...(record.role === 'witness' ? { role: 'witness' as const } : {}),
    };
    // The others learn the new member first, so its handshakes succeed at once; this node swaps
    // the bootstrap key for the real one only after its answer has left through the bootstrap tunnel.
    const list = await this.replication.commit((members) => [...members, member], { exclude: [member.name], applyLocally: false, pushTimeoutMs: 1_500 });
    this.events.record({
      code: 'mesh.member-joined',
      params: { node: member.name, meshIp: member.meshIp, endpoint: member.endpoint, invitedBy: state.self.nodeName, invitation: record.id, role: record.role },
    });
    return this.redeemAnswer(state, list, member);
  }

  private redeemAnswer(state: MeshState, list: MemberList, member: Member) {
    const answer: RedeemAnswer = {
      cluster: { clusterId: state.cluster.clusterId, name: state.cluster.name, network: state.cluster.network, secret: state.cluster.secret },
      generation: list.generation,
      members: list.members,
      self: member,
    };
    return {
      body: answer,
      afterSent: () => {
        this.reconciler.release(SWAP_DELAY_MS);
        void this.reconciler.reconcile().catch(() => undefined);
      },
    };
  }
}
