import { Module } from '@nestjs/common';
import { HaModule } from '../ha/ha.module';
import { MeshModule } from '../mesh/mesh.module';
import { ResourcesModule } from '../resources/resources.module';
import { createWatchdogDeviceDriver, WATCHDOG_DEVICE_DRIVER } from './watchdog-device';
import { WatchdogController } from './watchdog.controller';
import { WatchdogService } from './watchdog.service';

/** Watchdog self-fencing: the device driver, arming and petting, the node's advert, status and test. */
@Module({
  imports: [MeshModule, HaModule, ResourcesModule],
  controllers: [WatchdogController],
  providers: [{ provide: WATCHDOG_DEVICE_DRIVER, useFactory: createWatchdogDeviceDriver }, WatchdogService],
  exports: [WatchdogService],
})
export class WatchdogModule {}
