import { Module } from '@nestjs/common';
import { FencingModule } from '../fencing/fencing.module';
import { HaModule } from '../ha/ha.module';
import { MeshModule } from '../mesh/mesh.module';
import { InvitedAddresses } from './invited-addresses.service';
import { ManagementAddressService } from './management-address.service';
import { MeshVipRouter } from './mesh-vip-router.service';
import { NodeDrainService } from './node-drain.service';
import { healthProbeProvider, resourceDriverProvider, systemdDriverProvider } from './resource-driver.provider';
import { ResourceEngine } from './resource-engine.service';
import { ResourcesController } from './resources.controller';
import { ResourcesService } from './resources.service';
import { SchedulerInsightController } from './scheduler-insight.controller';
import { SchedulerInsight } from './scheduler-insight.service';

/** Resource groups: their definitions, the HA engine that runs them (the scheduler's executor), where they run. */
@Module({
  imports: [MeshModule, HaModule, FencingModule],
  controllers: [ResourcesController, SchedulerInsightController],
  providers: [
    resourceDriverProvider,
    healthProbeProvider,
    systemdDriverProvider,
    ResourceEngine,
    NodeDrainService,
    MeshVipRouter,
    ManagementAddressService,
    InvitedAddresses,
    ResourcesService,
    SchedulerInsight,
  ],
  exports: [ResourceEngine, ResourcesService, ManagementAddressService],
})
export class ResourcesModule {}
