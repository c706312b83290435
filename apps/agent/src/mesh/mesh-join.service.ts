import { Inject, Injectable } from '@nestjs/common';
import { decodeJoinToken, generateKeyPair, JoinTokenError, parseCidr, type JoinInvitation, type WireGuardDriver } from '@sfha/mesh';
import type { AgentConfig } from '../config/agent-config';
import { AGENT_CONFIG } from '../config/agent-config.token';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';
import { JsonLogger } from '../logging/json-logger';
import { SecretRegistry } from '../logging/secret-registry';
import type { JoinDto, JoinResultDto } from './dto/mesh.dto';
import { MESH_DEFAULTS } from './mesh-cluster.service';
import { driverStep } from './mesh-errors';
import { MeshKeyStore } from './mesh-key-store';
import { MeshLock } from './mesh-lock';
import { tcpRoundTripMs } from './mesh-probe.service';
import { MeshReconciler } from './mesh-reconciler.service';
import { MeshRepository } from './mesh.repository';
import type { Member } from './mesh.types';
import { PeerClient } from '../peer/peer-client';
import { PEER_ROUTES } from '../peer/peer-routes';
import type { RedeemAnswer, RedeemRequest } from '../peer/peer-schemas';
import { WIREGUARD_DRIVER } from './wireguard-driver.provider';

/** How long the bootstrap tunnel may take to come up before the invitation is judged refused. */
const BOOTSTRAP_TIMEOUT_MS = 6_000;
/** Once the tunnel is up, how long a busy inviter may take to answer (a loaded host, a slow commit). */
const REDEEM_TIMEOUT_MS = 25_000;
/**
 * One redeem call may wait for the inviter to tell the other members (1.5 s each at most). A call
 * given up too early is worse than a slow one: the inviter answers anyway, then swaps the bootstrap key.
 */
const REDEEM_CALL_TIMEOUT_MS = 15_000;
/** How long join waits for handshakes with every member before answering anyway. */
const HANDSHAKES_TIMEOUT_MS = 10_000;
/** Lets the inviter swap the bootstrap key for ours before we use ours (see MeshInvitationService). */
const SWITCH_DELAY_MS = 300;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The joiner's side of docs/design.md §2: bootstrap tunnel, redeem, switch to its own key, full mesh. */
@Injectable()
export class MeshJoinService {
  private readonly joinedListeners: ((inviter: Member) => Promise<void>)[] = [];

  constructor(
    @Inject(AGENT_CONFIG) private readonly config: AgentConfig,
    private readonly repo: MeshRepository,
    private readonly keys: MeshKeyStore,
    private readonly reconciler: MeshReconciler,
    private readonly client: PeerClient,
    private readonly secrets: SecretRegistry,
    @Inject(WIREGUARD_DRIVER) private readonly driver: WireGuardDriver,
    private readonly lock: MeshLock,
    private readonly logger: JsonLogger,
  ) {}

  /** Called once this node is a member, with the inviter (e.g. to adopt the cluster's config). */
  onJoined(listener: (inviter: Member) => Promise<void>): void {
    this.joinedListeners.push(listener);
  }

  join(dto: JoinDto): Promise<JoinResultDto> {
    return this.lock.exclusive('join', () => this.joinUnlocked(dto));
  }

  private async joinUnlocked(dto: JoinDto): Promise<JoinResultDto> {
    const started = Date.now();
    const cluster = this.repo.cluster();
    if (cluster) throw new DomainError(ErrorCode.AlreadyInCluster, `this node already belongs to cluster "${cluster.name}"`);
    const invitation = this.readInvitation(dto.token);
    this.secrets.add(invitation.bootstrapPrivateKey);
    this.secrets.add(dto.token.trim());
    await driverStep(() => this.driver.checkTools());
    if (await this.driver.interfaceExists(MESH_DEFAULTS.interface))
      throw new DomainError(ErrorCode.MeshFailed, `interface ${MESH_DEFAULTS.interface} already exists on this host: remove it first (ip link del ${MESH_DEFAULTS.interface})`);
    const prefix = parseCidr(invitation.network).network.prefix;
    const inviterEndpoint = invitation.inviter.endpoints[0] ?? '';
    const own = generateKeyPair();
    this.secrets.add(own.privateKey);
    try {
      this.keys.write('bootstrap', invitation.bootstrapPrivateKey);
      await driverStep(() =>
        this.driver.ensureInterface({
          name: MESH_DEFAULTS.interface,
          privateKeyFile: this.keys.path('bootstrap'),
          listenPort: invitation.port,
          address: `${invitation.assignedIp}/${prefix}`,
          mtu: MESH_DEFAULTS.mtu,
        }),
      );
      await driverStep(() =>
        this.driver.setPeer(MESH_DEFAULTS.interface, {
          publicKey: invitation.inviter.publicKey,
          endpoint: inviterEndpoint,
          allowedIps: [`${invitation.inviter.meshIp}/32`],
          keepalive: MESH_DEFAULTS.keepalive,
        }),
      );
      const endpoint = dto.endpoint ?? (await this.detectEndpoint(inviterEndpoint, invitation.port));
      const answer = await this.redeem(invitation, { token: dto.token.trim(), publicKey: own.publicKey, endpoint, name: this.config.nodeName });
      await sleep(SWITCH_DELAY_MS);
      this.keys.write('current', own.privateKey);
      this.keys.remove('bootstrap');
      this.repo.transaction(() => {
        this.repo.createCluster(
          { ...answer.cluster, generation: answer.generation, createdAt: new Date().toISOString() },
          {
            nodeName: this.config.nodeName,
            interface: MESH_DEFAULTS.interface,
            meshIp: invitation.assignedIp,
            listenPort: invitation.port,
            peerApiPort: invitation.inviter.peerApiPort,
            mtu: MESH_DEFAULTS.mtu,
            desiredUp: true,
          },
        );
        this.repo.replaceMembers(answer.generation, answer.members);
      });
    } catch (error) {
      // Nothing of the attempt stays: no interface, no state, no key.
      await this.driver.deleteInterface(MESH_DEFAULTS.interface).catch(() => undefined);
      if (this.repo.cluster()) this.repo.forgetCluster();
      this.keys.removeAll();
      throw error;
    }
    await driverStep(() => this.reconciler.reconcile());
    const others = this.repo.members().filter((m) => m.name !== this.config.nodeName);
    const connected = await this.awaitTunnels(others, invitation.inviter.peerApiPort);
    const inviter = others.find((m) => m.name === invitation.inviter.name);
    for (const listener of inviter ? this.joinedListeners : []) {
      await listener(inviter as Member).catch((error: unknown) => this.logger.event('warn', 'mesh', `after joining: ${(error as Error).message}`));
    }
    const elapsedMs = Date.now() - started;
    this.logger.event('info', 'mesh', `joined cluster "${invitation.clusterName}" as ${invitation.assignedIp}`, { connected, elapsedMs });
    return {
      clusterName: invitation.clusterName,
      nodeName: this.config.nodeName,
      meshIp: invitation.assignedIp,
      role: invitation.role ?? 'full',
      members: others.map((m) => m.name),
      connected,
      elapsedMs,
    };
  }

