import { Module } from '@nestjs/common';
import { MeshModule } from '../mesh/mesh.module';
import { DoctorController } from './doctor.controller';
import { DoctorService } from './doctor.service';

@Module({ imports: [MeshModule], controllers: [DoctorController], providers: [DoctorService] })
export class DoctorModule {}
