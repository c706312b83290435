import { parseCidr } from '@sfha/mesh';
import type { ClusterRecord, Member, MeshSelf } from './mesh.types';

/** Everything known about the mesh on this node, read in one go. */
export interface MeshState {
  cluster: ClusterRecord;
  self: MeshSelf;
  members: Member[];
  /** This node's entry of the member list. */
  me: Member | undefined;
  prefix: number;
}

export function meshState(cluster: ClusterRecord | null, self: MeshSelf | null, members: Member[]): MeshState | null {
  if (!cluster || !self) return null;
  return { cluster, self, members, me: members.find((m) => m.name === self.nodeName), prefix: parseCidr(cluster.network).network.prefix };
}
