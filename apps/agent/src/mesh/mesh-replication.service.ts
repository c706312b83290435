import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { NonceCache, verifyPeerRequest } from '@sfha/mesh';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';
import { JsonLogger } from '../logging/json-logger';
import { SecretRegistry } from '../logging/secret-registry';
import { notInCluster } from './mesh-errors';
import { MeshReconciler } from './mesh-reconciler.service';
import { meshState, type MeshState } from './mesh-state';
import { MeshRepository } from './mesh.repository';
import type { Member, MemberList } from './mesh.types';
import { isMemberList, shouldAdopt } from './member-list';
import { PeerApiServer, type PeerRequest } from './peer-api/peer-api.server';
import { PeerClient } from './peer-api/peer-client';

const SYNC_EVERY_MS = 15_000;
const MEMBERS_PATH = '/peer/v1/members';

/**
 * Replicates the member list (DESIGN.md §4, first step): a change gets the next generation
 * and is pushed to every member; members also pull from each other every 15 s, so one that
 * was down catches up. Leader-based majority commit arrives with Corosync (HA engine).
 */
@Injectable()
export class MeshReplication implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly nonces = new NonceCache();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly repo: MeshRepository,
    private readonly reconciler: MeshReconciler,
    private readonly peerApi: PeerApiServer,
    private readonly client: PeerClient,
    private readonly secrets: SecretRegistry,
    private readonly logger: JsonLogger,
  ) {}

  onModuleInit(): void {
    this.peerApi.register('PUT', MEMBERS_PATH, (req) => this.receive(req));
    this.peerApi.register('GET', MEMBERS_PATH, (req) => {
      const state = this.authenticate(req);
      return Promise.resolve({ status: 200, body: { generation: state.cluster.generation, members: state.members } satisfies MemberList });
    });
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sync(), SYNC_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  state(): MeshState {
    const state = meshState(this.repo.cluster(), this.repo.self(), this.repo.members());
    if (!state) throw notInCluster();
    this.secrets.add(state.cluster.secret);
    return state;
  }

  /**
   * Stores the next generation of the member list, tells every member, and applies it here.
   * `applyLocally: false` leaves the local apply to the caller (when it must wait).
   */
  async commit(change: (members: Member[]) => Member[], options: { exclude?: string[]; applyLocally?: boolean; pushTimeoutMs?: number } = {}): Promise<MemberList> {
    const state = this.state();
    const next: MemberList = { generation: state.cluster.generation + 1, members: change(state.members) };
    this.repo.replaceMembers(next.generation, next.members);
    this.logger.event('info', 'mesh', `member list generation ${next.generation}: ${next.members.map((m) => m.name).join(', ')}`);
    await this.push(next, options.exclude ?? [], options.pushTimeoutMs);
    if (options.applyLocally !== false) await this.reconciler.reconcile();
    return next;
  }

  /** Sends the list to every other member it names (best effort: the 15 s sync repairs misses). */
  async push(list: MemberList, exclude: readonly string[], timeoutMs?: number): Promise<void> {
    const state = this.state();
    await this.pushTo(list.members.filter((m) => m.name !== state.self.nodeName && !exclude.includes(m.name)), list, timeoutMs);
  }

  /** Sends the list to the given members, whether or not it names them. */
  async pushTo(targets: readonly Member[], list: MemberList, timeoutMs = 3_000): Promise<void> {
    const state = this.state();
    await Promise.all(
      targets.map(async (m) => {
        try {
          const answer = await this.client.call(this.target(m, state), 'PUT', MEMBERS_PATH, { body: list, sign: this.signer(state), timeoutMs });
          if (answer.status !== 200) this.logger.event('warn', 'mesh', `${m.name} refused the member list: HTTP ${answer.status}`);
        } catch (error) {
          this.logger.event('warn', 'mesh', `could not send the member list to ${m.name}: ${(error as Error).message} (it will catch up)`);
        }
      }),
    );
  }

  /** The other members whose peer API does not answer a signed request now. */
  async unreachableMembers(): Promise<string[]> {
    const state = this.state();
    const others = state.members.filter((m) => m.name !== state.self.nodeName);
    const answers = await Promise.all(
      others.map((m) =>
        this.client.call(this.target(m, state), 'GET', MEMBERS_PATH, { sign: this.signer(state), timeoutMs: 2_000 }).then(
          (a) => a.status === 200,
          () => false,
        ),
      ),
    );
    return others.filter((_, i) => !answers[i]).map((m) => m.name);
  }

  /** Pulls every member's list and adopts a newer one. */
  async sync(): Promise<void> {
    const state = meshState(this.repo.cluster(), this.repo.self(), this.repo.members());
    if (!state?.self.desiredUp) return;
    for (const m of state.members.filter((x) => x.name !== state.self.nodeName)) {
      try {
        const answer = await this.client.call<MemberList>(this.target(m, state), 'GET', MEMBERS_PATH, { sign: this.signer(state), timeoutMs: 2_000 });
        if (answer.status === 200) this.adopt(answer.body, m.name);
      } catch {
        /* unreachable now: the status shows it */
      }
    }
  }

  private receive(req: PeerRequest) {
    const state = this.authenticate(req, req.body as MemberList);
    const list = req.body as MemberList;
    if (!isMemberList(list)) throw new DomainError(ErrorCode.ValidationFailed, 'a member list needs a generation and members with name, meshIp, publicKey, keepalive and joinedAt');
    const adopted = shouldAdopt({ generation: state.cluster.generation, members: state.members }, list);
    // Answer first, then apply: applying may change the key of the caller's tunnel.
    return Promise.resolve({ status: 200, body: { adopted }, afterSent: () => (adopted ? this.adopt(list, req.headers['x-sfha-node'] ?? '?') : undefined) });
  }

  /** Never throws: it runs after an answer was sent, or in the background sync. */
  private adopt(list: MemberList, from: string): void {
    const state = meshState(this.repo.cluster(), this.repo.self(), this.repo.members());
    if (!state || !isMemberList(list) || !shouldAdopt({ generation: state.cluster.generation, members: state.members }, list)) return;
    try {
      this.repo.replaceMembers(list.generation, list.members);
    } catch (error) {
      this.logger.event('warn', 'mesh', `member list generation ${list.generation} from ${from} not adopted: ${(error as Error).message}`);
      return;
    }
    this.logger.event('info', 'mesh', `adopted member list generation ${list.generation} from ${from}: ${list.members.map((m) => m.name).join(', ')}`);
    if (!list.members.some((m) => m.name === state.self.nodeName)) this.logger.event('warn', 'mesh', 'this node was removed from the cluster by another member');
    void this.reconciler.reconcile().catch(() => undefined);
  }

  /** A signed request from a member, coming from that member's own mesh address. */
  authenticate(req: PeerRequest, incoming?: MemberList): MeshState {
    const state = this.state();
    const auth = verifyPeerRequest(state.cluster.secret, { method: req.method, path: req.path, body: req.rawBody }, req.headers, Date.now(), this.nonces);
    if (!auth.ok) throw new DomainError(ErrorCode.Unauthenticated, `peer request refused: ${auth.reason}`);
    const known = [...state.members, ...(incoming?.members ?? [])].find((m) => m.name === auth.node);
    if (!known || known.meshIp !== req.remoteIp) throw new DomainError(ErrorCode.Unauthenticated, `peer request refused: ${auth.node} does not call from its mesh address`);
    return state;
  }

  private target(member: Member, state: MeshState) {
    return { meshIp: member.meshIp, port: state.self.peerApiPort };
  }

  signer(state: MeshState) {
    return { secret: state.cluster.secret, node: state.self.nodeName };
  }
}
