import { Module } from '@nestjs/common';
import { ClusterController } from './cluster.controller';
import { MeshClusterService } from './mesh-cluster.service';
import { MeshInvitationService } from './mesh-invitation.service';
import { MeshJoinService } from './mesh-join.service';
import { MeshKeyStore } from './mesh-key-store';
import { MeshLock } from './mesh-lock';
import { MeshProbe } from './mesh-probe.service';
import { MeshReconciler } from './mesh-reconciler.service';
import { MeshReplication } from './mesh-replication.service';
import { MeshRotationService } from './mesh-rotation.service';
import { MeshStatusService } from './mesh-status.service';
import { MeshController } from './mesh.controller';
import { MeshRepository } from './mesh.repository';
import { PeerApiServer } from './peer-api/peer-api.server';
import { PeerClient } from './peer-api/peer-client';
import { WIREGUARD_DRIVER, wireGuardDriverProvider } from './wireguard-driver.provider';

@Module({
  controllers: [ClusterController, MeshController],
  providers: [
    wireGuardDriverProvider,
    MeshRepository,
    MeshKeyStore,
    PeerApiServer,
    PeerClient,
    MeshReconciler,
    MeshReplication,
    MeshProbe,
    MeshClusterService,
    MeshStatusService,
    MeshInvitationService,
    MeshJoinService,
    MeshRotationService,
    MeshLock,
  ],
  exports: [MeshRepository, WIREGUARD_DRIVER, MeshReplication, MeshReconciler, PeerApiServer, PeerClient],
})
export class MeshModule {}
