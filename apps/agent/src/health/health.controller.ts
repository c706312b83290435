import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator';
import { SettingsRepository } from '../database/settings.repository';
import { ApiErrorBody } from '../errors/api-error-body';

export class HealthDto {
  @ApiProperty({ enum: ['ok'] })
  status!: 'ok';

  /** Each check of the agent and its result. */
  @ApiProperty({ example: { database: 'ok' } })
  checks!: Record<string, 'ok'>;
}

/** Liveness for load balancers and the lab: public, reveals nothing but "ok". */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly settings: SettingsRepository) {}

  @Public()
  @Get()
  @ApiOperation({ operationId: 'getHealth', summary: 'Whether the agent and its database answer' })
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: ApiErrorBody })
  health(): HealthDto {
    let databaseOk = false;
    try {
      databaseOk = this.settings.ping();
    } catch {
      databaseOk = false;
    }
    if (!databaseOk) throw new ServiceUnavailableException('the database does not answer');
    return { status: 'ok', checks: { database: 'ok' } };
  }
}
