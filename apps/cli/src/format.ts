import type { Lang, Messages } from './i18n';

/** "2 h 05 min", "3 min 12 s", "40 s". */
export function formatDuration(totalSeconds: number, lang: Lang): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  if (d > 0) return lang === 'fr' ? `${d} j ${h} h` : `${d} d ${h} h`;
  if (h > 0) return `${h} h ${pad(m)} min`;
  if (m > 0) return `${m} min ${pad(s % 60)} s`;
  return `${s} s`;
}

/** Label/value lines with the values aligned. */
export function table(rows: readonly (readonly [string, string])[]): string {
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n');
}

export interface StatusView {
  nodeName: string;
  version: string;
  uptimeSeconds: number;
  setupComplete: boolean;
  clusterMember: boolean;
  clusterName?: string | null;
  meshIp?: string | null;
  health: string;
}

export interface ClusterStatusView {
  quorate: boolean;
  corosyncRunning: boolean;
  totalVotes: number | null;
  expectedVotes: number | null;
  quorum: number | null;
  leader: string | null;
  nodes: { name: string; nodeId: number; meshIp: string; role?: string; online: boolean; leader: boolean; self: boolean; version?: string | null }[];
  mixedVersions?: boolean;
}

export function formatClusterStatus(view: ClusterStatusView, m: Messages): string {
  const c = m.clusterStatus;
  const quorum = !view.corosyncRunning
    ? c.corosyncDown
    : view.quorate
      ? c.quorate(view.totalVotes ?? 0, view.expectedVotes ?? 0, view.quorum ?? 0)
      : c.notQuorate(view.totalVotes ?? 0, view.quorum ?? 0);
  const head = table([
    [c.quorum, quorum],
    [c.leader, view.leader ?? c.noLeader],
  ]);
  const rows = view.nodes.map((n) => {
    const tags = [n.leader ? c.leaderTag : '', n.self ? c.selfTag : '', n.role === 'witness' ? c.witnessTag : ''].filter(Boolean).join(', ');
    return `  ${n.name.padEnd(12)} ${String(n.nodeId).padEnd(4)} ${n.meshIp.padEnd(16)} ${(n.version ?? '?').padEnd(10)} ${n.online ? c.online : c.offline}${tags ? ` (${tags})` : ''}`;
  });
  return [head, '', `  ${c.header}`, ...rows, ...(view.mixedVersions ? ['', c.mixedVersions] : [])].join('\n');
}

export function formatStatus(view: StatusView, m: Messages, lang: Lang): string {
  return table([
    [m.status.node, view.nodeName],
    [m.status.version, view.version],
    [m.status.agent, m.status.running(formatDuration(view.uptimeSeconds, lang))],
    [m.status.health, view.health],
    [m.status.admin, view.setupComplete ? m.status.adminSet : m.status.adminUnset],
    [m.status.cluster, view.clusterMember ? `${view.clusterName ?? ''} (${m.status.member}, ${view.meshIp ?? '?'})` : m.status.noCluster],
  ]);
}
