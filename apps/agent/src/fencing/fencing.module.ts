import { Module } from '@nestjs/common';
import { HaModule } from '../ha/ha.module';
import { MeshModule } from '../mesh/mesh.module';
import { fenceAgentDriverProvider } from './fence-agent-driver.provider';
import { FenceHistoryRepository } from './fence-history.repository';
import { fenceWebhookDriverProvider } from './fence-webhook-driver.provider';
import { FencingController } from './fencing.controller';
import { FencingService } from './fencing.service';

/** STONITH: fence devices, the fence gate, manual and automatic fences, the cluster-wide history. */
@Module({
  imports: [MeshModule, HaModule],
  controllers: [FencingController],
  providers: [fenceAgentDriverProvider, fenceWebhookDriverProvider, FenceHistoryRepository, FencingService],
  exports: [FencingService],
})
export class FencingModule {}
