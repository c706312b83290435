import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { EventsService } from '../events/events.service';
import { applyChange, changeProblems, highestCommitted, majority, settingsProblems, type ClusterSettings, type ConfigChange, type VersionedConfig } from '@sfha/ha';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';
import { JsonLogger } from '../logging/json-logger';
import type { MeshState } from '../mesh/mesh-state';
import { MeshReplication } from '../mesh/mesh-replication.service';
import type { Member } from '../mesh/mesh.types';
import { PeerApiServer, type PeerRequest } from '../mesh/peer-api/peer-api.server';
import { PeerClient } from '../mesh/peer-api/peer-client';
import { ClusterConfigRepository } from './cluster-config.repository';
import { ClusterMembership } from './cluster-membership.service';

const PATHS = { config: '/peer/v1/config', prepare: '/peer/v1/config/prepare', commit: '/peer/v1/config/commit', propose: '/peer/v1/config/propose' };
const PULL_EVERY_MS = 10_000;

/** A change as the timeline says it. */
function describeChange(change: ConfigChange): string {
  switch (change.kind) {
    case 'settings':
      return `settings ${JSON.stringify(change.patch)}`;
    case 'put-fence-device':
      return `fence device ${change.device.name} (${change.device.kind === 'webhook' ? 'webhook' : change.device.agent}) set`;
    case 'delete-fence-device':
      return `fence device ${change.name} removed`;
    case 'put-group':
      return `group ${change.group.name} set`;
    case 'delete-group':
      return `group ${change.name} removed`;
    case 'move':
      return change.node ? `group ${change.group} moved to ${change.node}` : `group ${change.group} cleared`;
    case 'standby':
      return `${change.node} ${change.on ? 'in standby' : 'out of standby'}`;
    case 'maintenance':
      return `maintenance ${change.on ? 'on' : 'off'}`;
    default:
      return change.kind;
  }
}