  private readInvitation(token: string): JoinInvitation {
    let invitation: JoinInvitation;
    try {
      invitation = decodeJoinToken(token).invitation;
    } catch (error) {
      throw new DomainError(ErrorCode.InvitationDamaged, (error as JoinTokenError).message);
    }
    if (new Date(invitation.expiresAt).getTime() <= Date.now()) throw new DomainError(ErrorCode.InvitationExpired, `this invitation expired at ${invitation.expiresAt}: ask for a new one`);
    return invitation;
  }

  /** Calls the inviter through the bootstrap tunnel until it answers; relays its refusal as is. */
  private async redeem(invitation: JoinInvitation, request: RedeemRequest): Promise<RedeemAnswer> {
    const target = { meshIp: invitation.inviter.meshIp, port: invitation.inviter.peerApiPort };
    const started = Date.now();
    let deadline = started + BOOTSTRAP_TIMEOUT_MS;
    let lastError = '';
    for (;;) {
      if (Date.now() >= deadline) {
        // No handshake by now: the key was refused. A handshake: the inviter is there, only slow.
        if (deadline === started + REDEEM_TIMEOUT_MS || !(await this.handshakeDone())) break;
        deadline = started + REDEEM_TIMEOUT_MS;
      }
      try {
        const answer = await this.client.call(PEER_ROUTES.redeemInvitation, target, { body: request, timeoutMs: REDEEM_CALL_TIMEOUT_MS });
        if (answer.ok) return answer.body;
        const code = Object.values(ErrorCode).includes(answer.error.code as ErrorCode) ? (answer.error.code as ErrorCode) : ErrorCode.PeerUnreachable;
        throw new DomainError(code, `${invitation.inviter.name} refused: ${answer.error.message ?? `HTTP ${answer.status}`}`);
      } catch (error) {
        if (error instanceof DomainError) throw error;
        lastError = (error as Error).message;
        await sleep(200);
      }
    }
    if (!(await this.handshakeDone())) {
      throw new DomainError(
        ErrorCode.InvitationNotAccepted,
        `${invitation.inviter.name} (${invitation.inviter.endpoints.join(', ')}) did not accept this invitation's key: it was already used or revoked, or ${invitation.inviter.name} cannot be reached on that address. Ask for a new invitation.`,
      );
    }
    throw new DomainError(ErrorCode.PeerUnreachable, `the tunnel to ${invitation.inviter.name} is up but its agent does not answer (${lastError})`);
  }

  private async handshakeDone(): Promise<boolean> {
    return (await this.driver.dump(MESH_DEFAULTS.interface)).peers.some((p) => p.latestHandshake !== null);
  }

  /**
   * Waits until every member answers through the tunnel made with this node's own key (a TCP
   * connect needs a fresh handshake; the dump's handshake time may still be the bootstrap's).
   */
  private async awaitTunnels(peers: { name: string; meshIp: string }[], port: number): Promise<string[]> {
    const deadline = Date.now() + HANDSHAKES_TIMEOUT_MS;
    const reached = new Set<string>();
    while (Date.now() < deadline && reached.size < peers.length) {
      await Promise.all(
        peers
          .filter((p) => !reached.has(p.name))
          .map(async (p) => {
            if ((await tcpRoundTripMs(p.meshIp, port, 1_000)) !== null) reached.add(p.name);
          }),
      );
    }
    return peers.filter((p) => reached.has(p.name)).map((p) => p.name);
  }

  private async detectEndpoint(inviterEndpoint: string, port: number): Promise<string> {
    const host = inviterEndpoint.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
    const ip = (await this.driver.sourceAddressFor(host)) ?? (await this.driver.primaryAddress());
    if (!ip) throw new DomainError(ErrorCode.ValidationFailed, 'no address to announce was found on this host: give one with --endpoint HOST:PORT');
    return `${ip}:${port}`;
  }
}
