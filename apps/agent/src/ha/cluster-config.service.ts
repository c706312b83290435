import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { EventsService } from '../events/events.service';
import type { ConfigChangeSummary } from '@sfha/contracts';
import { adoption, applyChange, changeProblems, constraintId, DEFAULT_CLUSTER_CONFIG, isIdentityChange, majority, type ClusterSettings, type ConfigChange, type VersionedConfig } from '@sfha/ha';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';
import { JsonLogger } from '../logging/json-logger';
import type { MeshState } from '../mesh/mesh-state';
import { MeshJoinService } from '../mesh/mesh-join.service';
import { MeshFacade } from '../mesh/mesh.facade';
import type { Member } from '../mesh/mesh.types';
import { PeerApiServer } from '../peer/peer-api.server';
import { PeerClient } from '../peer/peer-client';
import { PEER_ROUTES, type PeerRoute, type RequestOf } from '../peer/peer-routes';
import { ClusterConfigRepository } from './cluster-config.repository';
import { ClusterMembership } from './cluster-membership.service';

const PULL_EVERY_MS = 10_000;
/** How long a change waits on a new leader for a majority to tell it the latest config (a forwarded change waits 8 s). */
const ADOPT_FOR_CHANGE_MS = 5_000;
/** How long a change forwarded to this node, as the others' leader, waits for this node's own view to be quorate (found by the chaos suite and the webhook fencing lab). */
const QUORUM_FOR_PROPOSAL_MS = 3_000;

/** A check every change must pass, where it is proposed and again on the leader (e.g. every member understands it). */
export type ChangeGuard = (change: ConfigChange) => Promise<void>;

/** A change as the timeline says it. */
/** A committed change as the timeline tells it (ConfigChangeSummary in the event catalogue). */
function summarizeChange(change: ConfigChange): ConfigChangeSummary {
  switch (change.kind) {
    case 'settings':
      return { kind: 'settings', patch: { ...change.patch } };
    case 'put-fence-device':
      return { kind: 'put-fence-device', device: change.device.name, agent: change.device.kind === 'webhook' ? 'webhook' : change.device.agent };
    case 'delete-fence-device':
      return { kind: 'delete-fence-device', device: change.name };
    case 'put-group':
      return { kind: 'put-group', group: change.group.name };
    case 'delete-group':
      return { kind: 'delete-group', group: change.name };
    case 'move':
      return { kind: 'move', group: change.group, node: change.node };
    case 'standby':
      return { kind: 'standby', node: change.node, on: change.on };
    case 'maintenance':
      return { kind: 'maintenance', on: change.on };
    case 'put-constraint':
      return { kind: 'put-constraint', id: constraintId(change.constraint) };
    case 'delete-constraint':
      return { kind: 'delete-constraint', id: change.id };
    default:
      return { kind: 'other', name: change.kind };
  }
}

/**
 * docs/design.md §4: a change is accepted only on a quorate partition, goes to the leader, gets
 * the next generation, is prepared on the members and committed once a majority stored it,
 * then applied everywhere. A new leader first adopts the highest committed generation.
 */