/**
 * DESIGN.md §4: a change is accepted only on a quorate partition, goes to the leader, gets
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

  constructor(
    private readonly repo: ClusterConfigRepository,
    private readonly membership: ClusterMembership,
    private readonly replication: MeshReplication,
    private readonly peerApi: PeerApiServer,
    private readonly client: PeerClient,
    private readonly events: EventsService,
    private readonly logger: JsonLogger,
  ) {}

  onModuleInit(): void {
    this.peerApi.register('GET', PATHS.config, (req) => {
      this.replication.authenticate(req);
      return Promise.resolve({ status: 200, body: this.repo.committed() });
    });
    this.peerApi.register('PUT', PATHS.prepare, (req) => this.onPrepare(req));
    this.peerApi.register('POST', PATHS.commit, (req) => this.onCommit(req));
    this.peerApi.register('POST', PATHS.propose, async (req) => {
      this.replication.authenticate(req);
      return { status: 200, body: await this.commitHere((req.body ?? {}) as ConfigChange) };
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
    const state = this.replication.state();
    if (view.leader === state.self.nodeName) {
      if (this.adoptedInEpoch !== epoch) await this.adoptHighest(state);
      return this.adoptedInEpoch === epoch;
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

  changeSettings(patch: Partial<ClusterSettings>): Promise<VersionedConfig> {
    return this.propose({ kind: 'settings', patch });
  }

  /** An admin's change, from any node: checked, then committed by the leader. */
  async propose(change: ConfigChange): Promise<VersionedConfig> {
    const problems = changeProblems(this.repo.committed().config, change);
    if (problems.length > 0) throw new DomainError(ErrorCode.ValidationFailed, problems.join('; '));
    const { leader, state } = this.quorateLeader();
    const result = leader.name === state.self.nodeName ? await this.commitHere(change) : await this.forward(change, leader, state);
    if (change.kind !== 'assign' && change.kind !== 'ban') this.events.record('admin', 'info', `configuration changed: ${describeChange(change)} (generation ${result.generation})`, { kind: change.kind });
    return result;
  }

  private async forward(change: ConfigChange, leader: Member, state: MeshState): Promise<VersionedConfig> {
    const answer = await this.client
      .call<VersionedConfig & { code?: string; message?: string }>({ meshIp: leader.meshIp, port: state.self.peerApiPort }, 'POST', PATHS.propose, { body: change, sign: this.replication.signer(state), timeoutMs: 8_000 })
      .catch((error: unknown) => {
        throw new DomainError(ErrorCode.PeerUnreachable, `the leader ${leader.name} did not answer: ${(error as Error).message}`);
      });
    if (answer.status !== 200) throw new DomainError((answer.body.code as ErrorCode) ?? ErrorCode.NotCommitted, `the leader ${leader.name} refused: ${answer.body.message ?? `HTTP ${answer.status}`}`);
    this.repo.commit({ generation: answer.body.generation, config: answer.body.config });
    return this.repo.committed();
  }

  /** On the leader: next generation, prepared on a majority, then committed. Serialized. */
  private commitHere(change: ConfigChange): Promise<VersionedConfig> {
    const run = this.queue.then(async () => {
      const { leader, state } = this.quorateLeader();
      if (leader.name !== state.self.nodeName) throw new DomainError(ErrorCode.NotCommitted, `${state.self.nodeName} is not the leader (${leader.name} is)`);
      if (this.adoptedInEpoch !== this.membership.leaderEpoch()) await this.adoptHighest(state);
      const current = this.repo.committed();
      const problems = changeProblems(current.config, change);
      if (problems.length > 0) throw new DomainError(ErrorCode.ValidationFailed, problems.join('; '));
      const next: VersionedConfig = { generation: current.generation + 1, config: applyChange(current.config, change) };
      // Members out of the membership cannot answer: not waited for (they catch up later).
      const others = this.onlineOthers(state);
      const acks = 1 + (await this.toAll(others, state, 'PUT', PATHS.prepare, next)).filter(Boolean).length;
      // Corosync's own quorum: a majority of the members, or 1 in a two-node cluster
      // (two_node), where fencing settles a split as it does for Pacemaker.
      const needed = Math.max(1, this.membership.view()?.quorum ?? majority(state.members.length));
      if (acks < needed) throw new DomainError(ErrorCode.NotCommitted, `only ${acks} of ${state.members.length} members stored the change (${needed} needed): nothing was applied`);
      this.repo.commit(next);
      this.logger.event('info', 'cluster', `cluster config generation ${next.generation} committed (${change.kind})`, { acks });
      void this.toAll(others, state, 'POST', PATHS.commit, { generation: next.generation });
      return next;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private quorateLeader(): { leader: Member; state: MeshState } {
    const state = this.replication.state();
    const view = this.membership.view();
    if (!view?.quorate || !view.leader) throw new DomainError(ErrorCode.NoQuorum, "this node's partition has no quorum: configuration changes are refused until it has");
    const leader = state.members.find((m) => m.name === view.leader);
    if (!leader) throw new DomainError(ErrorCode.NoQuorum, 'no leader is known yet');
    return { leader, state };
  }

  /** A new leader takes the highest committed generation among the members it reaches. */
  private async adoptHighest(state: MeshState): Promise<void> {
    const epoch = this.membership.leaderEpoch();
    const others = this.onlineOthers(state);
    const configs = await Promise.all(
      others.map((m) =>
        this.client.call<VersionedConfig>(this.target(m, state), 'GET', PATHS.config, { sign: this.replication.signer(state), timeoutMs: 2_000 }).then(
          (a) => (a.status === 200 ? a.body : null),
          () => null,
        ),
      ),
    );
    const best = highestCommitted([this.repo.committed(), ...configs]);
    if (best && best.generation > this.repo.committed().generation) {
      this.repo.commit(best);
      this.logger.event('info', 'cluster', `as the new leader, adopted cluster config generation ${best.generation}`);
    }
    this.adoptedInEpoch = epoch;
  }

  private onPrepare(req: PeerRequest) {
    this.replication.authenticate(req);
    const proposal = req.body as VersionedConfig;
    if (!Number.isInteger(proposal?.generation) || !proposal.config?.settings || settingsProblems(proposal.config.settings).length > 0) {
      throw new DomainError(ErrorCode.ValidationFailed, 'a proposal needs a generation and a valid config');
    }
    if (proposal.generation <= this.repo.committed().generation) return Promise.resolve({ status: 409, body: { code: ErrorCode.NotCommitted, message: 'an older generation' } });
    this.repo.prepare(proposal);
    return Promise.resolve({ status: 200, body: { stored: true } });
  }

  private onCommit(req: PeerRequest) {
    this.replication.authenticate(req);
    const generation = (req.body as { generation?: number })?.generation;
    const pending = this.repo.pending();
    if (pending && pending.generation === generation) {
      this.repo.commit(pending);
      this.logger.event('info', 'cluster', `cluster config generation ${pending.generation} applied`);
    }
    return Promise.resolve({ status: 200, body: { committed: this.repo.committed().generation } });
  }

  /** Followers catch up with the leader's committed config (after a partition, a restart…). */
  private async pullFromLeader(strict = false): Promise<void> {
    const view = this.membership.view();
    if (!view?.quorate || !view.leader) return;
    const state = this.replication.state();
    const leader = state.members.find((m) => m.name === view.leader);
    if (!leader || leader.name === state.self.nodeName) return;
    const answer = await this.client.call<VersionedConfig>(this.target(leader, state), 'GET', PATHS.config, { sign: this.replication.signer(state), timeoutMs: 2_000 });
    if (strict && answer.status !== 200) throw new Error(`the leader ${leader.name} answered HTTP ${answer.status}`);
    if (answer.status === 200 && answer.body.generation > this.repo.committed().generation) {
      this.repo.commit(answer.body);
      this.logger.event('info', 'cluster', `caught up with cluster config generation ${answer.body.generation} from ${leader.name}`);
    }
  }

  private toAll(members: readonly Member[], state: MeshState, method: 'PUT' | 'POST', path: string, body: unknown): Promise<boolean[]> {
    return Promise.all(
      members.map((m) =>
        this.client.call(this.target(m, state), method, path, { body, sign: this.replication.signer(state), timeoutMs: 2_000 }).then(
          (a) => a.status === 200,
          () => false,
        ),
      ),
    );
  }

  private onlineOthers(state: MeshState): Member[] {
    const online = new Set(this.membership.view()?.nodes.filter((n) => n.online).map((n) => n.name) ?? []);
    return state.members.filter((m) => m.name !== state.self.nodeName && online.has(m.name));
  }

  private target(member: Member, state: MeshState) {
    return { meshIp: member.meshIp, port: state.self.peerApiPort };
  }
}
