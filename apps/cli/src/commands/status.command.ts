import { unwrap } from '@sfha/contracts';
import type { CliArgs } from '../args';
import { openLocalSession, reaching } from '../agent-session';
import { formatClusterStatus, formatStatus } from '../format';
import type { Messages } from '../i18n';

export async function statusCommand(args: CliArgs, m: Messages, out: (text: string) => void): Promise<void> {
  const { client, url } = await openLocalSession({ dataDir: args.dataDir, ...(args.url ? { url: args.url } : {}) }, m);
  const [status, health] = await reaching(url, m, () => Promise.all([client.GET('/api/v1/status').then(unwrap), client.GET('/api/v1/health').then(unwrap)]));
  const cluster = status.clusterMember ? await reaching(url, m, () => client.GET('/api/v1/cluster/status').then(unwrap)) : null;
  const watchdog = status.clusterMember ? await reaching(url, m, () => client.GET('/api/v1/watchdog').then(unwrap)) : null;
  // Nodes nothing can fence: if one fails, its groups stay stopped (said before it happens).
  // A witness runs no group: it needs neither.
  const witnesses = cluster?.nodes.filter((n) => n.role === 'witness').map((n) => n.name) ?? [];
  const unprotected = watchdog?.nodes.filter((n) => !n.armed && n.fenceDevices.length === 0 && !witnesses.includes(n.node)).map((n) => n.node) ?? [];
  const setting = status.clusterMember ? (await reaching(url, m, () => client.GET('/api/v1/cluster/config').then(unwrap))).settings.managementAddress : null;
  // The quorate leader holds it (management-address.ts).
  const management = setting ? { ...setting, holder: cluster?.quorate ? cluster.leader : null } : null;
  if (args.json) {
    out(JSON.stringify({ ...status, health: health.status, cluster, unprotectedNodes: unprotected, managementAddress: management }, null, 2));
    return;
  }
  out(formatStatus({ ...status, health: health.status }, m, args.lang));
  if (cluster) out(`\n${formatClusterStatus(cluster, m)}`);
  if (management) out(`\n${m.config.management}: ${m.config.managementHeld(management.address, management.interface, management.holder)}`);
  if (unprotected.length > 0) out(`\n${m.watchdog.unprotected(unprotected)}`);
}
