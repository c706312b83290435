import { Injectable, type OnModuleInit } from '@nestjs/common';
import { askOnlineMembers } from '../ha/ask-online-members';
import { ClusterMembership } from '../ha/cluster-membership.service';
import { MeshReplication } from '../mesh/mesh-replication.service';
import { MeshRepository } from '../mesh/mesh.repository';
import { PeerApiServer } from '../mesh/peer-api/peer-api.server';
import { PeerClient } from '../mesh/peer-api/peer-client';

const PENDING_PATH = '/peer/v1/mesh/invitations/pending-addresses';

/**
 * Mesh addresses promised to pending invitations. Each invitation lives on the node that
 * issued it: a mesh VIP being set is checked against every online member's.
 */
@Injectable()
export class InvitedAddresses implements OnModuleInit {
  constructor(
    private readonly repo: MeshRepository,
    private readonly replication: MeshReplication,
    private readonly membership: ClusterMembership,
    private readonly peerApi: PeerApiServer,
    private readonly client: PeerClient,
  ) {}

  onModuleInit(): void {
    this.peerApi.register('GET', PENDING_PATH, (req) => {
      this.replication.authenticate(req);
      return Promise.resolve({ status: 200, body: this.local() });
    });
  }

  /** This node's and every online member's (a member that does not answer cannot be counted). */
  async clusterWide(): Promise<string[]> {
    const remote = await askOnlineMembers<unknown>({ replication: this.replication, membership: this.membership, client: this.client }, PENDING_PATH);
    return [...this.local(), ...remote.flatMap((r) => r.items.filter((ip): ip is string => typeof ip === 'string'))];
  }

  private local(): string[] {
    return this.repo.pendingInvitations(new Date().toISOString()).map((i) => i.assignedIp);
  }
}
