import { Module } from '@nestjs/common';
import { ConstraintsController } from '../constraints/constraints.controller';
import { ConstraintsService } from '../constraints/constraints.service';
import { fenceAgentDriverProvider } from '../fencing/fence-agent-driver.provider';
import { fenceWebhookDriverProvider } from '../fencing/fence-webhook-driver.provider';
import { FenceHistoryRepository } from '../fencing/fence-history.repository';
import { FencingController } from '../fencing/fencing.controller';
import { FencingService } from '../fencing/fencing.service';
import { MeshModule } from '../mesh/mesh.module';
import { MeshVipRouter } from '../resources/mesh-vip-router.service';
import { healthProbeProvider, resourceDriverProvider, systemdDriverProvider } from '../resources/resource-driver.provider';
import { ResourceEngine } from '../resources/resource-engine.service';
import { ResourcesController } from '../resources/resources.controller';
import { InvitedAddresses } from '../resources/invited-addresses.service';
import { ResourcesService } from '../resources/resources.service';
import { ClusterConfigController } from './cluster-config.controller';
import { ClusterConfigRepository } from './cluster-config.repository';
import { ClusterConfigService } from './cluster-config.service';
import { ClusterMembership } from './cluster-membership.service';
import { ClusterStatusController } from './cluster-status.controller';
import { corosyncDriverProvider } from './corosync-driver.provider';

@Module({
  imports: [MeshModule],
  controllers: [ClusterStatusController, ClusterConfigController, FencingController, ResourcesController, ConstraintsController],
  providers: [
    corosyncDriverProvider,
    ClusterMembership,
    ClusterConfigRepository,
    ClusterConfigService,
    fenceAgentDriverProvider,
    fenceWebhookDriverProvider,
    FenceHistoryRepository,
    FencingService,
    resourceDriverProvider,
    healthProbeProvider,
    systemdDriverProvider,
    ResourceEngine,
    MeshVipRouter,
    InvitedAddresses,
    ResourcesService,
    ConstraintsService,
  ],
})
export class HaModule {}
