import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClusterEvent } from '@sfha/contracts';
import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { EventsService } from '../events/events.service';
import type { ClusterSnapshot } from './cluster-samples';
import type { ClusterSnapshotReader } from './cluster-snapshot.service';
import { MetricsService } from './metrics.service';

const node = (name: string, nodeId: number, online: boolean) => ({ name, nodeId, meshIp: `10.100.0.${nodeId}`, role: 'full' as const, online, leader: name === 'node2', self: name === 'node2' });
const SNAPSHOT: ClusterSnapshot = {
  self: 'node2',
  view: { corosyncRunning: true, quorate: true, expectedVotes: 3, totalVotes: 2, quorum: 2, leader: 'node2', nodes: [node('node1', 1, false), node('node2', 2, true), node('node3', 3, true)] },
  generation: 12,
  groups: [
    { name: 'web', resources: [] },
    { name: 'db', resources: [] },
  ] as unknown as ClusterSnapshot['groups'],
  assignments: { web: 'node2', db: null },
  local: { running: { web: { 'web-vip': true } }, health: { web: { 'web-vip': { status: 'unhealthy', restarts: 2 } } } },
  peers: [
    { name: 'node1', handshakeAgeSeconds: 190, rxBytes: 1000, txBytes: 2000, rttMs: null, connected: false },
    { name: 'node3', handshakeAgeSeconds: 4, rxBytes: 5000, txBytes: 6000, rttMs: 1.5, connected: true },
  ],
};

function metricsWith(snapshot: ClusterSnapshot) {
  const live = new Subject<ClusterEvent>();
  const service = new MetricsService({ read: () => Promise.resolve(snapshot) } as unknown as ClusterSnapshotReader, { stream: () => live.asObservable() } as unknown as EventsService);
  return { service, live };
}

describe('/metrics: the cluster state', () => {
  it('exports quorum, votes, leader, members, groups, health, config generation and peers with Prometheus names', async () => {
    const { service } = metricsWith(SNAPSHOT);
    const text = await service.render();
    for (const line of [
      'sfha_cluster_quorate 1',
      'sfha_cluster_votes 2',
      'sfha_cluster_expected_votes 3',
      'sfha_cluster_members_online 2',
      'sfha_cluster_member_online{node="node1"} 0',
      'sfha_cluster_leader{node="node2"} 1',
      'sfha_cluster_is_leader 1',
      'sfha_config_generation 12',
      'sfha_group_owner{group="web",node="node2"} 1',
      'sfha_group_placed{group="db"} 0',
      'sfha_resource_health{group="web",resource="web-vip",node="node2",state="unhealthy"} 1',
      'sfha_resource_health{group="web",resource="web-vip",node="node2",state="healthy"} 0',
      'sfha_resource_restarts{group="web",resource="web-vip",node="node2"} 2',
      'sfha_peer_latest_handshake_age_seconds{peer="node1"} 190',
      'sfha_peer_rtt_seconds{peer="node3"} 0.0015',
      'sfha_peer_receive_bytes_total{peer="node3"} 5000',
      '# TYPE sfha_peer_transmit_bytes_total counter',
    ])
      expect(text, line).toContain(`${line}\n`);
    // A peer without an RTT has no RTT series (not a zero).
    expect(text).not.toContain('sfha_peer_rtt_seconds{peer="node1"}');
  });

  it('drops the series of what went away at the next scrape', async () => {
    const snapshot = { ...SNAPSHOT };
    const { service } = metricsWith(snapshot);
    expect(await service.render()).toContain('sfha_group_owner{group="web",node="node2"} 1');
    snapshot.assignments = { web: 'node3', db: null };
    const text = await service.render();
    expect(text).toContain('sfha_group_owner{group="web",node="node3"} 1');
    expect(text).not.toContain('sfha_group_owner{group="web",node="node2"}');
  });

  it('counts fences by result from the events, and observes failover durations', async () => {
    const { service, live } = metricsWith(SNAPSHOT);
    const fence = { node: 'node1', device: 'pdu', ms: 800, requestedBy: 'leader', exitCode: 0 };
    const base = { id: 1, at: '', origin: 'node2', category: 'fencing', severity: 'warn' } as const;
    live.next({ ...base, code: 'fence.confirmed', params: { ...fence, action: 'off' } });
    live.next({ ...base, code: 'fence.failed', params: { ...fence, action: 'off', exitCode: 1 } });
    live.next({ ...base, code: 'fence.confirmed', params: { ...fence, action: 'off' } });
    service.observeFailover('web', 7.5);
    const text = await service.render();
    expect(text).toContain('sfha_fences_total{node="node1",action="off",result="ok"} 2\n');
    expect(text).toContain('sfha_fences_total{node="node1",action="off",result="failed"} 1\n');
    expect(text).toContain('sfha_failover_duration_seconds_bucket{le="10",group="web"} 1\n');
    expect(text).toContain('sfha_failover_duration_seconds_count{group="web"} 1\n');
  });

  it('every metric the shipped alerts and Grafana dashboard use is one the agent exports', async () => {
    const { service } = metricsWith(SNAPSHOT);
    service.observeIncident(1);
    const exported = new Set([...(await service.render()).matchAll(/^# TYPE (\w+) /gm)].map((m) => m[1]));
    const docs = join(__dirname, '../../../../docs/monitoring');
    const used = [readFileSync(join(docs, 'alerts.yml'), 'utf8'), readFileSync(join(docs, 'grafana-dashboard.json'), 'utf8')].flatMap((text) =>
      [...text.matchAll(/\b(sfha_\w+)/g)].map((m) => (m[1] ?? '').replace(/_(bucket|sum|count)$/, '')),
    );
    expect(used.length).toBeGreaterThan(15);
    expect([...new Set(used)].filter((name) => !exported.has(name))).toEqual([]);
  });
});
