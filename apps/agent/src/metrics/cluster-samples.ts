import type { ResourceGroup } from '@sfha/ha';
import type { ClusterView } from '../ha/cluster-view';

/** What /metrics reads of the cluster at scrape time (each part may be missing: no cluster yet). */
export interface ClusterSnapshot {
  self: string | null;
  view: ClusterView | null;
  generation: number | null;
  groups: readonly ResourceGroup[];
  assignments: Record<string, string | null>;
  /** What runs here and how healthy it is (this node's own report). */
  local: { running: Record<string, Record<string, boolean>>; health: Record<string, Record<string, { status: string; restarts: number }>> } | null;
  peers: readonly { name: string; handshakeAgeSeconds: number | null; rxBytes: number; txBytes: number; rttMs: number | null; connected: boolean }[];
}

export type Labels = Record<string, string>;
export interface Sample {
  labels: Labels;
  value: number;
}
/** Metric name → samples. Names follow Prometheus conventions (base units, `_total` only for counters). */
export type Samples = Record<string, Sample[]>;

const one = (value: number, labels: Labels = {}): Sample[] => [{ labels, value }];
const bool = (b: boolean) => (b ? 1 : 0);
export const HEALTH_STATES = ['healthy', 'unhealthy', 'unknown', 'not-checked'] as const;

/** Pure: the cluster's state as gauge samples (the collector copies them into prom-client). */
export function clusterSamples(s: ClusterSnapshot): Samples {
  const out: Samples = {};
  const view = s.view;
  if (view) {
    out['sfha_cluster_quorate'] = one(bool(view.quorate));
    if (view.totalVotes !== null) out['sfha_cluster_votes'] = one(view.totalVotes);
    if (view.expectedVotes !== null) out['sfha_cluster_expected_votes'] = one(view.expectedVotes);
    if (view.quorum !== null) out['sfha_cluster_quorum_votes'] = one(view.quorum);
    out['sfha_cluster_members'] = one(view.nodes.length);
    out['sfha_cluster_members_online'] = one(view.nodes.filter((n) => n.online).length);
    out['sfha_cluster_member_online'] = view.nodes.map((n) => ({ labels: { node: n.name }, value: bool(n.online) }));
    out['sfha_cluster_leader'] = view.nodes.map((n) => ({ labels: { node: n.name }, value: bool(n.name === view.leader) }));
    out['sfha_cluster_is_leader'] = one(bool(!!s.self && view.leader === s.self));
  }
  if (s.generation !== null) out['sfha_config_generation'] = one(s.generation);
  out['sfha_group_owner'] = [];
  out['sfha_group_placed'] = [];
  for (const g of s.groups) {
    const owner = s.assignments[g.name] ?? null;
    out['sfha_group_placed'].push({ labels: { group: g.name }, value: bool(owner !== null) });
    if (owner) out['sfha_group_owner'].push({ labels: { group: g.name, node: owner }, value: 1 });
  }
  out['sfha_resource_running'] = [];
  out['sfha_resource_health'] = [];
  out['sfha_resource_restarts'] = [];
  for (const [group, resources] of Object.entries(s.local?.running ?? {})) {
    for (const [resource, running] of Object.entries(resources)) {
      const labels = { group, resource, node: s.self ?? '' };
      out['sfha_resource_running'].push({ labels, value: bool(running) });
      const health = s.local?.health[group]?.[resource];
      const status = health?.status ?? 'not-checked';
      for (const state of HEALTH_STATES) out['sfha_resource_health'].push({ labels: { ...labels, state }, value: bool(status === state) });
      out['sfha_resource_restarts'].push({ labels, value: health?.restarts ?? 0 });
    }
  }
  out['sfha_peer_latest_handshake_age_seconds'] = [];
  out['sfha_peer_connected'] = s.peers.map((p) => ({ labels: { peer: p.name }, value: bool(p.connected) }));
  out['sfha_peer_rtt_seconds'] = [];
  out['sfha_peer_receive_bytes_total'] = s.peers.map((p) => ({ labels: { peer: p.name }, value: p.rxBytes }));
  out['sfha_peer_transmit_bytes_total'] = s.peers.map((p) => ({ labels: { peer: p.name }, value: p.txBytes }));
  for (const p of s.peers) {
    if (p.handshakeAgeSeconds !== null) out['sfha_peer_latest_handshake_age_seconds'].push({ labels: { peer: p.name }, value: p.handshakeAgeSeconds });
    if (p.rttMs !== null) out['sfha_peer_rtt_seconds'].push({ labels: { peer: p.name }, value: p.rttMs / 1000 });
  }
  return out;
}
