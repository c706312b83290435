import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { MeshModule } from '../mesh/mesh.module';
import { StatusController } from './status.controller';
import { StatusService } from './status.service';

@Module({ imports: [MeshModule, AuthModule], controllers: [StatusController], providers: [StatusService] })
export class StatusModule {}
