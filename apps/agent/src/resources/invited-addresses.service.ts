import { Injectable, type OnModuleInit } from '@nestjs/common';
import { askOnlineMembers } from '../ha/ask-online-members';
import { ClusterMembership } from '../ha/cluster-membership.service';
import { MeshFacade } from '../mesh/mesh.facade';
import { PeerApiServer } from '../peer/peer-api.server';
import { PeerClient } from '../peer/peer-client';
import { PEER_ROUTES } from '../peer/peer-routes';

/**
 * Mesh addresses promised to pending invitations. Each invitation lives on the node that
 * issued it: a mesh VIP being set is checked against every online member's.
 */
@Injectable()
export class InvitedAddresses implements OnModuleInit {
  constructor(
    private readonly mesh: MeshFacade,
    private readonly membership: ClusterMembership,
    private readonly peerApi: PeerApiServer,
    private readonly client: PeerClient,
  ) {}

  onModuleInit(): void {
    this.peerApi.serve(PEER_ROUTES.invitedAddresses, () => Promise.resolve({ body: this.local() }));
  }

  /** This node's and every online member's (a member that does not answer cannot be counted). */
  async clusterWide(): Promise<string[]> {
    const remote = await askOnlineMembers({ mesh: this.mesh, membership: this.membership, client: this.client }, PEER_ROUTES.invitedAddresses);
    return [...this.local(), ...remote.flatMap((r) => r.items)];
  }

  private local(): string[] {
    return this.mesh.pendingInvitationAddresses();
  }
}
