import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { serialLoop, type SerialLoop } from '../common/serial-loop';
import { ClusterTimeline } from '../events/cluster-timeline.service';
import { ClusterMembership } from '../ha/cluster-membership.service';
import { JsonLogger } from '../logging/json-logger';
import { MeshReplication } from '../mesh/mesh-replication.service';
import { MetricsService } from '../metrics/metrics.service';
import { groupIncidents, type Incident } from './group-incidents';
import { watchIncidents, type KnownIncidents } from './incident-watch';

const WATCH_MS = 3_000;
/** How much of the cluster timeline incidents are made from. */
const HORIZON = 1_000;

export type IncidentListener = (change: { kind: 'opened' | 'resolved'; incident: Incident }) => void;

/**
 * Incidents (docs/design.md §5): the cluster timeline grouped by a pure function. Every node reads
 * the timeline every 3 s, so it holds the last events of a member that dies (the lost owner's
 * placement and starts) and tracks the incidents; the leader announces each one opened or resolved to
 * the listeners (notifications) and measures a resolved one (failover and incident duration
 * histograms), a new leader included (incident-watch.ts). The watch reads the
 * timeline on its own loop, never on the failover path.
 */
@Injectable()
export class IncidentsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private loop: SerialLoop | null = null;
  private known: KnownIncidents | null = null;
  private wasLeader = false;
  /** Incidents that opened before this agent ran are not its to announce (incident-watch.ts). */
  private readonly startedAt = new Date().toISOString();
  private readonly listeners: IncidentListener[] = [];

  constructor(
    private readonly timeline: ClusterTimeline,
    private readonly metrics: MetricsService,
    private readonly modules: ModuleRef,
    private readonly logger: JsonLogger,
  ) {}

  onApplicationBootstrap(): void {
    this.loop = serialLoop(
      WATCH_MS,
      () => this.watch(),
      (error) => this.logger.event('warn', 'incidents', `watch: ${error.message}`),
    );
  }

  onApplicationShutdown(): void {
    this.loop?.stop();
  }

  onChange(listener: IncidentListener): void {
    this.listeners.push(listener);
  }

  /** Every incident of the cluster timeline, newest first. */
  async list(): Promise<Incident[]> {
    return groupIncidents(await this.timeline.list({ limit: HORIZON })).reverse();
  }

  /** Every node tracks the incidents; the leader announces and measures what changed (see watchIncidents). */
  private async watch(): Promise<void> {
    const incidents = await this.list();
    const leader = this.isLeader();
    const { known, changes } = watchIncidents(this.known, incidents, { now: leader, before: this.wasLeader }, this.startedAt);
    this.known = known;
    this.wasLeader = leader;
    for (const { kind, incident } of changes) {
      if (kind === 'resolved') this.measure(incident);
      this.announce(kind, incident);
    }
  }

  private measure(incident: Incident): void {
    if (incident.resolvedAt) this.metrics.observeIncident((Date.parse(incident.resolvedAt) - Date.parse(incident.openedAt)) / 1000);
    for (const g of incident.groups) if (g.downtimeMs !== null) this.metrics.observeFailover(g.group, g.downtimeMs / 1000);
  }

  private announce(kind: 'opened' | 'resolved', incident: Incident): void {
    for (const listener of this.listeners) {
      try {
        listener({ kind, incident });
      } catch (error) {
        this.logger.event('warn', 'incidents', `listener: ${(error as Error).message}`);
      }
    }
  }

  private isLeader(): boolean {
    try {
      const self = this.modules.get(MeshReplication, { strict: false }).state().self.nodeName;
      return this.modules.get(ClusterMembership, { strict: false }).view()?.leader === self;
    } catch {
      return false;
    }
  }
}
