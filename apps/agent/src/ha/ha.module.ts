import { Module } from '@nestjs/common';
import { MeshModule } from '../mesh/mesh.module';
import { NodeVersions } from '../versions/node-versions.service';
import { ClusterConfigController } from './cluster-config.controller';
import { ClusterConfigRepository } from './cluster-config.repository';
import { ClusterConfigService } from './cluster-config.service';
import { ClusterMembership } from './cluster-membership.service';
import { ClusterStatusController } from './cluster-status.controller';
import { corosyncDriverProvider } from './corosync-driver.provider';

/** The cluster itself: Corosync membership and the replicated, majority-committed config. */
@Module({
  imports: [MeshModule],
  controllers: [ClusterStatusController, ClusterConfigController],
  providers: [corosyncDriverProvider, ClusterMembership, ClusterConfigRepository, ClusterConfigService, NodeVersions],
  exports: [ClusterMembership, ClusterConfigService],
})
export class HaModule {}
