import { AdminOnly, AnyRole, OperatorOrAdmin } from '../auth/access-rule';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FenceAgentDto, FenceDeviceDto, FenceEventDto, FenceLevelDto, FenceNodeDto, FencingStatusDto, PutFenceDeviceDto, PutFenceLevelsDto } from './dto/fencing.dto';
import { FencingService } from './fencing.service';

@ApiTags('fencing')
@ApiBearerAuth()
@Controller('fencing')
export class FencingController {
  constructor(private readonly fencing: FencingService) {}

  @AnyRole()
  @Get('agents/:agent')
  @ApiOperation({ operationId: 'getFenceAgent', summary: 'A fence agent’s parameters, from its metadata (builds the device form)' })
  @ApiOkResponse({ type: FenceAgentDto })
  agent(@Param('agent') agent: string): Promise<FenceAgentDto> {
    return this.fencing.agent(agent);
  }

  @AnyRole()
  @Get('devices')
  @ApiOperation({ operationId: 'listFenceDevices', summary: 'Fence devices (secret parameters masked)' })
  @ApiOkResponse({ type: [FenceDeviceDto] })
  devices(): Promise<FenceDeviceDto[]> {
    return this.fencing.devices();
  }

  @AdminOnly()
  @Put('devices/:name')
  @ApiOperation({ operationId: 'putFenceDevice', summary: 'Create or replace a fence device (checked against the agent’s metadata; quorum required)' })
  @ApiOkResponse({ type: FenceDeviceDto })
  putDevice(@Param('name') name: string, @Body() dto: PutFenceDeviceDto): Promise<FenceDeviceDto> {
    return this.fencing.putDevice(name, dto);
  }

  @AdminOnly()
  @Delete('devices/:name')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteFenceDevice', summary: 'Remove a fence device' })
  @ApiNoContentResponse()
  deleteDevice(@Param('name') name: string): Promise<void> {
    return this.fencing.deleteDevice(name);
  }

  @AnyRole()
  @Get('levels')
  @ApiOperation({ operationId: 'listFenceLevels', summary: 'Each node’s fence devices in the order they are tried' })
  @ApiOkResponse({ type: [FenceLevelDto] })
  levels(): FenceLevelDto[] {
    return this.fencing.levels();
  }

  @AdminOnly()
  @Put('levels/:node')
  @ApiOperation({ operationId: 'putFenceLevels', summary: 'Set the order in which a node’s devices are tried (empty: every device naming it, by name; quorum required)' })
  @ApiOkResponse({ type: [FenceLevelDto] })
  putLevels(@Param('node') node: string, @Body() dto: PutFenceLevelsDto): Promise<FenceLevelDto[]> {
    return this.fencing.setLevels(node, dto.devices);
  }

  @AnyRole()
  @Get('status')
  @ApiOperation({ operationId: 'getFencingStatus', summary: 'Devices, each node’s power as its device reports it, and the safety policy' })
  @ApiOkResponse({ type: FencingStatusDto })
  status(): Promise<FencingStatusDto> {
    return this.fencing.status();
  }

  @OperatorOrAdmin()
  @Post('nodes/:node/fence')
  @HttpCode(200)
  @ApiOperation({ operationId: 'fenceNode', summary: 'Fence a node now (quorum, minimum delay and storm limit apply)' })
  @ApiOkResponse({ type: FenceEventDto })
  fence(@Param('node') node: string, @Body() dto: FenceNodeDto): Promise<FenceEventDto> {
    return this.fencing.fence(node, dto.action ?? 'off', 'admin');
  }

  @OperatorOrAdmin()
  @Post('nodes/:node/unfence')
  @HttpCode(200)
  @ApiOperation({ operationId: 'unfenceNode', summary: 'Power a fenced node back on' })
  @ApiOkResponse({ type: FenceEventDto })
  unfence(@Param('node') node: string): Promise<FenceEventDto> {
    return this.fencing.fence(node, 'on', 'admin');
  }

  @AnyRole()
  @Get('history')
  @ApiOperation({ operationId: 'getFencingHistory', summary: 'Fences run by every reachable member, newest first' })
  @ApiOkResponse({ type: [FenceEventDto] })
  history(): Promise<FenceEventDto[]> {
    return this.fencing.clusterHistory();
  }
}
