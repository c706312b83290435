import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GroupStateDto, PutGroupDto } from './dto/resources.dto';
import { ResourcesService } from './resources.service';

@ApiTags('resources')
@ApiBearerAuth()
@Controller('resources')
export class ResourcesController {
  constructor(private readonly resources: ResourcesService) {}

  @Get('groups')
  @ApiOperation({ operationId: 'listGroups', summary: 'Resource groups, their owner and whether each resource runs there' })
  @ApiOkResponse({ type: [GroupStateDto] })
  groups(): Promise<GroupStateDto[]> {
    return this.resources.groups();
  }

  @Put('groups/:name')
  @ApiOperation({ operationId: 'putGroup', summary: 'Create or replace a resource group (validated; quorum required)' })
  @ApiOkResponse({ type: GroupStateDto })
  put(@Param('name') name: string, @Body() dto: PutGroupDto): Promise<GroupStateDto> {
    return this.resources.putGroup(name, dto);
  }

  @Delete('groups/:name')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteGroup', summary: 'Remove a resource group (its resources stop)' })
  @ApiNoContentResponse()
  remove(@Param('name') name: string): Promise<void> {
    return this.resources.deleteGroup(name);
  }
}
