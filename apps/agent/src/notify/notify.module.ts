import { Module } from '@nestjs/common';
import { HaModule } from '../ha/ha.module';
import { IncidentsModule } from '../incidents/incidents.module';
import { MeshModule } from '../mesh/mesh.module';
import { NotifyDeliveryRepository } from './notify-delivery.repository';
import { notifySenderProvider } from './notify-sender.provider';
import { NotifyController } from './notify.controller';
import { NotifyService } from './notify.service';

/** Incident notifications: targets, sending off the failover path, the delivery log. */
@Module({ imports: [HaModule, MeshModule, IncidentsModule], controllers: [NotifyController], providers: [NotifyDeliveryRepository, notifySenderProvider, NotifyService] })
export class NotifyModule {}
