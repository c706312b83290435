import { unwrap } from '@sfha/contracts';
import type { CliArgs } from '../args';
import { openLocalSession, reaching } from '../agent-session';
import { formatClusterStatus, formatStatus } from '../format';
import type { Messages } from '../i18n';

export async function statusCommand(args: CliArgs, m: Messages, out: (text: string) => void): Promise<void> {
  const { client, url } = await openLocalSession({ dataDir: args.dataDir, ...(args.url ? { url: args.url } : {}) }, m);
  const [status, health] = await reaching(url, m, () => Promise.all([client.GET('/api/v1/status').then(unwrap), client.GET('/api/v1/health').then(unwrap)]));
  const cluster = status.clusterMember ? await reaching(url, m, () => client.GET('/api/v1/cluster/status').then(unwrap)) : null;
  if (args.json) {
    out(JSON.stringify({ ...status, health: health.status, cluster }, null, 2));
    return;
  }
  out(formatStatus({ ...status, health: health.status }, m, args.lang));
  if (cluster) out(`\n${formatClusterStatus(cluster, m)}`);
}
