import { Module } from '@nestjs/common';
import { AuthRepository } from '../auth/auth.repository';
import { MeshModule } from '../mesh/mesh.module';
import { StatusController } from './status.controller';
import { StatusService } from './status.service';

@Module({ imports: [MeshModule], controllers: [StatusController], providers: [StatusService, AuthRepository] })
export class StatusModule {}
