import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FenceAgentDto, FenceDeviceDto, FenceEventDto, FenceNodeDto, FencingStatusDto, PutFenceDeviceDto } from './dto/fencing.dto';
import { FencingService } from './fencing.service';

@ApiTags('fencing')
@ApiBearerAuth()
@Controller('fencing')
export class FencingController {
  constructor(private readonly fencing: FencingService) {}

  @Get('agents/:agent')
  @ApiOperation({ operationId: 'getFenceAgent', summary: 'A fence agent’s parameters, from its metadata (builds the device form)' })
  @ApiOkResponse({ type: FenceAgentDto })
  agent(@Param('agent') agent: string): Promise<FenceAgentDto> {
    return this.fencing.agent(agent);
  }

  @Get('devices')
  @ApiOperation({ operationId: 'listFenceDevices', summary: 'Fence devices (secret parameters masked)' })
  @ApiOkResponse({ type: [FenceDeviceDto] })
  devices(): Promise<FenceDeviceDto[]> {
    return this.fencing.devices();
  }

  @Put('devices/:name')
  @ApiOperation({ operationId: 'putFenceDevice', summary: 'Create or replace a fence device (checked against the agent’s metadata; quorum required)' })
  @ApiOkResponse({ type: FenceDeviceDto })
  putDevice(@Param('name') name: string, @Body() dto: PutFenceDeviceDto): Promise<FenceDeviceDto> {
    return this.fencing.putDevice(name, dto);
  }

  @Delete('devices/:name')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteFenceDevice', summary: 'Remove a fence device' })
  @ApiNoContentResponse()
  deleteDevice(@Param('name') name: string): Promise<void> {
    return this.fencing.deleteDevice(name);
  }

  @Get('status')
  @ApiOperation({ operationId: 'getFencingStatus', summary: 'Devices, each node’s power as its device reports it, and the safety policy' })
  @ApiOkResponse({ type: FencingStatusDto })
  status(): Promise<FencingStatusDto> {
    return this.fencing.status();
  }

  @Post('nodes/:node/fence')
  @HttpCode(200)
  @ApiOperation({ operationId: 'fenceNode', summary: 'Fence a node now (quorum, minimum delay and storm limit apply)' })
  @ApiOkResponse({ type: FenceEventDto })
  fence(@Param('node') node: string, @Body() dto: FenceNodeDto): Promise<FenceEventDto> {
    return this.fencing.fence(node, dto.action ?? 'off', 'admin');
  }

  @Post('nodes/:node/unfence')
  @HttpCode(200)
  @ApiOperation({ operationId: 'unfenceNode', summary: 'Power a fenced node back on' })
  @ApiOkResponse({ type: FenceEventDto })
  unfence(@Param('node') node: string): Promise<FenceEventDto> {
    return this.fencing.fence(node, 'on', 'admin');
  }

  @Get('history')
  @ApiOperation({ operationId: 'getFencingHistory', summary: 'Fences run by every reachable member, newest first' })
  @ApiOkResponse({ type: [FenceEventDto] })
  history(): Promise<FenceEventDto[]> {
    return this.fencing.clusterHistory();
  }
}
