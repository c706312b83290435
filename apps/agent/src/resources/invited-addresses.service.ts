import { Injectable, type OnModuleInit } from '@nestjs/common';
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
    const state = this.replication.state();
    const online = new Set(this.membership.view()?.nodes.filter((n) => n.online).map((n) => n.name) ?? []);
    const others = state.members.filter((m) => m.name !== state.self.nodeName && online.has(m.name));
    const remote = await Promise.all(
      others.map((m) =>
        this.client.call<string[]>({ meshIp: m.meshIp, port: state.self.peerApiPort }, 'GET', PENDING_PATH, { sign: this.replication.signer(state), timeoutMs: 2_000 }).then(
          (a) => (a.status === 200 && Array.isArray(a.body) ? a.body.filter((ip): ip is string => typeof ip === 'string') : []),
          () => [],
        ),
      ),
    );
    return [...this.local(), ...remote.flat()];
  }

  private local(): string[] {
    return this.repo.pendingInvitations(new Date().toISOString()).map((i) => i.assignedIp);
  }
}
