import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { EventsService } from '../events/events.service';
import { DEFAULT_RESTART_POLICY, groupUp, INITIAL_HEALTH, mayRestart, mergeRetired, observeHealth, placeGroups, retiredResources, runLocalGroup, startBlockers, startOrder, withHandover, type Constraint, type HealthProbe, type HealthState, type LocalAction, type LocalOps, type Resource, type ResourceDriver, type ResourceGroup } from '@sfha/ha';
import { serialLoop, type SerialLoop } from '../app/serial-loop';
import { FencingService } from '../fencing/fencing.service';
import { ClusterConfigService } from '../ha/cluster-config.service';
import { ClusterMembership } from '../ha/cluster-membership.service';
import type { ClusterView } from '../ha/cluster-view';
import { JsonLogger } from '../logging/json-logger';
import { MeshReplication } from '../mesh/mesh-replication.service';
import { PeerApiServer } from '../mesh/peer-api/peer-api.server';
import { PeerClient } from '../mesh/peer-api/peer-client';
import { HEALTH_PROBE, RESOURCE_DRIVER } from './resource-driver.provider';

const TICK_MS = 1_000;
const FENCE_RETRY_MS = 10_000;
export const RESOURCE_STATE_PATH = '/peer/v1/resources/state';

/** What runs here: group → resource → running. */
export type LocalResourceState = Record<string, Record<string, boolean>>;

export interface ResourceHealth {
  status: HealthState['status'] | 'not-checked';
  detail: string;
  /** Local restarts within the group's restart window. */
  restarts: number;
}

/** What a node reports to the others about what it runs. */
export interface LocalReport {
  running: LocalResourceState;
  health: Record<string, Record<string, ResourceHealth>>;
}

/** What a failed step could not do, in an event's words. */
const COULD_NOT: Record<Exclude<LocalAction, 'none'>, string> = { start: 'could not start', stop: 'could not stop', failed: 'could not be restarted', 'check-health': 'could not be checked' };

const sameAssignments = (a: Record<string, string | null>, b: Record<string, string | null>) =>
  Object.keys({ ...a, ...b }).every((k) => (a[k] ?? null) === (b[k] ?? null));

/**
 * The HA engine (DESIGN.md §3). On every membership change and config commit, and every
 * second otherwise: without quorum, stop everything here at once;
 * with it, the leader places the groups (a group whose owner left moves only after that owner
 * is fenced) and every node runs exactly the groups assigned to it.
 */
