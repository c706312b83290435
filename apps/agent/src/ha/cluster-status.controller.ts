import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { notInCluster } from '../mesh/mesh-errors';
import { MeshRepository } from '../mesh/mesh.repository';
import { ClusterMembership } from './cluster-membership.service';
import { ClusterStatusDto } from './dto/cluster-status.dto';

@ApiTags('cluster')
@ApiBearerAuth()
@Controller('cluster')
export class ClusterStatusController {
  constructor(
    private readonly membership: ClusterMembership,
    private readonly mesh: MeshRepository,
  ) {}

  @Get('status')
  @ApiOperation({ operationId: 'getClusterStatus', summary: 'Membership and quorum as Corosync sees them from this node, and the leader' })
  @ApiOkResponse({ type: ClusterStatusDto })
  status(): ClusterStatusDto {
    const cluster = this.mesh.cluster();
    const view = this.membership.view();
    if (!cluster || !view) throw notInCluster();
    return { clusterName: cluster.name, ...view };
  }
}
