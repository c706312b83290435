/**
 * When is the cluster whole again? Every agent answers; every node sees every member online
 * in one quorate membership with the same leader and the same config generation; every group
 * has an owner with all its resources running; each VIP is held by that owner alone and each
 * service process runs on that owner alone; and the clients got through lately.
 */
import { addressesOf, processesOf, viewOf } from './chaos-cluster';
import type { LoadClients } from './chaos-load';

export const GROUPS = [
  { name: 'web', vip: '192.0.2.100', port: 8080, mesh: false },
  { name: 'api', vip: '192.0.2.101', port: 8081, mesh: false },
  { name: 'db', vip: '10.100.0.200', port: 8083, mesh: true },
] as const;

/** Where each group's service process runs ("lab-web-server PORT" on the hosts). */
export async function servicePlaces(hosts: readonly string[]): Promise<Record<string, string[]>> {
  const places: Record<string, string[]> = {};
  for (const group of GROUPS) {
    const running = await Promise.all(hosts.map(async (h) => ((await processesOf(h, `lab-web-server ${group.port}`)).length > 0 ? [h] : [])));
    places[group.name] = running.flat();
  }
  return places;
}

/** What keeps the cluster from being whole, or null when it is. `since`: client requests from then on count. */
export async function steadyProblem(hosts: readonly string[], load: LoadClients, since: number): Promise<string | null> {
  const views = await Promise.all(hosts.map(viewOf));
  for (const v of views) {
    if (!v.cluster || !v.groups || !v.config) return `${v.node}: agent not answering`;
    if (!v.cluster.quorate) return `${v.node}: not quorate`;
    const online = v.cluster.nodes.filter((n) => n.online).length;
    if (online !== hosts.length) return `${v.node}: ${online}/${hosts.length} online`;
  }
  const leaders = new Set(views.map((v) => v.cluster?.leader));
  if (leaders.size !== 1) return `leaders differ: ${[...leaders].join(', ')}`;
  const generations = new Set(views.map((v) => v.config?.generation));
  if (generations.size !== 1) return `config generations differ: ${views.map((v) => `${v.node}=${v.config?.generation}`).join(' ')}`;
  const groups = views.find((v) => v.cluster?.leader === v.node)?.groups ?? views[0]?.groups ?? [];
  const addresses = await Promise.all(hosts.map(addressesOf));
  const places = await servicePlaces(hosts);
  for (const spec of GROUPS) {
    const group = groups.find((g) => g.name === spec.name);
    if (!group?.owner) return `${spec.name}: no owner`;
    if (!group.resources.every((r) => r.running === true)) return `${spec.name}: not every resource running on ${group.owner}`;
    const holders = hosts.filter((_, k) => addresses[k]?.includes(spec.vip));
    if (holders.length !== 1 || holders[0] !== group.owner) return `${spec.name}: VIP ${spec.vip} held by [${holders.join(',')}], owner ${group.owner}`;
    const running = places[spec.name] ?? [];
    if (running.length !== 1 || running[0] !== group.owner) return `${spec.name}: service runs on [${running.join(',')}], owner ${group.owner}`;
    if (!load.lastOk(spec.name, since)) return `${spec.name}: the client does not get through yet`;
  }
  return null;
}
