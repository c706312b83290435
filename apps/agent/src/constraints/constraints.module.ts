import { Module } from '@nestjs/common';
import { HaModule } from '../ha/ha.module';
import { ConstraintsController } from './constraints.controller';
import { ConstraintsService } from './constraints.service';

/** Colocation, anti-colocation and order constraints between groups, in the replicated config. */
@Module({
  imports: [HaModule],
  controllers: [ConstraintsController],
  providers: [ConstraintsService],
  exports: [ConstraintsService],
})
export class ConstraintsModule {}
