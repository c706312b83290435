/** A member and the member list travel between agents: their shape is the peer protocol's. */
export type { Member, MemberList } from '../peer/peer-schemas';

export interface ClusterRecord {
  clusterId: string;
  name: string;
  network: string;
  secret: string;
  generation: number;
  createdAt: string;
}

export interface MeshSelf {
  nodeName: string;
  interface: string;
  meshIp: string;
  listenPort: number;
  peerApiPort: number;
  mtu: number;
  desiredUp: boolean;
}

export interface InvitationRecord {
  id: string;
  assignedIp: string;
  bootstrapPublicKey: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  usedBy: string | null;
  revokedAt: string | null;
  /** The role its joiner gets (docs/design.md, "Witness"). */
  role: 'full' | 'witness';
}
