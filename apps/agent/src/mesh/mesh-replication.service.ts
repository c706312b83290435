import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { JsonLogger } from '../logging/json-logger';
import { SecretRegistry } from '../logging/secret-registry';
import { notInCluster } from './mesh-errors';
import { MeshReconciler } from './mesh-reconciler.service';
import { meshState, type MeshState } from './mesh-state';
import { MeshRepository } from './mesh.repository';
import type { Member, MemberList } from './mesh.types';
import { shouldAdopt } from './member-list';
import { PeerApiServer, type PeerCall } from '../peer/peer-api.server';
import { PeerClient } from '../peer/peer-client';
import { PEER_ROUTES } from '../peer/peer-routes';

const SYNC_EVERY_MS = 15_000;

/**
 * Replicates the member list (docs/design.md §4, first step): a change gets the next generation
 * and is pushed to every member; members also pull from each other every 15 s, so one that
 * was down catches up. Leader-based majority commit arrives with Corosync (HA engine).
 */
@Injectable()
export class MeshReplication implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
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
    // A pushed list may name a member this node does not know yet: it may call from its address.
    this.peerApi.serve(PEER_ROUTES.pushMembers, (call) => this.receive(call), { callersIn: (list) => list.members });
    this.peerApi.serve(PEER_ROUTES.members, () => {
      const state = this.state();
      return Promise.resolve({ body: { generation: state.cluster.generation, members: state.members } });
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
    await this.pushTo(
      list.members.filter((m) => m.name !== state.self.nodeName && !exclude.includes(m.name)),
      list,
      timeoutMs,
    );
  }

  /** Sends the list to the given members, whether or not it names them. */
  async pushTo(targets: readonly Member[], list: MemberList, timeoutMs = 3_000): Promise<void> {
    const state = this.state();
    await Promise.all(
      targets.map(async (m) => {
        try {
          const answer = await this.client.call(PEER_ROUTES.pushMembers, this.target(m, state), { body: list, timeoutMs });
          if (!answer.ok) this.logger.event('warn', 'mesh', `${m.name} refused the member list: HTTP ${answer.status}`);
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
        this.client.call(PEER_ROUTES.members, this.target(m, state), { timeoutMs: 2_000 }).then(
          (a) => a.ok,
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
        const answer = await this.client.call(PEER_ROUTES.members, this.target(m, state), { timeoutMs: 2_000 });
        if (answer.ok) this.adopt(answer.body, m.name);
      } catch {
        /* unreachable now: the status shows it */
      }
    }
  }

  private receive({ body: list, caller }: PeerCall<MemberList>) {
    const state = this.state();
    const adopted = shouldAdopt({ generation: state.cluster.generation, members: state.members }, list);
    // Answer first, then apply: applying may change the key of the caller's tunnel.
    return Promise.resolve({ body: { adopted }, afterSent: () => (adopted ? this.adopt(list, caller ?? '?') : undefined) });
  }

  /** Never throws: it runs after an answer was sent, or in the background sync. */
  private adopt(list: MemberList, from: string): void {
    const state = meshState(this.repo.cluster(), this.repo.self(), this.repo.members());
    if (!state || !shouldAdopt({ generation: state.cluster.generation, members: state.members }, list)) return;
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

  private target(member: Member, state: MeshState) {
    return { meshIp: member.meshIp, port: state.self.peerApiPort };
  }
}
