import { Module } from '@nestjs/common';
import { PeerModule } from '../peer/peer.module';
import { EndpointResolver } from './endpoint-resolver';
import { ClusterController } from './cluster.controller';
import { MeshClusterService } from './mesh-cluster.service';
import { MeshInvitationService } from './mesh-invitation.service';
import { MeshJoinService } from './mesh-join.service';
import { MeshKeyStore } from './mesh-key-store';
import { MeshLock } from './mesh-lock';
import { MeshMapService } from './mesh-map.service';
import { MeshProbe } from './mesh-probe.service';
import { MeshReconciler } from './mesh-reconciler.service';
import { MeshReplication } from './mesh-replication.service';
import { MeshRotationService } from './mesh-rotation.service';
import { MeshStatusService } from './mesh-status.service';
import { MeshController } from './mesh.controller';
import { MeshFacade } from './mesh.facade';
import { MeshRepository } from './mesh.repository';
import { WIREGUARD_DRIVER, wireGuardDriverProvider } from './wireguard-driver.provider';

/** Other folders see the mesh through {@link MeshFacade} only, and the peer protocol through PeerModule. */
@Module({
  imports: [PeerModule],
  controllers: [ClusterController, MeshController],
  providers: [
    wireGuardDriverProvider,
    MeshRepository,
    MeshKeyStore,
    MeshReconciler,
    EndpointResolver,
    MeshReplication,
    MeshFacade,
    MeshProbe,
    MeshClusterService,
    MeshStatusService,
    MeshMapService,
    MeshInvitationService,
    MeshJoinService,
    MeshRotationService,
    MeshLock,
  ],
  exports: [MeshFacade, MeshJoinService, MeshRepository, WIREGUARD_DRIVER, PeerModule],
})
export class MeshModule {}
