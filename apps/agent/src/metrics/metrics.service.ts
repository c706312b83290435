import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Subscription } from 'rxjs';
import { EventsService } from '../events/events.service';
import { AGENT_VERSION } from '../version';
import { clusterSamples, type Samples } from './cluster-samples';
import { ClusterSnapshotReader } from './cluster-snapshot.service';

/** The cluster gauges, with their help and labels (set from `clusterSamples` at each scrape). */
const CLUSTER_GAUGES: Record<string, { help: string; labels: readonly string[] }> = {
  sfha_cluster_quorate: { help: '1 when this node is in a quorate partition', labels: [] },
  sfha_cluster_votes: { help: "Votes present in this node's partition (Corosync)", labels: [] },
  sfha_cluster_expected_votes: { help: 'Votes expected (Corosync)', labels: [] },
  sfha_cluster_quorum_votes: { help: 'Votes needed for quorum (Corosync)', labels: [] },
  sfha_cluster_members: { help: 'Members of the cluster', labels: [] },
  sfha_cluster_members_online: { help: "Members online in this node's membership", labels: [] },
  sfha_cluster_member_online: { help: "1 when the member is online in this node's membership", labels: ['node'] },
  sfha_cluster_leader: { help: '1 for the member this node sees as leader', labels: ['node'] },
  sfha_cluster_is_leader: { help: '1 when this node is the leader', labels: [] },
  sfha_config_generation: { help: 'Generation of the committed cluster configuration', labels: [] },
  sfha_group_owner: { help: '1 for the node a group is assigned to', labels: ['group', 'node'] },
  sfha_group_placed: { help: '1 when the group is assigned to a node, 0 when it runs nowhere', labels: ['group'] },
  sfha_resource_running: { help: '1 when the resource runs on this node', labels: ['group', 'resource', 'node'] },
  sfha_resource_health: { help: 'Health of a resource on this node: 1 for its current state', labels: ['group', 'resource', 'node', 'state'] },
  sfha_resource_restarts: { help: "Local restarts within the group's restart window", labels: ['group', 'resource', 'node'] },
  sfha_peer_latest_handshake_age_seconds: { help: 'Seconds since the latest WireGuard handshake with the peer', labels: ['peer'] },
  sfha_peer_connected: { help: "1 when the peer's latest handshake is recent", labels: ['peer'] },
  sfha_peer_rtt_seconds: { help: 'Round-trip time to the peer through the mesh', labels: ['peer'] },
};
/** WireGuard's transfer counters: counters (they only grow, and reset with the interface). */
const PEER_COUNTERS: Record<string, string> = {
  sfha_peer_receive_bytes_total: 'Bytes received from the peer through the mesh (WireGuard)',
  sfha_peer_transmit_bytes_total: 'Bytes sent to the peer through the mesh (WireGuard)',
};

/** The agent's Prometheus registry (one per app instance, so tests do not share counters). */
@Injectable()
export class MetricsService implements OnModuleDestroy {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'sfha_http_requests_total',
    help: 'Admin API requests by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  private readonly durations = new Histogram({
    name: 'sfha_http_request_duration_seconds',
    help: 'Admin API request duration',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
    registers: [this.registry],
  });
  private readonly fences = new Counter({
    name: 'sfha_fences_total',
    help: 'Fence and unfence operations this node ran, by target node, action and result',
    labelNames: ['node', 'action', 'result'] as const,
    registers: [this.registry],
  });
  private readonly failovers = new Histogram({
    name: 'sfha_failover_duration_seconds',
    help: 'From the owner leaving to its group served again elsewhere (observed by the leader)',
    labelNames: ['group'] as const,
    buckets: [1, 2, 5, 10, 20, 30, 60, 120, 300],
    registers: [this.registry],
  });
  private readonly incidents = new Histogram({
    name: 'sfha_incident_duration_seconds',
    help: 'From an incident opened to resolved (observed by the leader)',
    buckets: [1, 5, 10, 30, 60, 300, 900, 3600],
    registers: [this.registry],
  });
  private readonly gauges = new Map<string, Gauge>();
  private readonly counters = new Map<string, Counter>();
  private readonly subscription: Subscription;

  constructor(
    private readonly snapshots: ClusterSnapshotReader,
    events: EventsService,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'sfha_agent_' });
    new Gauge({ name: 'sfha_build_info', help: 'Agent version', labelNames: ['version'] as const, registers: [this.registry] }).set({ version: AGENT_VERSION }, 1);
    for (const [name, { help, labels }] of Object.entries(CLUSTER_GAUGES)) this.gauges.set(name, new Gauge({ name, help, labelNames: labels, registers: [this.registry] }));
    for (const [name, help] of Object.entries(PEER_COUNTERS)) this.counters.set(name, new Counter({ name, help, labelNames: ['peer'], registers: [this.registry] }));
    this.subscription = events.stream().subscribe((e) => {
      if (e.code === 'fence.confirmed' || e.code === 'fence.failed') this.fences.inc({ node: e.params.node, action: e.params.action, result: e.code === 'fence.confirmed' ? 'ok' : 'failed' });
      if (e.code === 'unfence.confirmed' || e.code === 'unfence.failed') this.fences.inc({ node: e.params.node, action: 'on', result: e.code === 'unfence.confirmed' ? 'ok' : 'failed' });
    });
  }

  onModuleDestroy(): void {
    this.subscription.unsubscribe();
  }

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    this.requests.inc({ method, route, status: String(status) });
    this.durations.observe({ method, route }, seconds);
  }

  observeFailover(group: string, seconds: number): void {
    this.failovers.observe({ group }, seconds);
  }

  observeIncident(seconds: number): void {
    this.incidents.observe(seconds);
  }

  async render(): Promise<string> {
    this.apply(clusterSamples(await this.snapshots.read()));
    return this.registry.metrics();
  }

  /** Replaces every cluster series with the scrape's (a group removed disappears). */
  private apply(samples: Samples): void {
    for (const [name, gauge] of this.gauges) {
      gauge.reset();
      for (const s of samples[name] ?? []) gauge.set(s.labels, s.value);
    }
    for (const [name, counter] of this.counters) {
      counter.reset();
      for (const s of samples[name] ?? []) counter.inc(s.labels, s.value);
    }
  }
}
