/** A member of the cluster's mesh, as replicated to every node. */
export interface Member {
  name: string;
  meshIp: string;
  publicKey: string;
  /** A key announced by `rotate-keys --prepare`, not in use yet. */
  pendingPublicKey: string | null;
  /** host:port where its WireGuard listens, if known. */
  endpoint: string | null;
  keepalive: number;
  joinedAt: string;
}

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
}

/** The replicated part of the cluster config the mesh needs (DESIGN.md §4). */
export interface MemberList {
  generation: number;
  members: Member[];
}