@Injectable()
export class ClusterConfigService implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  /** The leader epoch for which this node, as leader, adopted the highest committed config. */
  private adoptedInEpoch = -1;
  /** The leader epoch for which this node, as follower, caught up with the leader. */
  private syncedInEpoch = -1;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly guards: ChangeGuard[] = [];

  constructor(
    private readonly repo: ClusterConfigRepository,
    private readonly membership: ClusterMembership,
    private readonly mesh: MeshFacade,
    private readonly peerApi: PeerApiServer,
    private readonly client: PeerClient,
    private readonly events: EventsService,
    private readonly logger: JsonLogger,
    private readonly join: MeshJoinService,
  ) {}

  onModuleInit(): void {
    this.join.onJoined((inviter) => this.adoptClusterConfig(inviter));
    this.peerApi.serve(PEER_ROUTES.config, () => Promise.resolve({ body: this.repo.committed() }));
    this.peerApi.serve(PEER_ROUTES.prepareConfig, ({ body }) => this.onPrepare(body));
    this.peerApi.serve(PEER_ROUTES.commitConfig, ({ body }) => this.onCommit(body.generation));
    // The proposer counts this node as its quorate partition's leader: this node's own view may lag a moment behind.
    this.peerApi.serve(PEER_ROUTES.proposeConfig, async ({ body }) => {
      await this.membership.whenQuorate(QUORUM_FOR_PROPOSAL_MS);
      return { body: await this.commitHere(body) };
    });
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.pullFromLeader().catch(() => undefined), PULL_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  current(): VersionedConfig {
    return this.repo.committed();
  }

  onCommitted(listener: () => void): void {
    this.repo.onCommit(listener);
  }

  /**
   * True once this node's config is current for the present leadership: a leader has adopted
   * the highest committed generation among the members, a follower has caught up with the
   * leader. A node that comes back must never act on the config it had before (split brain).
   */
  async ensureCurrent(): Promise<boolean> {
    const view = this.membership.view();
    if (!view?.quorate || !view.leader) return false;
    const epoch = this.membership.leaderEpoch();
    const state = this.mesh.state();
    if (view.leader === state.self.nodeName) {
      return this.adoptedInEpoch === epoch || (await this.adoptHighest(state));
    }
    if (this.syncedInEpoch === epoch) return true;
    try {
      await this.pullFromLeader(true);
      this.syncedInEpoch = epoch;
      return true;
    } catch (error) {
      this.logger.event('warn', 'cluster', `could not catch up with the leader's config: ${(error as Error).message}`);
      return false;
    }
  }

  /** Adds a check that every change must pass before it is committed (it throws a DomainError to refuse). */
  addGuard(guard: ChangeGuard): void {
    this.guards.push(guard);
  }

  private async guard(change: ConfigChange): Promise<void> {
    for (const check of this.guards) await check(change);
  }

  /**
   * Whether this node knows the cluster now, without asking anyone: quorate, and its config
   * adopted (leader) or caught up (follower) in the present leadership. The fence gate.
   */
  knowsCluster(): boolean {
    const view = this.membership.view();
    if (!view?.quorate || !view.leader) return false;
    const epoch = this.membership.leaderEpoch();
    return view.leader === this.mesh.state().self.nodeName ? this.adoptedInEpoch === epoch : this.syncedInEpoch === epoch;
  }

  changeSettings(patch: Partial<ClusterSettings>): Promise<VersionedConfig> {
    return this.propose({ kind: 'settings', patch });
  }

  /** An admin's change, from any node: checked, then committed by the leader. */
  async propose(change: ConfigChange): Promise<VersionedConfig> {
    // A quick refusal on this node's config, except on a leader that has not adopted the latest
    // yet (it may be behind: commitHere checks again once it has).
    const problems = this.isUnadoptedLeader() ? [] : changeProblems(this.repo.committed().config, change);
    if (problems.length > 0) throw new DomainError(ErrorCode.ValidationFailed, problems.join('; '));
    // A node alone (no cluster yet) keeps its users: they become the cluster's when it creates one.
    if (isIdentityChange(change) && !this.inCluster()) return this.commitAlone(change);
    const { leader, state } = this.quorateLeader();
    await this.guard(change);
    const result = leader.name === state.self.nodeName ? await this.commitHere(change) : await this.forward(change, leader, state);
    // Identity changes are told by their own events (users, tokens), never with their hashes.
    if (change.kind !== 'assign' && change.kind !== 'ban' && !isIdentityChange(change))
      this.events.record({ code: 'config.changed', params: { generation: result.generation, change: summarizeChange(change) } });
    return result;
  }

  /**
   * After joining a cluster: the cluster's config replaces whatever this node had alone (its
   * users among it), whatever the generations. Until the inviter answers, generation 0.
   */
  async adoptClusterConfig(inviter: Member): Promise<void> {
    this.repo.commit({ generation: 0, config: DEFAULT_CLUSTER_CONFIG });
    const state = this.mesh.state();
    for (let attempt = 0; attempt < 5; attempt++) {
      const answer = await this.client.call(PEER_ROUTES.config, this.target(inviter, state), { timeoutMs: 2_000 }).catch(() => null);
      if (answer?.ok) {
        this.repo.commit(answer.body);
        this.logger.event('info', 'cluster', `joined: adopted cluster config generation ${answer.body.generation} from ${inviter.name}`);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    this.logger.event('warn', 'cluster', `joined, but ${inviter.name} did not send the cluster config yet: it comes with the next pull`);
  }

  private isUnadoptedLeader(): boolean {
    const leader = this.membership.view()?.leader;
    return this.inCluster() && leader === this.mesh.state().self.nodeName && this.adoptedInEpoch !== this.membership.leaderEpoch();
  }

  private inCluster(): boolean {
    try {
      this.mesh.state();
      return true;
    } catch {
      return false;
    }
  }

  /** Identity changes of a node that is in no cluster: committed here, serialized like the leader's. */
  private commitAlone(change: ConfigChange): Promise<VersionedConfig> {
    const run = this.queue.then(() => {
      const current = this.repo.committed();
      const problems = changeProblems(current.config, change);
      if (problems.length > 0) throw new DomainError(ErrorCode.ValidationFailed, problems.join('; '));
      const next: VersionedConfig = { generation: current.generation + 1, config: applyChange(current.config, change) };
      this.repo.commit(next);
      return next;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async forward(change: ConfigChange, leader: Member, state: MeshState): Promise<VersionedConfig> {
    const answer = await this.client.call(PEER_ROUTES.proposeConfig, this.target(leader, state), { body: change, timeoutMs: 8_000 }).catch((error: unknown) => {
      throw new DomainError(ErrorCode.PeerUnreachable, `the leader ${leader.name} did not answer: ${(error as Error).message}`);
    });
    if (!answer.ok) {
      const code = Object.values(ErrorCode).includes(answer.error.code as ErrorCode) ? (answer.error.code as ErrorCode) : ErrorCode.NotCommitted;
      throw new DomainError(code, `the leader ${leader.name} refused: ${answer.error.message ?? `HTTP ${answer.status}`}`);
    }
    this.repo.commit({ generation: answer.body.generation, config: answer.body.config });
    return this.repo.committed();
  }

  /** On the leader: next generation, prepared on a majority, then committed. Serialized. */
  private commitHere(change: ConfigChange): Promise<VersionedConfig> {
    const run = this.queue.then(async () => {
      const { leader, state } = this.quorateLeader();
      if (leader.name !== state.self.nodeName) throw new DomainError(ErrorCode.NotCommitted, `${state.self.nodeName} is not the leader (${leader.name} is)`);
      if (this.adoptedInEpoch !== this.membership.leaderEpoch()) await this.adoptBeforeChange(state);
      const current = this.repo.committed();
      const problems = changeProblems(current.config, change);
      if (problems.length > 0) throw new DomainError(ErrorCode.ValidationFailed, problems.join('; '));
      await this.guard(change);
      const next: VersionedConfig = { generation: current.generation + 1, config: applyChange(current.config, change) };
      // Members out of the membership cannot answer: not waited for (they catch up later).
      const others = this.onlineOthers(state);
      const acks = 1 + (await this.toAll(others, state, PEER_ROUTES.prepareConfig, next)).filter(Boolean).length;
      // Corosync's own quorum: a majority of the members, or 1 in a two-node cluster
      // (two_node), where fencing settles a split as it does for Pacemaker.
      const needed = Math.max(1, this.membership.view()?.quorum ?? majority(state.members.length));
      if (acks < needed) throw new DomainError(ErrorCode.NotCommitted, `only ${acks} of ${state.members.length} members stored the change (${needed} needed): nothing was applied`);
      this.repo.commit(next);
      this.logger.event('info', 'cluster', `cluster config generation ${next.generation} committed (${change.kind})`, { acks });
      void this.toAll(others, state, PEER_ROUTES.commitConfig, { generation: next.generation });
      return next;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private quorateLeader(): { leader: Member; state: MeshState } {
    const state = this.mesh.state();
    const view = this.membership.view();
    if (!view?.quorate || !view.leader) throw new DomainError(ErrorCode.NoQuorum, "this node's partition has no quorum: configuration changes are refused until it has");
    const leader = state.members.find((m) => m.name === view.leader);
    if (!leader) throw new DomainError(ErrorCode.NoQuorum, 'no leader is known yet');
    return { leader, state };
  }

  /**
   * A new leader takes the highest committed generation among the members it reaches, and
   * counts as current only once a quorum, itself included, has answered (`adoption`).
   */
  private async adoptHighest(state: MeshState): Promise<boolean> {
    const epoch = this.membership.leaderEpoch();
    const others = this.onlineOthers(state);
    const answers = await Promise.all(
      others.map((m) =>
        this.client.call(PEER_ROUTES.config, this.target(m, state), { timeoutMs: 2_000 }).then(
          (a) => (a.ok ? a.body : null),
          () => null,
        ),
      ),
    );
    const quorum = this.membership.view()?.quorum ?? majority(state.members.length);
    const { current, config } = adoption(this.repo.committed(), answers, quorum);
    if (config.generation > this.repo.committed().generation) {
      this.repo.commit(config);
      this.logger.event('info', 'cluster', `as the new leader, adopted cluster config generation ${config.generation}`);
    }
    if (current) this.adoptedInEpoch = epoch;
    return current;
  }

  /** For a change on a new leader: adoption, retried while the members it just met come within reach. */
  private async adoptBeforeChange(state: MeshState): Promise<void> {
    const deadline = Date.now() + ADOPT_FOR_CHANGE_MS;
    while (!(await this.adoptHighest(state))) {
      if (Date.now() >= deadline)
        throw new DomainError(
          ErrorCode.NotCommitted,
          `${state.self.nodeName} has just become the leader and could not read the latest config from a majority yet: nothing was applied, try again in a few seconds`,
        );
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  /** The proposal's shape and settings were checked by the peer route's schema. */
  private onPrepare(proposal: VersionedConfig) {
    if (proposal.generation <= this.repo.committed().generation) throw new DomainError(ErrorCode.NotCommitted, `generation ${proposal.generation} is not newer than the committed one`);
    this.repo.prepare(proposal);
    return Promise.resolve({ body: { stored: true as const } });
  }

  private onCommit(generation: number) {
    const pending = this.repo.pending();
    if (pending && pending.generation === generation) {
      this.repo.commit(pending);
      this.logger.event('info', 'cluster', `cluster config generation ${pending.generation} applied`);
    }
    return Promise.resolve({ body: { committed: this.repo.committed().generation } });
  }

  /** Followers catch up with the leader's committed config (after a partition, a restart…). */
  private async pullFromLeader(strict = false): Promise<void> {
    const view = this.membership.view();
    if (!view?.quorate || !view.leader) return;
    const state = this.mesh.state();
    const leader = state.members.find((m) => m.name === view.leader);
    if (!leader || leader.name === state.self.nodeName) return;
    const answer = await this.client.call(PEER_ROUTES.config, this.target(leader, state), { timeoutMs: 2_000 });
    if (strict && !answer.ok) throw new Error(`the leader ${leader.name} answered HTTP ${answer.status}`);
    if (answer.ok && answer.body.generation > this.repo.committed().generation) {
      this.repo.commit(answer.body);
      this.logger.event('info', 'cluster', `caught up with cluster config generation ${answer.body.generation} from ${leader.name}`);
    }
  }

  private toAll<R extends PeerRoute>(members: readonly Member[], state: MeshState, route: R, body: RequestOf<R>): Promise<boolean[]> {
    return Promise.all(
      members.map((m) =>
        this.client.call(route, this.target(m, state), { body, timeoutMs: 2_000 }).then(
          (a) => a.ok,
          () => false,
        ),
      ),
    );
  }

  private onlineOthers(state: MeshState): Member[] {
    const online = new Set(
      this.membership
        .view()
        ?.nodes.filter((n) => n.online)
        .map((n) => n.name) ?? [],
    );
    return state.members.filter((m) => m.name !== state.self.nodeName && online.has(m.name));
  }

  private target(member: Member, state: MeshState) {
    return { meshIp: member.meshIp, port: state.self.peerApiPort };
  }
}
