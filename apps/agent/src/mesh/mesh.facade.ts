import { Injectable, type OnModuleInit } from '@nestjs/common';
import { SecretRegistry } from '../logging/secret-registry';
import { PeerIdentitySource } from '../peer/peer-identity';
import { notInCluster } from './mesh-errors';
import { MeshReconciler } from './mesh-reconciler.service';
import { meshState, type MeshState } from './mesh-state';
import { MeshStatusService } from './mesh-status.service';
import { MeshRepository } from './mesh.repository';
import type { MeshSelf } from './mesh.types';
import type { MeshStatusDto } from './dto/mesh.dto';

/**
 * What the rest of the agent may know of and ask from the mesh: this node's view of the cluster
 * (read-only), a signal when it changes, the addresses promised to invitations, and the mesh VIP
 * routes. Everything else (storage, keys, WireGuard) stays inside the mesh folder.
 */
@Injectable()
export class MeshFacade implements OnModuleInit {
  constructor(
    private readonly repo: MeshRepository,
    private readonly reconciler: MeshReconciler,
    private readonly meshStatus: MeshStatusService,
    private readonly identity: PeerIdentitySource,
    private readonly secrets: SecretRegistry,
  ) {}

  onModuleInit(): void {
    // The peer API signs and checks requests with what the mesh knows.
    this.identity.use(() => {
      const state = this.stateOrNull();
      return state ? { secret: state.cluster.secret, nodeName: state.self.nodeName, port: state.self.peerApiPort, members: state.members } : null;
    });
  }

  /** This node's mesh: cluster, own settings, members. Throws NOT_IN_CLUSTER outside a cluster. */
  state(): MeshState {
    const state = this.stateOrNull();
    if (!state) throw notInCluster();
    return state;
  }

  stateOrNull(): MeshState | null {
    const state = meshState(this.repo.cluster(), this.repo.self(), this.repo.members());
    if (state) this.secrets.add(state.cluster.secret);
    return state;
  }

  /** This node's own mesh settings, also before it is in a cluster (null before init or join). */
  self(): MeshSelf | null {
    return this.repo.self();
  }

  /** The tunnel and each peer as WireGuard sees them now. */
  status(): Promise<MeshStatusDto> {
    return this.meshStatus.status();
  }

  /** Called after a cluster is created or joined, and after every change of the member list. */
  onChanged(listener: () => void): void {
    this.repo.onChanged(listener);
  }

  /** Mesh addresses promised to this node's pending invitations. */
  pendingInvitationAddresses(): string[] {
    return this.repo.pendingInvitations(new Date().toISOString()).map((i) => i.assignedIp);
  }

  /** Routes each mesh VIP to its owner (member → VIPs); `addresses` are every mesh VIP of the config. */
  routeVips(routes: Readonly<Record<string, readonly string[]>>, addresses: readonly string[]): Promise<void> {
    return this.reconciler.routeVips(routes, addresses);
  }
}
