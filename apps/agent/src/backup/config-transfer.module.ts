import { Module } from '@nestjs/common';
import { FencingModule } from '../fencing/fencing.module';
import { HaModule } from '../ha/ha.module';
import { MeshModule } from '../mesh/mesh.module';
import { ConfigTransferController } from './config-transfer.controller';
import { ConfigTransferService } from './config-transfer.service';

/** Export and import of the replicated cluster config (docs/backup.md). */
@Module({
  imports: [HaModule, FencingModule, MeshModule],
  controllers: [ConfigTransferController],
  providers: [ConfigTransferService],
})
export class ConfigTransferModule {}
