import { AdminOnly, AnyRole, OperatorOrAdmin } from '../auth/access-rule';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GroupStateDto, MoveGroupDto, PutGroupDto } from './dto/resources.dto';
import { ResourcesService } from './resources.service';

@ApiTags('resources')
@ApiBearerAuth()
@Controller('resources')
export class ResourcesController {
  constructor(private readonly resources: ResourcesService) {}

  @AnyRole()
  @Get('groups')
  @ApiOperation({ operationId: 'listGroups', summary: 'Resource groups, their owner and whether each resource runs there' })
  @ApiOkResponse({ type: [GroupStateDto] })
  groups(): Promise<GroupStateDto[]> {
    return this.resources.groups();
  }

  @AdminOnly()
  @Put('groups/:name')
  @ApiOperation({ operationId: 'putGroup', summary: 'Create or replace a resource group (validated; quorum required)' })
  @ApiOkResponse({ type: GroupStateDto })
  put(@Param('name') name: string, @Body() dto: PutGroupDto): Promise<GroupStateDto> {
    return this.resources.putGroup(name, dto);
  }

  @OperatorOrAdmin()
  @Post('groups/:name/move')
  @HttpCode(200)
  @ApiOperation({ operationId: 'moveGroup', summary: 'Move (fail over) a group to a node: stopped first, then started there; pinned until cleared' })
  @ApiOkResponse({ type: GroupStateDto })
  move(@Param('name') name: string, @Body() dto: MoveGroupDto): Promise<GroupStateDto> {
    return this.resources.move(name, dto.node);
  }

  @OperatorOrAdmin()
  @Delete('groups/:name/move')
  @ApiOperation({ operationId: 'clearGroupMove', summary: 'Clear a move: the group may be placed anywhere again (it stays put: stickiness)' })
  @ApiOkResponse({ type: GroupStateDto })
  clear(@Param('name') name: string): Promise<GroupStateDto> {
    return this.resources.move(name, null);
  }

  @AdminOnly()
  @Delete('groups/:name')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteGroup', summary: 'Remove a resource group (its resources stop)' })
  @ApiNoContentResponse()
  remove(@Param('name') name: string): Promise<void> {
    return this.resources.deleteGroup(name);
  }
}
