import { Module } from '@nestjs/common';
import { MeshModule } from '../mesh/mesh.module';
import { ClusterMembership } from './cluster-membership.service';
import { ClusterStatusController } from './cluster-status.controller';
import { corosyncDriverProvider } from './corosync-driver.provider';

@Module({
  imports: [MeshModule],
  controllers: [ClusterStatusController],
  providers: [corosyncDriverProvider, ClusterMembership],
})
export class HaModule {}