@Injectable()
export class ResourceEngine implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private loop: SerialLoop | null = null;
  private readonly startedAt = Date.now();
  private readonly leftAt = new Map<string, number>();
  private readonly nextFenceAttempt = new Map<string, number>();
  private wasOnline = new Set<string>();
  private local: LocalResourceState = {};
  /** The groups as this node last applied them, and what it must still stop of older ones. */
  private applied: ResourceGroup[] = [];
  private retired: ResourceGroup[] = [];
  /** Resources this node started, by group/resource: a later "not running" is a failure. */
  private readonly started = new Set<string>();
  private readonly restarts = new Map<string, number[]>();
  private readonly health = new Map<string, { state: HealthState; detail: string; lastCheck: number }>();
  private readonly banRequested = new Set<string>();
  /** Why the leader could not place a group, and why a group here waits to start: each said once. */
  private blocked: Record<string, string> = {};
  private readonly waiting = new Map<string, string>();
  /** Resources whose state cannot be read here (counted as running), with why: each said once. */
  private readonly unreadable = new Map<string, string>();

  constructor(
    private readonly configs: ClusterConfigService,
    private readonly membership: ClusterMembership,
    private readonly replication: MeshReplication,
    private readonly fencing: FencingService,
    private readonly peerApi: PeerApiServer,
    private readonly client: PeerClient,
    @Inject(RESOURCE_DRIVER) private readonly driver: ResourceDriver,
    @Inject(HEALTH_PROBE) private readonly probe: HealthProbe,
    private readonly events: EventsService,
    private readonly logger: JsonLogger,
  ) {}

  onModuleInit(): void {
    this.peerApi.register('GET', RESOURCE_STATE_PATH, (req) => {
      this.replication.authenticate(req);
      return Promise.resolve({ status: 200, body: this.report() });
    });
  }

  onApplicationBootstrap(): void {
    this.loop = serialLoop(TICK_MS, () => this.tick(), (error) => this.logger.event('warn', 'resources', `engine: ${error.message}`));
    // Events drive the engine; the tick is the fallback (and paces health checks).
    this.membership.onChange(() => this.loop?.wake());
    this.configs.onCommitted(() => this.loop?.wake());
  }

  onApplicationShutdown(): void {
    this.loop?.stop();
  }

  localState(): LocalResourceState {
    return this.local;
  }

  report(): LocalReport {
    const health: LocalReport['health'] = {};
    for (const [group, resources] of Object.entries(this.local)) {
      health[group] = {};
      for (const name of Object.keys(resources)) {
        const key = `${group}/${name}`;
        const h = this.health.get(key);
        (health[group])[name] = {
          status: h ? h.state.status : 'not-checked',
          detail: h?.detail ?? '',
          restarts: (this.restarts.get(key) ?? []).filter((t) => Date.now() - t < DEFAULT_RESTART_POLICY.windowMs).length,
        };
      }
    }
    return { running: this.local, health };
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
    if (config.maintenance) {
      // The admin manages everything by hand meanwhile; afterwards a stopped resource is started, not counted as a failure.
      this.started.clear();
      this.health.clear();
      return;
    }
    // A placement that fails (e.g. a fence history or a proposal that cannot be read or made) must not keep this node from running its own groups.
    if (view.leader === self) await this.lead(view, config.groups ?? []).catch((error: Error) => this.logger.event('warn', 'resources', `placement: ${error.message}`));
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
    const { bans = {}, constraints = [] } = this.configs.current().config;
    let decision = placeGroups({ groups, assignments, eligible, online, fenced, moves, bans, constraints });
    for (const node of decision.toFence) {
      if ((this.nextFenceAttempt.get(node) ?? 0) > Date.now()) continue;
      this.nextFenceAttempt.set(node, Date.now() + FENCE_RETRY_MS);
      try {
        await this.fencing.fence(node, 'off', 'leader');
        this.events.record('fencing', 'warn', `${node} left while owning resources: fenced, its groups move`, { node });
        decision = placeGroups({ groups, assignments, eligible, online, fenced: [...fenced, node], moves, bans, constraints });
      } catch (error) {
        this.events.record('fencing', 'error', `${node} left while owning resources and could not be fenced: its groups stay stopped (${(error as Error).message})`, { node });
      }
    }
    this.noteBlocked(decision.blocked);
    let next = decision.assignments;
    if (!sameAssignments(next, assignments)) {
      // A group changes node only once nobody online runs it any more (stop first).
      const reports = await this.reports(online);
      next = withHandover(assignments, next, online, (group) => online.filter((n) => Object.values(reports.get(n)?.[group] ?? {}).some(Boolean) || !reports.has(n)), constraints);
    }
    if (!sameAssignments(next, assignments)) {
      await this.configs.propose({ kind: 'assign', assignments: next });
      this.events.record('resource', 'info', `placement: ${Object.entries(next).map(([g, n]) => `${g} → ${n ?? 'nowhere'}`).join(', ')}`, { assignments: next });
    }
  }

  private noteBlocked(blocked: Record<string, string>): void {
    for (const [group, why] of Object.entries(blocked)) if (this.blocked[group] !== why) this.events.record('resource', 'warn', `${group} cannot be placed: ${why}`, { group });
    this.blocked = blocked;
  }

  /** What each online node says it runs (a node that does not answer is not in the map). */
  async reports(online: readonly string[]): Promise<Map<string, LocalResourceState>> {
    const full = await this.fullReports(online);
    return new Map([...full].map(([name, r]) => [name, r.running]));
  }

  async fullReports(nodes: readonly string[]): Promise<Map<string, LocalReport>> {
    const state = this.replication.state();
    const map = new Map<string, LocalReport>();
    await Promise.all(
      nodes.map(async (name) => {
        if (name === state.self.nodeName) return map.set(name, this.report());
        const member = state.members.find((m) => m.name === name);
        if (!member) return;
        const answer = await this.client
          .call<LocalReport>({ meshIp: member.meshIp, port: state.self.peerApiPort }, 'GET', RESOURCE_STATE_PATH, { sign: this.replication.signer(state), timeoutMs: 1_500 })
          .catch(() => null);
        if (answer?.status === 200 && typeof answer.body?.running === 'object' && typeof answer.body.health === 'object') map.set(name, answer.body);
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

  /**
   * Runs the groups assigned here (in order), stops every other one (in reverse). Order constraints:
   * stops go first, dependents before their dependencies; a group starts only once its dependencies are up.
   * The report is what runs afterwards, as observed (a resource whose stop failed or whose state cannot be read counts as running).
   */
  private async apply(groups: readonly ResourceGroup[], assignments: Record<string, string | null>, self: string, why: string): Promise<void> {
    await this.stopRetired(groups, self);
    const next: LocalResourceState = {};
    const { constraints = [] } = this.configs.current().config;
    const ordered = startOrder(groups, constraints);
    const isUp = await this.upCheck(groups, assignments, self, constraints, next);
    for (const group of [...ordered.filter((g) => assignments[g.name] !== self).reverse(), ...ordered.filter((g) => assignments[g.name] === self)]) {
      const mine = assignments[group.name] === self;
      const key = (r: Resource) => `${group.name}/${r.name}`;
      for (const r of mine ? [] : group.resources) {
        this.started.delete(key(r));
        this.health.delete(key(r));
      }
      const waiting = this.mustWait(group, mine ? startBlockers(group.name, constraints, isUp) : [], self);
      // It failed here past its restart policy: the leader moves it; nothing restarts meanwhile.
      const leaving = mine && this.banRequested.has(group.name);
      const started = new Set(group.resources.filter((r) => this.started.has(key(r))).map((r) => r.name));
      next[group.name] = await runLocalGroup({ group, mine, waiting, leaving, started }, this.localOps(group, self, why));
    }
    this.local = next;
    for (const group of groups) if (assignments[group.name] !== self) this.banRequested.delete(group.name);
  }

  /**
   * Stops what the config no longer has (a group removed, a resource removed or changed) and
   * forgets it once it is seen stopped. Only what this agent applied since it started is known.
   */
  private async stopRetired(groups: readonly ResourceGroup[], self: string): Promise<void> {
    this.retired = mergeRetired(this.retired, retiredResources(this.applied, groups));
    this.applied = [...groups];
    const still: ResourceGroup[] = [];
    for (const group of this.retired) {
      const report = await runLocalGroup({ group, mine: false, waiting: false, leaving: false, started: new Set() }, this.localOps(group, self, 'removed from the configuration'));
      const running = group.resources.filter((r) => report[r.name] !== false);
      if (running.length > 0) still.push({ ...group, resources: running });
    }
    this.retired = still;
  }

  /** How this node observes and changes a group's resources, with an event for every change and every failure. */
  private localOps(group: ResourceGroup, self: string, why: string): LocalOps {
    const about = (r: Resource) => ({ group: group.name, resource: r.name, node: self });
    const key = (r: Resource) => `${group.name}/${r.name}`;
    return {
      observe: (r) =>
        this.running(r).then((running) => {
          this.unreadable.delete(key(r));
          return running;
        }),
      act: async (action, r) => {
        if (action === 'check-health') return r.kind === 'vip' ? undefined : this.checkHealth(group, r, self);
        if (action === 'failed') return this.failed(group, r, self, 'it stopped running');
        if (action === 'stop') {
          await this.stop(r);
          this.events.record('resource', why === 'no quorum' ? 'warn' : 'info', `${key(r)} stopped on ${self} (${why})`, about(r));
          return;
        }
        // A start that fails (e.g. a unit not installed here) is a failure like any other: restarts, then the group leaves.
        this.started.add(key(r));
        await this.start(r, group, self);
        this.events.record('resource', 'info', `${key(r)} started on ${self}`, about(r));
      },
      onError: (r, step, error) => {
        if (step !== 'observe') this.events.record('resource', 'error', `${key(r)} ${COULD_NOT[step]} on ${self}: ${error.message}`, about(r));
        else if (step === 'observe' && this.unreadable.get(key(r)) !== error.message) {
          this.unreadable.set(key(r), error.message);
          this.logger.event('warn', 'resources', `cannot tell whether ${key(r)} runs on ${self} (counted as running): ${error.message}`);
        }
      },
    };
  }

  /**
   * Whether a group is up where it is assigned: here, from this pass (`next`) and the health checks;
   * elsewhere, from its owner's report, fetched once per tick and only when a start here waits on it.
   */
  private async upCheck(groups: readonly ResourceGroup[], assignments: Record<string, string | null>, self: string, constraints: readonly Constraint[], next: LocalResourceState): Promise<(group: string) => boolean> {
    const byName = new Map(groups.map((g) => [g.name, g]));
    const toStart = groups.filter((g) => assignments[g.name] === self && g.resources.some((r) => !this.started.has(`${g.name}/${r.name}`)));
    const remote = [...new Set(toStart.flatMap((g) => constraints.filter((c) => c.kind === 'order' && c.then === g.name).map((c) => assignments[(c as { first: string }).first])))].filter((n): n is string => !!n && n !== self);
    const reports = remote.length > 0 ? await this.fullReports(remote) : new Map<string, LocalReport>();
    return (name) => {
      const group = byName.get(name);
      const owner = assignments[name];
      if (!group || !owner) return false;
      if (owner !== self) return groupUp(group, reports.get(owner)?.running[name], reports.get(owner)?.health[name]);
      const health = Object.fromEntries(group.resources.map((r) => [r.name, { status: this.health.get(`${name}/${r.name}`)?.state.status ?? 'not-checked' }]));
      return groupUp(group, next[name], health);
    };
  }

  /** A group with resources still to start waits while its dependencies are not up (said once per reason). */
  private mustWait(group: ResourceGroup, blockers: readonly string[], self: string): boolean {
    const fresh = group.resources.some((r) => !this.started.has(`${group.name}/${r.name}`));
    const why = fresh && blockers.length > 0 ? `waiting for group ${blockers.join(', ')} (order) before starting on ${self}` : '';
    if (why && this.waiting.get(group.name) !== why) this.events.record('resource', 'info', `${group.name} ${why}`, { group: group.name, node: self, waitingFor: blockers });
    if (why) this.waiting.set(group.name, why);
    else this.waiting.delete(group.name);
    return why !== '';
  }

  /** Probes when due; an unhealthy resource is a failure. */
  private async checkHealth(group: ResourceGroup, resource: Resource & { kind: 'process' | 'systemd' }, self: string): Promise<void> {
    const check = resource.health;
    if (!check) return;
    const key = `${group.name}/${resource.name}`;
    const entry = this.health.get(key) ?? { state: INITIAL_HEALTH, detail: '', lastCheck: 0 };
    if (Date.now() - entry.lastCheck < check.intervalMs) return;
    const result = await this.probe(check);
    const state = observeHealth(entry.state, result.ok, check);
    this.health.set(key, { state, detail: result.detail, lastCheck: Date.now() });
    if (state.status !== entry.state.status) this.events.record('health', state.status === 'unhealthy' ? 'warn' : 'info', `${key} is ${state.status} on ${self} (${result.detail})`, { group: group.name, resource: resource.name, node: self });
    if (state.status === 'unhealthy') await this.failed(group, resource, self, `unhealthy: ${result.detail}`);
  }

  /** Restart here while the group's policy allows it; past that, ask the leader to move the group away. */
  private async failed(group: ResourceGroup, resource: Resource, self: string, why: string): Promise<void> {
    const key = `${group.name}/${resource.name}`;
    const policy = group.restart ?? DEFAULT_RESTART_POLICY;
    const times = (this.restarts.get(key) ?? []).filter((t) => Date.now() - t < policy.windowMs);
    if (mayRestart(times, Date.now(), policy)) {
      this.restarts.set(key, [...times, Date.now()]);
      this.health.delete(key);
      await this.stop(resource);
      const error = await this.start(resource, group, self).then(() => null, (e: Error) => e);
      this.events.record('health', 'warn', `${key} failed on ${self} (${why}): ${error ? `restart failed: ${error.message}` : 'restarted there'} (${times.length + 1}/${policy.maxRestarts})`, { group: group.name, resource: resource.name, node: self });
      return;
    }
    this.banRequested.add(group.name);
    this.events.record('health', 'error', `${key} failed on ${self} (${why}) past ${policy.maxRestarts} restarts: ${group.name} leaves ${self}`, { group: group.name, node: self });
    await this.configs.propose({ kind: 'ban', group: group.name, node: self }).catch((error: unknown) => {
      this.banRequested.delete(group.name);
      this.logger.event('error', 'resources', `could not ask to move ${group.name}: ${(error as Error).message}`);
    });
  }

  private running(r: Resource): Promise<boolean> {
    if (r.kind === 'systemd') return this.driver.unitRunning(r);
    return r.kind === 'vip' ? this.driver.vipHeld(r) : this.driver.processRunning(r);
  }

  private start(r: Resource, group: ResourceGroup, self: string): Promise<void> {
    // A unit's environment is its unit file's: systemctl start passes none.
    if (r.kind === 'systemd') return this.driver.startUnit(r);
    return r.kind === 'vip' ? this.driver.acquireVip(r) : this.driver.startProcess(r, { SFHA_NODE: self, SFHA_GROUP: group.name, SFHA_RESOURCE: r.name });
  }

  private stop(r: Resource): Promise<void> {
    if (r.kind === 'systemd') return this.driver.stopUnit(r);
    return r.kind === 'vip' ? this.driver.releaseVip(r) : this.driver.stopProcess(r);
  }
}
