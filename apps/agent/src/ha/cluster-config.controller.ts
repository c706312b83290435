import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorBody } from '../errors/api-error-body';
import { ClusterConfigService } from './cluster-config.service';
import { ClusterConfigDto, UpdateSettingsDto } from './dto/cluster-config.dto';

@ApiTags('cluster')
@ApiBearerAuth()
@Controller('cluster/config')
export class ClusterConfigController {
  constructor(private readonly configs: ClusterConfigService) {}

  @Get()
  @ApiOperation({ operationId: 'getClusterConfig', summary: 'The committed cluster configuration' })
  @ApiOkResponse({ type: ClusterConfigDto })
  get(): ClusterConfigDto {
    const { generation, config } = this.configs.current();
    return { generation, settings: config.settings };
  }

  @Put('settings')
  @ApiOperation({ operationId: 'updateClusterSettings', summary: 'Change cluster settings (quorum required; committed by the leader on a majority)' })
  @ApiOkResponse({ type: ClusterConfigDto })
  @ApiConflictResponse({ type: ApiErrorBody, description: 'no quorum' })
  async update(@Body() dto: UpdateSettingsDto): Promise<ClusterConfigDto> {
    const { generation, config } = await this.configs.changeSettings(dto);
    return { generation, settings: config.settings };
  }
}
