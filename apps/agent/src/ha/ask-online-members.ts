import type { ClusterMembership } from './cluster-membership.service';
import type { MeshFacade } from '../mesh/mesh.facade';
import type { PeerClient } from '../peer/peer-client';
import type { PeerRoute, RequestOf } from '../peer/peer-routes';

/**
 * GETs a signed peer route on every other member in the membership (members out of it are
 * not asked: they would only time out); a member that does not answer, or answers anything
 * but a 200 with a list, gives nothing. Each answer comes with the member's name.
 */
export async function askOnlineMembers<T>(
  peers: { mesh: MeshFacade; membership: ClusterMembership; client: PeerClient },
  route: PeerRoute<Record<string, never>, T[]>,
): Promise<{ member: string; items: T[] }[]> {
  const state = peers.mesh.state();
  const online = new Set(
    peers.membership
      .view()
      ?.nodes.filter((n) => n.online)
      .map((n) => n.name) ?? [],
  );
  const others = state.members.filter((m) => m.name !== state.self.nodeName && online.has(m.name));
  return Promise.all(
    others.map((m) =>
      peers.client.call(route, { meshIp: m.meshIp, port: state.self.peerApiPort }, { timeoutMs: 2_000 }).then(
        (a) => ({ member: m.name, items: a.ok ? a.body : [] }),
        () => ({ member: m.name, items: [] }),
      ),
    ),
  );
}

/**
 * Sends `body` to every other member in the membership and does not wait for the answers: a
 * member that is down or slow misses it (best effort; 2 s each). Nothing when in no cluster.
 */
export function tellOnlineMembers<R extends PeerRoute>(peers: { mesh: MeshFacade; membership: ClusterMembership; client: PeerClient }, route: R, body: RequestOf<R>): void {
  const state = peers.mesh.stateOrNull();
  if (!state) return;
  const online = new Set(
    peers.membership
      .view()
      ?.nodes.filter((n) => n.online)
      .map((n) => n.name) ?? [],
  );
  for (const m of state.members) {
    if (m.name === state.self.nodeName || !online.has(m.name)) continue;
    peers.client.call(route, { meshIp: m.meshIp, port: state.self.peerApiPort }, { body, timeoutMs: 2_000 }).catch(() => undefined);
  }
}
