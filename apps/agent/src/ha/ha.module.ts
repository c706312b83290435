import { Module } from '@nestjs/common';
import { fenceAgentDriverProvider } from '../fencing/fence-agent-driver.provider';
import { FenceHistoryRepository } from '../fencing/fence-history.repository';
import { FencingController } from '../fencing/fencing.controller';
import { FencingService } from '../fencing/fencing.service';
import { MeshModule } from '../mesh/mesh.module';
import { ClusterConfigController } from './cluster-config.controller';
import { ClusterConfigRepository } from './cluster-config.repository';
import { ClusterConfigService } from './cluster-config.service';
import { ClusterMembership } from './cluster-membership.service';
import { ClusterStatusController } from './cluster-status.controller';
import { corosyncDriverProvider } from './corosync-driver.provider';

@Module({
  imports: [MeshModule],
  controllers: [ClusterStatusController, ClusterConfigController, FencingController],
  providers: [corosyncDriverProvider, ClusterMembership, ClusterConfigRepository, ClusterConfigService, fenceAgentDriverProvider, FenceHistoryRepository, FencingService],
})
export class HaModule {}
