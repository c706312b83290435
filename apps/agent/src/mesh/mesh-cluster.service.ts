import { Inject, Injectable } from '@nestjs/common';
import { formatNetwork, generateKeyPair, isHostAddress, parseCidr, type WireGuardDriver } from '@sfha/mesh';
import { randomBytes, randomUUID } from 'node:crypto';
import type { AgentConfig } from '../config/agent-config';
import { AGENT_CONFIG } from '../config/agent-config.token';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';
import { JsonLogger } from '../logging/json-logger';
import type { AddPeerDto, ClusterDto, InitClusterDto } from './dto/mesh.dto';
import { driverStep } from './mesh-errors';
import { MeshKeyStore } from './mesh-key-store';
import { MeshLock } from './mesh-lock';
import { MeshReconciler } from './mesh-reconciler.service';
import { MeshReplication } from './mesh-replication.service';
import { MeshRepository } from './mesh.repository';
import type { Member, MeshSelf } from './mesh.types';
import { WIREGUARD_DRIVER } from './wireguard-driver.provider';

export const MESH_DEFAULTS = { interface: 'wg-sfha', port: 51820, peerApiPort: 7779, mtu: 1420, keepalive: 25 } as const;

/** Creating the cluster, and the member-list changes an admin makes by hand. */
@Injectable()
export class MeshClusterService {
  constructor(
    @Inject(AGENT_CONFIG) private readonly config: AgentConfig,
    private readonly repo: MeshRepository,
    private readonly keys: MeshKeyStore,
    private readonly reconciler: MeshReconciler,
    private readonly replication: MeshReplication,
    @Inject(WIREGUARD_DRIVER) private readonly driver: WireGuardDriver,
    private readonly lock: MeshLock,
    private readonly logger: JsonLogger,
  ) {}

  /** `sfha init`: keys, cluster secret, mesh up, all stored; undone whole if any step fails. */
  init(dto: InitClusterDto): Promise<ClusterDto> {
    return this.lock.exclusive('cluster init', () => this.initUnlocked(dto));
  }

  private async initUnlocked(dto: InitClusterDto): Promise<ClusterDto> {
    if (this.repo.cluster()) throw new DomainError(ErrorCode.AlreadyInCluster, `this node already belongs to cluster "${this.repo.cluster()?.name}"`);
    const { ip, network } = this.parseAddress(dto.address);
    const port = dto.port ?? MESH_DEFAULTS.port;
    await driverStep(() => this.driver.checkTools());
    if (await this.driver.interfaceExists(MESH_DEFAULTS.interface)) {
      throw new DomainError(ErrorCode.MeshFailed, `interface ${MESH_DEFAULTS.interface} already exists on this host: remove it first (ip link del ${MESH_DEFAULTS.interface})`);
    }
    if (!(await this.driver.udpPortFree(port))) {
      throw new DomainError(ErrorCode.MeshPortInUse, `UDP port ${port} is already in use on this host: choose another with --port`);
    }
    const owner = await this.driver.addressOwner(ip);
    if (owner) throw new DomainError(ErrorCode.MeshIpConflict, `${ip} is already used by interface ${owner} on this host: choose another mesh address`);
    const endpoint = dto.endpoint ?? (await this.detectEndpoint(port));
    const keys = generateKeyPair();
    const now = new Date().toISOString();
    const self: MeshSelf = {
      nodeName: this.config.nodeName,
      interface: MESH_DEFAULTS.interface,
      meshIp: ip,
      listenPort: port,
      peerApiPort: MESH_DEFAULTS.peerApiPort,
      mtu: MESH_DEFAULTS.mtu,
      desiredUp: true,
    };
    const me: Member = { name: self.nodeName, meshIp: ip, publicKey: keys.publicKey, pendingPublicKey: null, endpoint, keepalive: dto.keepalive ?? MESH_DEFAULTS.keepalive, joinedAt: now };
    try {
      this.keys.write('current', keys.privateKey);
      this.repo.transaction(() => {
        this.repo.createCluster({ clusterId: randomUUID(), name: dto.cluster, network: formatNetwork(network), secret: randomBytes(32).toString('base64url'), generation: 1, createdAt: now }, self);
        this.repo.replaceMembers(1, [me]);
      });
      await driverStep(() => this.reconciler.reconcile());
    } catch (error) {
      // Nothing half-done: no interface, no state, no key.
      await this.driver.deleteInterface(self.interface).catch(() => undefined);
      this.repo.forgetCluster();
      this.keys.removeAll();
      throw error;
    }
    this.logger.event('info', 'mesh', `cluster "${dto.cluster}" created`, { meshIp: ip, endpoint, network: formatNetwork(network) });
    return this.clusterDto();
  }

