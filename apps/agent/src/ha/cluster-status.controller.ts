import { AnyRole } from '../auth/access-rule';
import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { notInCluster } from '../mesh/mesh-errors';
import { MeshFacade } from '../mesh/mesh.facade';
import { mixedVersions } from '@sfha/ha';
import { NodeVersions } from '../versions/node-versions.service';
import { ClusterMembership } from './cluster-membership.service';
import { ClusterStatusDto } from './dto/cluster-status.dto';

@ApiTags('cluster')
@ApiBearerAuth()
@Controller('cluster')
export class ClusterStatusController {
  constructor(
    private readonly membership: ClusterMembership,
    private readonly mesh: MeshFacade,
    private readonly versions: NodeVersions,
  ) {}

  @AnyRole()
  @Get('status')
  @ApiOperation({ operationId: 'getClusterStatus', summary: 'Membership and quorum as Corosync sees them from this node, and the leader' })
  @ApiOkResponse({ type: ClusterStatusDto })
  status(): ClusterStatusDto {
    const cluster = this.mesh.stateOrNull()?.cluster;
    const view = this.membership.view();
    if (!cluster || !view) throw notInCluster();
    const versions = this.versions.all();
    const nodes = view.nodes.map((n) => ({ ...n, version: versions[n.name]?.version ?? null, configProtocol: versions[n.name]?.protocol ?? null }));
    return { clusterName: cluster.name, ...view, nodes, mixedVersions: mixedVersions(versions) };
  }
}
