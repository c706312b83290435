import { Inject, Injectable } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import { DATABASE } from '../database/database.token';
import type { ClusterRecord, InvitationRecord, Member, MeshSelf } from './mesh.types';

interface MemberRow {
  name: string;
  mesh_ip: string;
  public_key: string;
  pending_public_key: string | null;
  endpoint: string | null;
  keepalive: number;
  joined_at: string;
  role: string;
}

interface InvitationRow {
  id: string;
  assigned_ip: string;
  bootstrap_public_key: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  used_by: string | null;
  revoked_at: string | null;
  role: string;
}

const toInvitation = (r: InvitationRow): InvitationRecord => ({
  id: r.id,
  assignedIp: r.assigned_ip,
  bootstrapPublicKey: r.bootstrap_public_key,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  usedAt: r.used_at,
  usedBy: r.used_by,
  revokedAt: r.revoked_at,
  role: r.role === 'witness' ? 'witness' : 'full',
});

const toMember = (r: MemberRow): Member => ({
  name: r.name,
  meshIp: r.mesh_ip,
  publicKey: r.public_key,
  pendingPublicKey: r.pending_public_key,
  endpoint: r.endpoint,
  keepalive: r.keepalive,
  joinedAt: r.joined_at,
  ...(r.role === 'witness' ? { role: 'witness' as const } : {}),
});

/** The only file that touches the mesh tables. */
@Injectable()
export class MeshRepository {
  private readonly listeners = new Set<() => void>();

  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Called after every change of the cluster, this node's mesh settings or the member list. */
  onChanged(listener: () => void): void {
    this.listeners.add(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  /** Runs `fn` in one transaction: all of it is stored, or none. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  cluster(): ClusterRecord | null {
    const row = this.db.prepare('SELECT cluster_id, name, network, secret, generation, created_at FROM cluster WHERE id = 1').get() as
      { cluster_id: string; name: string; network: string; secret: string; generation: number; created_at: string } | undefined;
    return row ? { clusterId: row.cluster_id, name: row.name, network: row.network, secret: row.secret, generation: row.generation, createdAt: row.created_at } : null;
  }

  self(): MeshSelf | null {
    const row = this.db.prepare('SELECT * FROM mesh_self WHERE id = 1').get() as
      { node_name: string; interface: string; mesh_ip: string; listen_port: number; peer_api_port: number; mtu: number; desired_up: number } | undefined;
    return row
      ? { nodeName: row.node_name, interface: row.interface, meshIp: row.mesh_ip, listenPort: row.listen_port, peerApiPort: row.peer_api_port, mtu: row.mtu, desiredUp: row.desired_up === 1 }
      : null;
  }

  createCluster(cluster: ClusterRecord, self: MeshSelf): void {
    this.db
      .prepare('INSERT INTO cluster (id, cluster_id, name, network, secret, generation, created_at) VALUES (1, ?, ?, ?, ?, ?, ?)')
      .run(cluster.clusterId, cluster.name, cluster.network, cluster.secret, cluster.generation, cluster.createdAt);
    this.db
      .prepare('INSERT INTO mesh_self (id, node_name, interface, mesh_ip, listen_port, peer_api_port, mtu, desired_up) VALUES (1, ?, ?, ?, ?, ?, ?, ?)')
      .run(self.nodeName, self.interface, self.meshIp, self.listenPort, self.peerApiPort, self.mtu, self.desiredUp ? 1 : 0);
    this.changed();
  }

  setDesiredUp(up: boolean): void {
    this.db.prepare('UPDATE mesh_self SET desired_up = ? WHERE id = 1').run(up ? 1 : 0);
    this.changed();
  }

  members(): Member[] {
    return (this.db.prepare('SELECT * FROM members ORDER BY mesh_ip').all() as MemberRow[]).map(toMember);
  }

  /** Replaces the member list and its generation, in one transaction. */
  replaceMembers(generation: number, members: readonly Member[]): void {
    this.transaction(() => {
      this.db.prepare('DELETE FROM members').run();
      const insert = this.db.prepare('INSERT INTO members (name, mesh_ip, public_key, pending_public_key, endpoint, keepalive, joined_at, role) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
      for (const m of members) insert.run(m.name, m.meshIp, m.publicKey, m.pendingPublicKey, m.endpoint, m.keepalive, m.joinedAt, m.role ?? 'full');
      this.db.prepare('UPDATE cluster SET generation = ? WHERE id = 1').run(generation);
    });
    this.changed();
  }

  insertInvitation(invitation: InvitationRecord): void {
    this.db
      .prepare('INSERT INTO invitations (id, assigned_ip, bootstrap_public_key, created_at, expires_at, role) VALUES (?, ?, ?, ?, ?, ?)')
      .run(invitation.id, invitation.assignedIp, invitation.bootstrapPublicKey, invitation.createdAt, invitation.expiresAt, invitation.role);
  }

  invitation(id: string): InvitationRecord | null {
    const row = this.db.prepare('SELECT * FROM invitations WHERE id = ?').get(id) as InvitationRow | undefined;
    return row ? toInvitation(row) : null;
  }

  allInvitations(): InvitationRecord[] {
    return (this.db.prepare('SELECT * FROM invitations ORDER BY created_at DESC').all() as InvitationRow[]).map(toInvitation);
  }

  /** Invitations neither used, revoked nor expired at `now`. */
  pendingInvitations(now: string): InvitationRecord[] {
    const rows = this.db.prepare('SELECT * FROM invitations WHERE used_at IS NULL AND revoked_at IS NULL AND expires_at > ? ORDER BY created_at').all(now) as InvitationRow[];
    return rows.map(toInvitation);
  }

  /** Single use, atomically: true only for the one caller that marks it used. */
  consumeInvitation(id: string, usedBy: string, now: string): boolean {
    const result = this.db.prepare('UPDATE invitations SET used_at = ?, used_by = ? WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?').run(now, usedBy, id, now);
    return result.changes === 1;
  }

  deleteInvitation(id: string): void {
    this.db.prepare('DELETE FROM invitations WHERE id = ?').run(id);
  }

  revokeInvitation(id: string, now: string): boolean {
    return this.db.prepare('UPDATE invitations SET revoked_at = ? WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL').run(now, id).changes === 1;
  }

  /** Forgets the whole cluster on this node (used to undo a failed init). */
  forgetCluster(): void {
    this.transaction(() => {
      for (const table of ['members', 'invitations', 'mesh_self', 'cluster']) this.db.prepare(`DELETE FROM ${table}`).run();
    });
    this.changed();
  }
}
