import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import {
  actionOutcome,
  decide,
  EMPTY_MEMORY,
  fenceCapabilities,
  fenceOutcome,
  forgetBanRequest,
  localReport,
  pendingRetired,
  resourceKey,
  retiredKey,
  stopEverythingHere,
  type Action,
  type Decision,
  type FenceRecord,
  type HealthProbe,
  type LocalResourceState,
  type Memory,
  type NodeReport,
  type ProbeResult,
  type Resource,
  type ResourceDriver,
  type ResourceGroup,
  type SchedulerEvent,
  type Snapshot,
} from '@sfha/ha';
import type { EventInput } from '@sfha/contracts';
import { EventsService } from '../events/events.service';
import { placementBlock } from '../events/placement-block';
import { serialLoop, type SerialLoop } from '../common/serial-loop';
import { FencingService } from '../fencing/fencing.service';
import { ClusterConfigService } from '../ha/cluster-config.service';
import { ClusterMembership } from '../ha/cluster-membership.service';
import type { ClusterView } from '../ha/cluster-view';
import { JsonLogger } from '../logging/json-logger';
import { MeshFacade } from '../mesh/mesh.facade';
import { PeerApiServer } from '../peer/peer-api.server';
import { PeerClient } from '../peer/peer-client';
import { PEER_ROUTES } from '../peer/peer-routes';
import { HEALTH_PROBE, RESOURCE_DRIVER } from './resource-driver.provider';

const TICK_MS = 1_000;
/** While a group changes node (the leader waits for its old owner to report it stopped), the leader looks again this soon rather than at the next tick. */
const HANDOVER_RECHECK_MS = 250;
const HANDOVER_FAST_FOR_MS = 30_000;

export type { LocalResourceState } from '@sfha/ha';
/** What a node reports to the others about what it runs. */
export type LocalReport = NodeReport;

/**
 * The HA engine: the executor of the pure scheduler (docs/architecture.md, "Scheduler").
 * On every membership change and config commit, and every second otherwise, it gathers a
 * snapshot (membership, committed config, what runs here, probe results; the nodes' reports
 * and the fence history when the scheduler asks for them), calls `decide`, and carries the
 * decision out: fences, config proposals, then the local steps, each recorded as an event.
 */
