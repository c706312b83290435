import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { shutdownStep } from '@sfha/ha';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AgentConfig } from '../config/agent-config';
import { AGENT_CONFIG } from '../config/agent-config.token';
import { EventsService } from '../events/events.service';
import { ClusterConfigService } from '../ha/cluster-config.service';
import { ClusterMembership } from '../ha/cluster-membership.service';
import { JsonLogger } from '../logging/json-logger';
import { MeshFacade } from '../mesh/mesh.facade';
import { ResourceEngine } from './resource-engine.service';

/** Leaves time for systemd's TimeoutStopSec (150 s in the packaged unit) to stop the rest. */
const DRAIN_TIMEOUT_MS = 120_000;
const POLL_MS = 250;
/** Written when a stop put this node in standby; the next start takes it out again. */
const MARKER = 'drained-by-shutdown';

/**
 * A clean stop (SIGTERM from systemctl stop or a reboot, SIGINT) hands this node's groups over
 * first: standby on (a committed config change, so the leader moves them with a planned,
 * stop-first handover and nobody fences this node), wait until they run elsewhere, then stop
 * what is left here. The shutdown policy `freeze`: the node is frozen (a committed change: its
 * groups stay its own, nobody fences it), then its groups are stopped here. The shutdown policy
 * `failover`, no quorum or no other eligible node: the groups are stopped here (said in the
 * events). Back at start, a node drained by a stop leaves standby, and a frozen node thaws (its
 * groups, still assigned to it, start again); one an admin drained (sfha node drain / standby)
 * stays there.
 */
@Injectable()
export class NodeDrainService implements BeforeApplicationShutdown, OnApplicationBootstrap, OnApplicationShutdown {
  private undrainTimer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(AGENT_CONFIG) private readonly agentConfig: AgentConfig,
    private readonly configs: ClusterConfigService,
    private readonly membership: ClusterMembership,
    private readonly mesh: MeshFacade,
    private readonly engine: ResourceEngine,
    private readonly events: EventsService,
    private readonly logger: JsonLogger,
  ) {}

  private get marker(): string {
    return join(this.agentConfig.dataDir, MARKER);
  }

  private self(): string | null {
    try {
      return this.mesh.state().self.nodeName;
    } catch {
      return null; // not in a cluster yet
    }
  }

  onApplicationBootstrap(): void {
    const attempt = () => {
      this.undrainAfterStart()
        .then((done) => {
          if (!done) this.undrainTimer = setTimeout(attempt, 2_000);
        })
        .catch((error: Error) => {
          this.logger.event('warn', 'drain', `out of standby after a drained stop: ${error.message} (retrying)`);
          this.undrainTimer = setTimeout(attempt, 2_000);
        });
    };
    this.undrainTimer = setTimeout(attempt, 1_000);
  }

  onApplicationShutdown(): void {
    if (this.undrainTimer) clearTimeout(this.undrainTimer);
  }

  /** True once settled: out of standby (if a stop drained it) and thawed, or someone else already did it. */
  private async undrainAfterStart(): Promise<boolean> {
    const self = this.self();
    if (!self) return true;
    const view = this.membership.view();
    if (!view?.quorate || !(await this.configs.ensureCurrent())) return false;
    const { config } = this.configs.current();
    if (existsSync(this.marker) && (config.standby ?? []).includes(self)) {
      await this.configs.propose({ kind: 'standby', node: self, on: false });
      this.events.record({ code: 'node.undrained-at-start', params: { node: self } });
    }
    if ((config.frozen ?? []).includes(self)) {
      await this.configs.propose({ kind: 'freeze', node: self, on: false });
      this.events.record({ code: 'node.thawed-at-start', params: { node: self } });
    }
    rmSync(this.marker, { force: true });
    return true;
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    // app.close() without a signal (tests, a refused start): nothing to hand over.
    if (!signal) return;
    const self = this.self();
    if (!self) return;
    if (this.undrainTimer) clearTimeout(this.undrainTimer);
    try {
      await this.handOver(self);
    } catch (error) {
      this.logger.event('warn', 'drain', `handover before stopping failed: ${(error as Error).message}; stopping the groups here`);
    }
    await this.engine.stopEverything();
  }

  private async handOver(self: string): Promise<void> {
    const { config } = this.configs.current();
    const view = this.membership.view();
    const assignedHere = Object.entries(config.assignments ?? {})
      .filter(([, node]) => node === self)
      .map(([group]) => group);
    const step = shutdownStep({
      self,
      policy: config.settings.shutdownPolicy,
      quorate: view?.quorate ?? false,
      online: view?.nodes.filter((n) => n.online).map((n) => n.name) ?? [],
      standby: config.standby ?? [],
      maintenance: config.maintenance ?? false,
      assignedHere,
    });
    if (step.kind === 'freeze') {
      await this.configs.propose({ kind: 'freeze', node: self, on: true });
      this.events.record({ code: 'node.frozen', params: { node: self, groups: step.groups } });
      return;
    }
    if (step.kind === 'stop-here') {
      if (step.why !== 'nothing-here') this.events.record({ code: 'node.stopping-groups', params: { node: self, groups: step.groups, reason: step.why } });
      return;
    }
    const started = Date.now();
    this.events.record({ code: 'node.draining', params: { node: self, groups: step.groups } });
    writeFileSync(this.marker, `${new Date().toISOString()}\n`, { mode: 0o600 });
    await this.configs.propose({ kind: 'standby', node: self, on: true });
    const runsHere = () => {
      const assignments = this.configs.current().config.assignments ?? {};
      const local = this.engine.localState();
      return step.groups.filter((g) => assignments[g] === self || Object.values(local[g] ?? {}).some(Boolean));
    };
    while (runsHere().length > 0 && Date.now() - started < DRAIN_TIMEOUT_MS) await new Promise((r) => setTimeout(r, POLL_MS));
    const left = runsHere();
    if (left.length > 0) this.events.record({ code: 'node.drain-timeout', params: { node: self, groups: left, ms: Date.now() - started } });
    else this.events.record({ code: 'node.drained', params: { node: self, ms: Date.now() - started } });
  }
}
