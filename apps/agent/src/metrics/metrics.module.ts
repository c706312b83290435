import { Global, Module } from '@nestjs/common';
import { ClusterSnapshotReader } from './cluster-snapshot.service';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

@Global()
@Module({ controllers: [MetricsController], providers: [MetricsService, ClusterSnapshotReader], exports: [MetricsService] })
export class MetricsModule {}
