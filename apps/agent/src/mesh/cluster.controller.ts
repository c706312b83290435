import { AdminOnly, AnyRole } from '../auth/access-rule';
import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Authenticator } from '../auth/authenticator.service';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorBody } from '../errors/api-error-body';
import { ClusterDto, InitClusterDto, InitClusterResultDto, JoinDto, JoinResultDto } from './dto/mesh.dto';
import { MeshClusterService } from './mesh-cluster.service';
import { MeshJoinService } from './mesh-join.service';

@ApiTags('cluster')
@ApiBearerAuth()
@Controller('cluster')
export class ClusterController {
  constructor(
    private readonly clusters: MeshClusterService,
    private readonly joins: MeshJoinService,
    private readonly modules: ModuleRef,
  ) {}

  @AdminOnly()
  @Post('init')
  @ApiOperation({ operationId: 'initCluster', summary: 'Create a cluster with this node as its first member (sfha init)' })
  @ApiCreatedResponse({ type: InitClusterResultDto })
  @ApiConflictResponse({ type: ApiErrorBody, description: 'already in a cluster, port in use, address in use' })
  async init(@Body() dto: InitClusterDto, @CurrentPrincipal() by: Principal): Promise<InitClusterResultDto> {
    const cluster = await this.clusters.init(dto);
    // The auth module depends on the mesh one: its authenticator is looked up, not injected.
    return { ...cluster, session: this.modules.get(Authenticator, { strict: false }).renew(by) };
  }

  @AdminOnly()
  @Post('join')
  @HttpCode(200)
  @ApiOperation({ operationId: 'joinCluster', summary: 'Join a cluster with an invitation link (sfha join)' })
  @ApiOkResponse({ type: JoinResultDto })
  join(@Body() dto: JoinDto): Promise<JoinResultDto> {
    return this.joins.join(dto);
  }

  @AnyRole()
  @Get()
  @ApiOperation({ operationId: 'getCluster', summary: 'The cluster and its members' })
  @ApiOkResponse({ type: ClusterDto })
  get(): ClusterDto {
    return this.clusters.clusterDto();
  }
}
