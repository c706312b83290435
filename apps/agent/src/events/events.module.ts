import { Global, Module } from '@nestjs/common';
import { ClusterTimeline } from './cluster-timeline.service';
import { EventsController } from './events.controller';
import { EventsRepository } from './events.repository';
import { EventsService } from './events.service';

@Global()
@Module({ controllers: [EventsController], providers: [EventsRepository, EventsService, ClusterTimeline], exports: [EventsService, ClusterTimeline] })
export class EventsModule {}
