import { Module } from '@nestjs/common';
import { AuthRepository } from '../auth/auth.repository';
import { StatusController } from './status.controller';
import { StatusService } from './status.service';

@Module({ controllers: [StatusController], providers: [StatusService, AuthRepository] })
export class StatusModule {}