  clusterDto(): ClusterDto {
    const state = this.replication.state();
    return {
      clusterId: state.cluster.clusterId,
      name: state.cluster.name,
      network: state.cluster.network,
      generation: state.cluster.generation,
      members: state.members.map((m) => ({
        name: m.name,
        role: m.role ?? 'full',
        meshIp: m.meshIp,
        publicKey: m.publicKey,
        endpoint: m.endpoint,
        keepalive: m.keepalive,
        joinedAt: m.joinedAt,
        self: m.name === state.self.nodeName,
      })),
    };
  }

  async setUp(up: boolean): Promise<void> {
    this.replication.state();
    this.repo.setDesiredUp(up);
    await driverStep(() => this.reconciler.reconcile());
    this.logger.event('info', 'mesh', `mesh ${up ? 'up' : 'down'} (asked by the admin)`);
  }

  /** `mesh add-peer`: a member added by hand (its admin configures its side). */
  async addPeer(dto: AddPeerDto): Promise<ClusterDto> {
    const state = this.replication.state();
    const network = parseCidr(state.cluster.network).network;
    if (!isHostAddress(dto.ip, network)) throw new DomainError(ErrorCode.ValidationFailed, `ip ${dto.ip} is not a host address of the mesh network ${state.cluster.network}`);
    const clash = state.members.find((m) => m.name === dto.name || m.meshIp === dto.ip || m.publicKey === dto.publicKey);
    if (clash) throw new DomainError(ErrorCode.MemberConflict, `member ${clash.name} (${clash.meshIp}) already has this name, address or key`);
    const member: Member = {
      name: dto.name,
      meshIp: dto.ip,
      publicKey: dto.publicKey,
      pendingPublicKey: null,
      endpoint: dto.endpoint,
      keepalive: MESH_DEFAULTS.keepalive,
      joinedAt: new Date().toISOString(),
    };
    await this.replication.commit((members) => [...members, member]);
    return this.clusterDto();
  }

  /** `mesh remove-peer NAME`: gone from every member's WireGuard. */
  async removePeer(name: string): Promise<void> {
    const state = this.replication.state();
    if (name === state.self.nodeName) throw new DomainError(ErrorCode.MemberConflict, 'a node cannot remove itself: run remove-peer on another member');
    if (!state.members.some((m) => m.name === name)) throw new DomainError(ErrorCode.MemberNotFound, `no member named ${name} (members: ${state.members.map((m) => m.name).join(', ')})`);
    const removed = state.members.find((m) => m.name === name);
    const list = await this.replication.commit((members) => members.filter((m) => m.name !== name));
    // The removed node hears it too, so it stops believing it is a member.
    if (removed) await this.replication.pushTo([removed], list);
  }

  /** Changes where the other nodes reach this one. */
  async setEndpoint(endpoint: string): Promise<ClusterDto> {
    const state = this.replication.state();
    await this.replication.commit((members) => members.map((m) => (m.name === state.self.nodeName ? { ...m, endpoint } : m)));
    return this.clusterDto();
  }

  private parseAddress(address: string) {
    let parsed: ReturnType<typeof parseCidr>;
    try {
      parsed = parseCidr(address);
    } catch (error) {
      throw new DomainError(ErrorCode.ValidationFailed, (error as Error).message);
    }
    if (parsed.network.prefix > 30 || parsed.network.prefix < 8) throw new DomainError(ErrorCode.ValidationFailed, `the mesh network /${parsed.network.prefix} must be between /8 and /30`);
    if (!isHostAddress(parsed.ip, parsed.network)) throw new DomainError(ErrorCode.ValidationFailed, `${parsed.ip} is the network or broadcast address of ${formatNetwork(parsed.network)}`);
    return parsed;
  }

  private async detectEndpoint(port: number): Promise<string> {
    const ip = await this.driver.primaryAddress();
    if (!ip) throw new DomainError(ErrorCode.ValidationFailed, 'no address to announce was found on this host: give one with --endpoint HOST:PORT');
    return `${ip}:${port}`;
  }
}