@Injectable()
export class ResourceEngine implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private loop: SerialLoop | null = null;
  private readonly startedAt = Date.now();
  private memory: Memory = EMPTY_MEMORY;
  private local: LocalResourceState = {};
  /** Probe results not yet seen by the scheduler. */
  private probes: Record<string, ProbeResult> = {};
  /** Resources whose state cannot be read here (counted as running), with why: each said once. */
  private readonly unreadable = new Map<string, string>();
  /** When a pass last began, ended, or finished a step: the watchdog's sign that this loop is alive. */
  private progressAt = Date.now();
  /** Steps are being carried out: something may be starting or stopping here right now. */
  private acting = false;
  private recheck: NodeJS.Timeout | null = null;
  /** Since when the passes have been asking for reports (a handover under way), or null. */
  private askingSince: number | null = null;

  constructor(
    private readonly configs: ClusterConfigService,
    private readonly membership: ClusterMembership,
    private readonly mesh: MeshFacade,
    private readonly fencing: FencingService,
    private readonly peerApi: PeerApiServer,
    private readonly client: PeerClient,
    @Inject(RESOURCE_DRIVER) private readonly driver: ResourceDriver,
    @Inject(HEALTH_PROBE) private readonly probe: HealthProbe,
    private readonly events: EventsService,
    private readonly logger: JsonLogger,
  ) {}

  onModuleInit(): void {
    this.peerApi.serve(PEER_ROUTES.resourceState, () => Promise.resolve({ body: this.report() }));
  }

  onApplicationBootstrap(): void {
    this.loop = serialLoop(
      TICK_MS,
      () => this.tick(),
      (error) => this.logger.event('warn', 'resources', `engine: ${error.message}`),
    );
    // Events drive the engine; the tick is the fallback (and paces health checks).
    this.membership.onChange(() => this.loop?.wake());
    this.configs.onCommitted(() => this.loop?.wake());
  }

  onApplicationShutdown(): void {
    if (this.recheck) clearTimeout(this.recheck);
    this.loop?.stop();
  }

  /** The agent stops: no more ticks, and every group that runs here is stopped (dependents first). */
  async stopEverything(): Promise<void> {
    await this.loop?.stopAndSettle();
    const view = this.membership.view();
    const snapshot = await this.snapshot(view ?? { corosyncRunning: false, quorate: false, expectedVotes: null, totalVotes: null, quorum: null, leader: null, nodes: [] });
    const actions = stopEverythingHere(snapshot);
    this.acting = actions.length > 0;
    for (const action of actions) {
      const error = await this.run(action, snapshot.self).then(
        () => null,
        (e: Error) => e,
      );
      const event = actionOutcome(action, error, snapshot.self);
      if (event) this.record(event);
      this.progressAt = Date.now();
    }
    // What runs here now: the watchdog is magic-closed only once nothing does.
    this.local = await this.afterwards(snapshot, new Set(actions.map((a) => resourceKey(a.group.name, a.resource.name))));
    this.acting = false;
    this.progressAt = Date.now();
  }

  localState(): LocalResourceState {
    return this.local;
  }

  /** When the loop last made progress (a pass began or ended, a step finished). */
  lastProgressAt(): number {
    return this.progressAt;
  }

  /**
   * Nothing of any group runs here, and no step is under way (a start in flight may be about to
   * take a VIP): the watchdog may be petted without quorum. Unknown state counts as running.
   */
  runsNothing(): boolean {
    return !this.acting && Object.values(this.local).every((resources) => Object.values(resources).every((running) => !running));
  }

  report(): LocalReport {
    return localReport(this.local, this.memory, Date.now());
  }

  async tick(): Promise<void> {
    this.progressAt = Date.now();
    try {
      await this.pass();
    } finally {
      this.progressAt = Date.now();
    }
  }

  private async pass(): Promise<void> {
    const view = this.membership.view();
    if (!view) return;
    const now = Date.now();
    const snapshot = await this.snapshot(view);
    let decision = decide(snapshot, this.memory, now);
    let askedReports = false;
    // The scheduler asks for what it needs only when it needs it (reports for a handover or an order wait, the fence history for a departed owner).
    for (let again = 0; again < 2 && (decision.wants.reports.length > 0 || decision.wants.fenceHistory); again++) {
      if (decision.wants.fenceHistory) snapshot.fenceHistory = await this.fenceHistory();
      if (decision.wants.reports.length > 0) {
        askedReports = true;
        snapshot.reports = { ...snapshot.reports, ...(await this.gatherReports(decision.wants.reports)) };
      }
      decision = decide(snapshot, this.memory, now);
    }
    this.memory = decision.memory;
    this.probes = {};
    await this.carryOut(decision, snapshot);
    // Reports are asked for only while an assignment is about to change (a handover, an order
    // wait): the old owner's "stopped" is seen within a quarter second, not at the next tick.
    // A wait that lasts (a stop that fails there) goes back to the tick's pace after 30 s.
    this.askingSince = askedReports ? (this.askingSince ?? now) : null;
    if (this.askingSince !== null && now - this.askingSince < HANDOVER_FAST_FOR_MS) this.recheckSoon();
  }

  private recheckSoon(): void {
    if (this.recheck) clearTimeout(this.recheck);
    this.recheck = setTimeout(() => this.loop?.wake(), HANDOVER_RECHECK_MS);
  }

  /** A full snapshot now (every online node's report, the fence history): for `why` and `simulate`. */
  async inspect(): Promise<Snapshot | null> {
    const view = this.membership.view();
    if (!view) return null;
    const snapshot = await this.snapshot(view);
    snapshot.reports = await this.gatherReports(view.nodes.filter((n) => n.online).map((n) => n.name));
    snapshot.fenceHistory = await this.fenceHistory();
    return snapshot;
  }

  /** The snapshot without what the scheduler asks for on demand. */
  private async snapshot(view: ClusterView): Promise<Snapshot> {
    const self = this.mesh.state().self.nodeName;
    // Not sure the config is current (just rejoined, leader unreachable): the scheduler runs nothing.
    const configCurrent = view.quorate ? await this.configs.ensureCurrent() : false;
    const config = this.configs.current().config;
    const groups = config.groups ?? [];
    const observed: Snapshot['observed'] = {};
    await Promise.all(groups.map(async (g) => (observed[g.name] = Object.fromEntries(await Promise.all(g.resources.map(async (r) => [r.name, await this.observe(g.name, r)] as const))))));
    const retiredObserved: Snapshot['retiredObserved'] = {};
    for (const g of pendingRetired(this.memory, groups)) for (const r of g.resources) retiredObserved[retiredKey(g.name, r)] = await this.observe(g.name, r);
    return {
      self,
      agentStartedAt: this.startedAt,
      membership: {
        quorate: view.quorate,
        leader: view.leader,
        nodes: view.nodes.map((n) => ({ name: n.name, nodeId: n.nodeId, online: n.online, ...(n.role === 'witness' ? { witness: true } : {}) })),
      },
      configCurrent,
      config,
      observed,
      retiredObserved,
      probes: this.probes,
      capabilities: fenceCapabilities(
        config,
        this.mesh.state().members.map((m) => m.name),
      ),
    };
  }

  /** Fences, then proposals, then the local steps; anything that changed the world brings the next pass forward. */
  private async carryOut(decision: Decision, snapshot: Snapshot): Promise<void> {
    this.acting = decision.actions.some((a) => a.kind !== 'probe');
    try {
      await this.carryOutSteps(decision, snapshot);
    } finally {
      this.acting = false;
    }
  }

  private async carryOutSteps(decision: Decision, snapshot: Snapshot): Promise<void> {
    decision.events.forEach((e) => this.record(e));
    for (const e of decision.events) if (e.code === 'fence.watchdog-confirmed') this.fencing.recordWatchdogFence(e.params.node, e.params.waitedMs, e.params.timeoutMs);
    for (const order of decision.fences) {
      const error = await this.fencing.fence(order.node, 'off', 'leader').then(
        () => null,
        (e: Error) => e,
      );
      this.record(fenceOutcome(order, error));
    }
    for (const change of decision.proposals) {
      await this.configs.propose(change).catch((error: Error) => {
        if (change.kind === 'ban') this.memory = forgetBanRequest(this.memory, change.group);
        this.logger.event('error', 'resources', `could not commit ${change.kind}${change.kind === 'ban' ? ` of ${change.group}` : ''}: ${error.message}`);
      });
    }
    const acted = new Set<string>();
    for (const action of decision.actions) {
      const began = Date.now();
      const error = await this.run(action, snapshot.self).then(
        () => null,
        (e: Error) => e,
      );
      const event = actionOutcome(action, error, snapshot.self);
      // How long a start takes here: `sfha simulate` predicts from this history.
      if (event) this.record(event, { ms: Date.now() - began });
      this.progressAt = Date.now();
      if (!(action.kind === 'stop' && action.why === 'removed')) acted.add(resourceKey(action.group.name, action.resource.name));
    }
    this.local = await this.afterwards(snapshot, acted);
    // A fence's result and a probe's are for the next pass now; so is a start that a waiting group may be waiting for. Not a failed start: restarts keep the tick's pace.
    const probed = decision.actions.some((a) => a.kind === 'probe');
    if (decision.fences.length > 0 || probed || (decision.actions.length > 0 && Object.keys(this.memory.waiting).length > 0)) this.loop?.wake();
  }

  /** What runs here after the steps: as observed before, re-observed where something was done (unknown counts as running). */
  private async afterwards(snapshot: Snapshot, acted: ReadonlySet<string>): Promise<LocalResourceState> {
    const local: LocalResourceState = {};
    for (const group of snapshot.config.groups ?? []) {
      const running: Record<string, boolean> = {};
      for (const r of group.resources) {
        const state = acted.has(resourceKey(group.name, r.name)) ? await this.observe(group.name, r) : snapshot.observed[group.name]?.[r.name];
        running[r.name] = state !== false;
      }
      local[group.name] = running;
    }
    return local;
  }

  private async run(action: Action, self: string): Promise<void> {
    const { group, resource } = action;
    switch (action.kind) {
      case 'start':
        return this.start(resource, group, self);
      case 'stop':
        return this.stop(resource);
      case 'restart':
        await this.stop(resource);
        return this.start(resource, group, self);
      case 'probe': {
        if (!('health' in resource) || !resource.health) return;
        const result = await this.probe(resource.health);
        this.probes[resourceKey(group.name, resource.name)] = { ok: result.ok, detail: result.detail };
      }
    }
  }

  /** The scheduler's events are the catalogue's (libs/contracts); only a placement's reason is turned into data here. */
  private record(e: SchedulerEvent, extra: { ms?: number } = {}): void {
    const input: EventInput =
      e.code === 'group.unplaceable'
        ? { code: e.code, params: { group: e.params.group, reason: placementBlock(e.params.reason) } }
        : e.code === 'resource.started'
          ? { code: e.code, params: { ...e.params, ...extra } }
          : e;
    this.events.record(input);
  }

  /** What each online node says it runs (a node that does not answer is not in the map). */
  async reports(online: readonly string[]): Promise<Map<string, LocalResourceState>> {
    const full = await this.fullReports(online);
    return new Map([...full].map(([name, r]) => [name, r.running]));
  }

  private async gatherReports(nodes: readonly string[]): Promise<Record<string, NodeReport | null>> {
    const full = await this.fullReports(nodes);
    return Object.fromEntries(nodes.map((n) => [n, full.get(n) ?? null]));
  }

  async fullReports(nodes: readonly string[]): Promise<Map<string, LocalReport>> {
    const state = this.mesh.state();
    const map = new Map<string, LocalReport>();
    await Promise.all(
      nodes.map(async (name) => {
        if (name === state.self.nodeName) return map.set(name, this.report());
        const member = state.members.find((m) => m.name === name);
        if (!member) return;
        const answer = await this.client.call(PEER_ROUTES.resourceState, { meshIp: member.meshIp, port: state.self.peerApiPort }, { timeoutMs: 1_500 }).catch(() => null);
        if (answer?.ok) map.set(name, answer.body);
      }),
    );
    return map;
  }

  private async fenceHistory(): Promise<FenceRecord[]> {
    const history = await this.fencing.clusterHistory();
    return history.map((e) => ({ node: e.node, action: e.action as FenceRecord['action'], ok: e.ok, at: Date.parse(e.startedAt) }));
  }

  /** Whether a resource runs here; a probe that fails counts as unknown (logged once per reason). */
  private async observe(group: string, r: Resource): Promise<boolean | 'unknown'> {
    const key = resourceKey(group, r.name);
    try {
      const running = await this.running(r);
      this.unreadable.delete(key);
      return running;
    } catch (error) {
      const message = (error as Error).message;
      if (this.unreadable.get(key) !== message) this.logger.event('warn', 'resources', `cannot tell whether ${key} runs on ${this.mesh.state().self.nodeName} (counted as running): ${message}`);
      this.unreadable.set(key, message);
      return 'unknown';
    }
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
