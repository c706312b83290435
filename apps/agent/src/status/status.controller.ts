import { AnyRole } from '../auth/access-rule';
import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NodeStatusDto } from './status.dto';
import { StatusService } from './status.service';

@ApiTags('status')
@ApiBearerAuth()
@Controller('status')
export class StatusController {
  constructor(private readonly status: StatusService) {}

  @AnyRole()
  @Get()
  @ApiOperation({ operationId: 'getStatus', summary: 'This node: name, version, uptime, setup and cluster state' })
  @ApiOkResponse({ type: NodeStatusDto })
  get(): NodeStatusDto {
    return this.status.nodeStatus();
  }
}
