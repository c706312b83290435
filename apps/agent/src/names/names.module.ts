import { Module } from '@nestjs/common';
import { MeshModule } from '../mesh/mesh.module';
import { MemberNames } from './member-names.service';

@Module({ imports: [MeshModule], providers: [MemberNames] })
export class NamesModule {}
