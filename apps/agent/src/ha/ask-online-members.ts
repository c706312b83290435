import type { ClusterMembership } from './cluster-membership.service';
import type { MeshReplication } from '../mesh/mesh-replication.service';
import type { PeerClient } from '../mesh/peer-api/peer-client';

/**
 * GETs a signed peer route on every other member in the membership (members out of it are
 * not asked: they would only time out); a member that does not answer, or answers anything
 * but a 200 with a list, gives nothing. Each answer comes with the member's name.
 */
export async function askOnlineMembers<T>(peers: { replication: MeshReplication; membership: ClusterMembership; client: PeerClient }, path: string): Promise<{ member: string; items: T[] }[]> {
  const state = peers.replication.state();
  const online = new Set(peers.membership.view()?.nodes.filter((n) => n.online).map((n) => n.name) ?? []);
  const others = state.members.filter((m) => m.name !== state.self.nodeName && online.has(m.name));
  return Promise.all(
    others.map((m) =>
      peers.client.call<T[]>({ meshIp: m.meshIp, port: state.self.peerApiPort }, 'GET', path, { sign: peers.replication.signer(state), timeoutMs: 2_000 }).then(
        (a) => ({ member: m.name, items: a.status === 200 && Array.isArray(a.body) ? a.body : [] }),
        () => ({ member: m.name, items: [] }),
      ),
    ),
  );
}
