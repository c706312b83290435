import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { placeGroups, withHandover, type Resource, type ResourceDriver, type ResourceGroup } from '@sfha/ha';
import { FencingService } from '../fencing/fencing.service';
import { ClusterConfigService } from '../ha/cluster-config.service';
import { ClusterMembership } from '../ha/cluster-membership.service';
import type { ClusterView } from '../ha/cluster-view';
import { JsonLogger } from '../logging/json-logger';
import { MeshReplication } from '../mesh/mesh-replication.service';
import { PeerApiServer } from '../mesh/peer-api/peer-api.server';
import { PeerClient } from '../mesh/peer-api/peer-client';
import { RESOURCE_DRIVER } from './resource-driver.provider';

const TICK_MS = 1_000;
const FENCE_RETRY_MS = 10_000;
export const RESOURCE_STATE_PATH = '/peer/v1/resources/state';

/** What runs here: group → resource → running. */
export type LocalResourceState = Record<string, Record<string, boolean>>;

const sameAssignments = (a: Record<string, string | null>, b: Record<string, string | null>) =>
  Object.keys({ ...a, ...b }).every((k) => (a[k] ?? null) === (b[k] ?? null));

/**
 * The HA engine (DESIGN.md §3). Every second: without quorum, stop everything here at once;
 * with it, the leader places the groups (a group whose owner left moves only after that owner
 * is fenced) and every node runs exactly the groups assigned to it.
 */
