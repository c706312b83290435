import { AdminOnly, AnyRole, OperatorOrAdmin } from '../auth/access-rule';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AddPeerDto, ClusterDto, CreateInvitationDto, EndpointDto, InvitationCreatedDto, InvitationDto, MeshStatusDto, RotateKeysDto, RotationDto } from './dto/mesh.dto';
import { MeshHistoryDto, MeshMapDto } from './dto/mesh-map.dto';
import { MeshClusterService } from './mesh-cluster.service';
import { MeshInvitationService } from './mesh-invitation.service';
import { MeshMapService } from './mesh-map.service';
import { MeshRotationService } from './mesh-rotation.service';
import { MeshStatusService } from './mesh-status.service';

@ApiTags('mesh')
@ApiBearerAuth()
@Controller('mesh')
export class MeshController {
  constructor(
    private readonly clusters: MeshClusterService,
    private readonly statuses: MeshStatusService,
    private readonly invitations: MeshInvitationService,
    private readonly rotations: MeshRotationService,
    private readonly maps: MeshMapService,
  ) {}

  @AnyRole()
  @Get('status')
  @ApiOperation({ operationId: 'getMeshStatus', summary: 'Peers with endpoint, handshake age, transfer, round trip, connected' })
  @ApiOkResponse({ type: MeshStatusDto })
  status(): Promise<MeshStatusDto> {
    return this.statuses.status();
  }

  @AnyRole()
  @Get('map')
  @ApiOperation({ operationId: 'getMeshMap', summary: 'Every member’s view of its links (connected, handshake age, round trip): the whole mesh, an asymmetric cut included' })
  @ApiOkResponse({ type: MeshMapDto })
  map(): Promise<MeshMapDto> {
    return this.maps.map();
  }

  @AnyRole()
  @Get('history')
  @ApiOperation({ operationId: 'getMeshHistory', summary: 'This node’s links over the last hour: round trip and traffic, one sample every 30 s' })
  @ApiOkResponse({ type: MeshHistoryDto })
  history(): MeshHistoryDto {
    return this.maps.historyView();
  }

  @AdminOnly()
  @Post('up')
  @HttpCode(204)
  @ApiOperation({ operationId: 'meshUp', summary: 'Bring the mesh interface up (and keep it up)' })
  @ApiNoContentResponse()
  up(): Promise<void> {
    return this.clusters.setUp(true);
  }

  @AdminOnly()
  @Post('down')
  @HttpCode(204)
  @ApiOperation({ operationId: 'meshDown', summary: 'Take the mesh interface down (until mesh up)' })
  @ApiNoContentResponse()
  down(): Promise<void> {
    return this.clusters.setUp(false);
  }

  @OperatorOrAdmin()
  @Post('invitations')
  @ApiOperation({ operationId: 'createInvitation', summary: 'A one-time join link and its QR code (shown once)' })
  @ApiCreatedResponse({ type: InvitationCreatedDto })
  createInvitation(@Body() dto: CreateInvitationDto): Promise<InvitationCreatedDto> {
    return this.invitations.create(dto);
  }

  @AnyRole()
  @Get('invitations')
  @ApiOperation({ operationId: 'listInvitations', summary: 'Invitations issued by this node, without their links' })
  @ApiOkResponse({ type: [InvitationDto] })
  listInvitations(): InvitationDto[] {
    return this.invitations.list();
  }

  @OperatorOrAdmin()
  @Delete('invitations/:id')
  @HttpCode(204)
  @ApiOperation({ operationId: 'revokeInvitation', summary: 'Revoke a pending invitation' })
  @ApiNoContentResponse()
  revokeInvitation(@Param('id') id: string): Promise<void> {
    return this.invitations.revoke(id);
  }

  @AdminOnly()
  @Post('peers')
  @ApiOperation({ operationId: 'addPeer', summary: 'Add a member by hand (mesh add-peer)' })
  @ApiCreatedResponse({ type: ClusterDto })
  addPeer(@Body() dto: AddPeerDto): Promise<ClusterDto> {
    return this.clusters.addPeer(dto);
  }

  @AdminOnly()
  @Delete('peers/:name')
  @HttpCode(204)
  @ApiOperation({ operationId: 'removePeer', summary: 'Remove a member from every node (mesh remove-peer)' })
  @ApiNoContentResponse()
  removePeer(@Param('name') name: string): Promise<void> {
    return this.clusters.removePeer(name);
  }

  @AdminOnly()
  @Put('endpoint')
  @ApiOperation({ operationId: 'setEndpoint', summary: 'Change where the other nodes reach this one' })
  @ApiOkResponse({ type: ClusterDto })
  setEndpoint(@Body() dto: EndpointDto): Promise<ClusterDto> {
    return this.clusters.setEndpoint(dto.endpoint);
  }

  @AdminOnly()
  @Post('rotate-keys')
  @HttpCode(200)
  @ApiOperation({ operationId: 'rotateKeys', summary: 'Rotate this node’s WireGuard key: prepare, commit, cleanup, or all' })
  @ApiOkResponse({ type: RotationDto })
  rotateKeys(@Body() dto: RotateKeysDto): Promise<RotationDto> {
    return this.rotations.rotate(dto.phase ?? 'all');
  }
}
