import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorBody } from '../errors/api-error-body';
import { ClusterDto, InitClusterDto, JoinDto, JoinResultDto } from './dto/mesh.dto';
import { MeshClusterService } from './mesh-cluster.service';
import { MeshJoinService } from './mesh-join.service';

@ApiTags('cluster')
@ApiBearerAuth()
@Controller('cluster')
export class ClusterController {
  constructor(
    private readonly clusters: MeshClusterService,
    private readonly joins: MeshJoinService,
  ) {}

  @Post('init')
  @ApiOperation({ operationId: 'initCluster', summary: 'Create a cluster with this node as its first member (sfha init)' })
  @ApiCreatedResponse({ type: ClusterDto })
  @ApiConflictResponse({ type: ApiErrorBody, description: 'already in a cluster, port in use, address in use' })
  init(@Body() dto: InitClusterDto): Promise<ClusterDto> {
    return this.clusters.init(dto);
  }

  @Post('join')
  @HttpCode(200)
  @ApiOperation({ operationId: 'joinCluster', summary: 'Join a cluster with an invitation link (sfha join)' })
  @ApiOkResponse({ type: JoinResultDto })
  join(@Body() dto: JoinDto): Promise<JoinResultDto> {
    return this.joins.join(dto);
  }

  @Get()
  @ApiOperation({ operationId: 'getCluster', summary: 'The cluster and its members' })
  @ApiOkResponse({ type: ClusterDto })
  get(): ClusterDto {
    return this.clusters.clusterDto();
  }
}