@Injectable()
export class ResourceEngine implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly startedAt = Date.now();
  private readonly leftAt = new Map<string, number>();
  private readonly nextFenceAttempt = new Map<string, number>();
  private wasOnline = new Set<string>();
  private local: LocalResourceState = {};

  constructor(
    private readonly configs: ClusterConfigService,
    private readonly membership: ClusterMembership,
    private readonly replication: MeshReplication,
    private readonly fencing: FencingService,
    private readonly peerApi: PeerApiServer,
    private readonly client: PeerClient,
    @Inject(RESOURCE_DRIVER) private readonly driver: ResourceDriver,
    private readonly logger: JsonLogger,
  ) {}

  onModuleInit(): void {
    this.peerApi.register('GET', RESOURCE_STATE_PATH, (req) => {
      this.replication.authenticate(req);
      return Promise.resolve({ status: 200, body: this.local });
    });
  }

  onApplicationBootstrap(): void {
    const loop = () => {
      if (this.stopped) return;
      void this.tick()
        .catch((error: unknown) => this.logger.event('warn', 'resources', `engine: ${(error as Error).message}`))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(loop, TICK_MS);
        });
    };
    loop();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  localState(): LocalResourceState {
    return this.local;
  }

  async tick(): Promise<void> {
    const view = this.membership.view();
    if (!view) return;
    const self = this.replication.state().self.nodeName;
    this.trackDepartures(view);
    const groups = this.configs.current().config.groups ?? [];
    if (!view.quorate) {
      await this.apply(groups, {}, self, 'no quorum');
      return;
    }
    if (!(await this.configs.ensureCurrent())) {
      // Not sure the config is current (just rejoined, leader unreachable): run nothing.
      await this.apply(groups, {}, self, 'config not current');
      return;
    }
    const config = this.configs.current().config;
    if (config.maintenance) return; // the admin manages everything by hand meanwhile
    if (view.leader === self) await this.lead(view, config.groups ?? []);
    await this.apply(config.groups ?? [], this.configs.current().config.assignments ?? {}, self, 'assignment');
  }

  private trackDepartures(view: ClusterView): void {
    const online = new Set(view.nodes.filter((n) => n.online).map((n) => n.name));
    for (const name of this.wasOnline) if (!online.has(name)) this.leftAt.set(name, Date.now());
    this.wasOnline = online;
  }

  /** The leader's part: fence departed owners, then commit the new placement. */
  private async lead(view: ClusterView, groups: readonly ResourceGroup[]): Promise<void> {
    const { assignments = {}, moves = {}, standby = [] } = this.configs.current().config;
    const online = [...view.nodes].filter((n) => n.online).sort((a, b) => a.nodeId - b.nodeId).map((n) => n.name);
    const eligible = online.filter((n) => !standby.includes(n));
    const fenced = await this.confirmedFenced(Object.values(assignments).filter((o): o is string => !!o && !eligible.includes(o)));
    let decision = placeGroups({ groups, assignments, eligible, fenced, moves });
    for (const node of decision.toFence) {
      if ((this.nextFenceAttempt.get(node) ?? 0) > Date.now()) continue;
      this.nextFenceAttempt.set(node, Date.now() + FENCE_RETRY_MS);
      try {
        await this.fencing.fence(node, 'off', 'leader');
        this.logger.event('warn', 'resources', `${node} left while owning resources: fenced, its groups move`);
        decision = placeGroups({ groups, assignments, eligible, fenced: [...fenced, node], moves });
      } catch (error) {
        this.logger.event('error', 'resources', `${node} left while owning resources and could not be fenced: its groups stay stopped (${(error as Error).message})`);
      }
    }
    let next = decision.assignments;
    if (!sameAssignments(next, assignments)) {
      // A group changes node only once nobody online runs it any more (stop first).
      const reports = await this.reports(online);
      next = withHandover(assignments, next, online, (group) => online.filter((n) => Object.values(reports.get(n)?.[group] ?? {}).some(Boolean) || !reports.has(n)));
    }
    if (!sameAssignments(next, assignments)) {
      await this.configs.propose({ kind: 'assign', assignments: next });
      this.logger.event('info', 'resources', 'placement committed', { assignments: next });
    }
  }

  /** What each online node says it runs (a node that does not answer is not in the map). */
  private async reports(online: readonly string[]): Promise<Map<string, LocalResourceState>> {
    const state = this.replication.state();
    const map = new Map<string, LocalResourceState>();
    await Promise.all(
      online.map(async (name) => {
        if (name === state.self.nodeName) return map.set(name, this.local);
        const member = state.members.find((m) => m.name === name);
        if (!member) return;
        const answer = await this.client
          .call<LocalResourceState>({ meshIp: member.meshIp, port: state.self.peerApiPort }, 'GET', RESOURCE_STATE_PATH, { sign: this.replication.signer(state), timeoutMs: 1_500 })
          .catch(() => null);
        if (answer?.status === 200) map.set(name, answer.body);
      }),
    );
    return map;
  }

  /** Owners gone from the membership with a confirmed fence since they left. */
  private async confirmedFenced(departed: readonly string[]): Promise<string[]> {
    if (departed.length === 0) return [];
    const history = await this.fencing.clusterHistory();
    return departed.filter((node) => {
      const since = (this.leftAt.get(node) ?? this.startedAt) - 2_000;
      return history.some((e) => e.node === node && e.ok && e.action !== 'on' && Date.parse(e.startedAt) >= since);
    });
  }

  /** Runs the groups assigned here (in order), stops every other one (in reverse). */
  private async apply(groups: readonly ResourceGroup[], assignments: Record<string, string | null>, self: string, why: string): Promise<void> {
    const next: LocalResourceState = {};
    for (const group of groups) {
      const mine = assignments[group.name] === self;
      const resources = mine ? group.resources : [...group.resources].reverse();
      next[group.name] = {};
      for (const resource of resources) {
        const running = await this.running(resource);
        if (mine && !running) {
          await this.start(resource, group, self);
          this.logger.event('info', 'resources', `${group.name}/${resource.name} started`, { kind: resource.kind });
        } else if (!mine && running) {
          await this.stop(resource);
          this.logger.event(why === 'no quorum' ? 'warn' : 'info', 'resources', `${group.name}/${resource.name} stopped (${why})`, { kind: resource.kind });
        }
        (next[group.name] as Record<string, boolean>)[resource.name] = mine;
      }
    }
    this.local = next;
  }

  private running(r: Resource): Promise<boolean> {
    return r.kind === 'vip' ? this.driver.vipHeld(r) : this.driver.processRunning(r);
  }

  private start(r: Resource, group: ResourceGroup, self: string): Promise<void> {
    return r.kind === 'vip' ? this.driver.acquireVip(r) : this.driver.startProcess(r, { SFHA_NODE: self, SFHA_GROUP: group.name, SFHA_RESOURCE: r.name });
  }

  private stop(r: Resource): Promise<void> {
    return r.kind === 'vip' ? this.driver.releaseVip(r) : this.driver.stopProcess(r);
  }
}
