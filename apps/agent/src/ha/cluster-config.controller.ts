import { AdminOnly, AnyRole, OperatorOrAdmin } from '../auth/access-rule';
import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import type { VersionedConfig } from '@sfha/ha';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';
import { MeshFacade } from '../mesh/mesh.facade';
import { ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorBody } from '../errors/api-error-body';
import { ClusterConfigService } from './cluster-config.service';
import { ClusterConfigDto, MaintenanceDto, UpdateSettingsDto } from './dto/cluster-config.dto';

const toDto = ({ generation, config }: VersionedConfig): ClusterConfigDto => ({
  generation,
  settings: config.settings,
  standby: config.standby ?? [],
  frozen: config.frozen ?? [],
  maintenance: config.maintenance ?? false,
});

@ApiTags('cluster')
@ApiBearerAuth()
@Controller('cluster')
export class ClusterConfigController {
  constructor(
    private readonly configs: ClusterConfigService,
    private readonly mesh: MeshFacade,
  ) {}

  @AnyRole()
  @Get('config')
  @ApiOperation({ operationId: 'getClusterConfig', summary: 'The committed cluster configuration' })
  @ApiOkResponse({ type: ClusterConfigDto })
  get(): ClusterConfigDto {
    return toDto(this.configs.current());
  }

  @OperatorOrAdmin()
  @Post('nodes/:node/standby')
  @HttpCode(200)
  @ApiOperation({ operationId: 'standbyNode', summary: 'Put a node in standby: its groups move away (stop first), it never leads' })
  @ApiOkResponse({ type: ClusterConfigDto })
  standby(@Param('node') node: string): Promise<ClusterConfigDto> {
    return this.setStandby(node, true);
  }

  @OperatorOrAdmin()
  @Post('nodes/:node/unstandby')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'unstandbyNode',
    summary: 'Take a node out of standby; a frozen node (freeze shutdown policy) is thawed too: if it is away, the cluster fences it and recovers its groups',
  })
  @ApiOkResponse({ type: ClusterConfigDto })
  unstandby(@Param('node') node: string): Promise<ClusterConfigDto> {
    return this.setStandby(node, false);
  }

  @OperatorOrAdmin()
  @Put('maintenance')
  @ApiOperation({ operationId: 'setMaintenance', summary: 'Maintenance mode: the cluster leaves every resource alone' })
  @ApiOkResponse({ type: ClusterConfigDto })
  async maintenance(@Body() dto: MaintenanceDto): Promise<ClusterConfigDto> {
    return toDto(await this.configs.propose({ kind: 'maintenance', on: dto.enabled }));
  }

  private async setStandby(node: string, on: boolean): Promise<ClusterConfigDto> {
    const members = this.mesh.state().members.map((m) => m.name);
    if (!members.includes(node)) throw new DomainError(ErrorCode.MemberNotFound, `no member named ${node} (members: ${members.join(', ')})`);
    const result = await this.configs.propose({ kind: 'standby', node, on });
    if (on || !(result.config.frozen ?? []).includes(node)) return toDto(result);
    return toDto(await this.configs.propose({ kind: 'freeze', node, on: false }));
  }

  @AdminOnly()
  @Put('config/settings')
  @ApiOperation({ operationId: 'updateClusterSettings', summary: 'Change cluster settings (quorum required; committed by the leader on a majority)' })
  @ApiOkResponse({ type: ClusterConfigDto })
  @ApiConflictResponse({ type: ApiErrorBody, description: 'no quorum' })
  async update(@Body() dto: UpdateSettingsDto): Promise<ClusterConfigDto> {
    return toDto(await this.configs.changeSettings(dto));
  }
}
