import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnyRole } from '../auth/access-rule';
import { IncidentDto } from './dto/incidents.dto';
import { IncidentsService } from './incidents.service';

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('incidents')
export class IncidentsController {
  constructor(private readonly incidents: IncidentsService) {}

  @Get()
  @AnyRole()
  @ApiOperation({ operationId: 'listIncidents', summary: 'Incidents (related events of the cluster timeline grouped), newest first' })
  @ApiOkResponse({ type: [IncidentDto] })
  list(): Promise<IncidentDto[]> {
    return this.incidents.list();
  }
}
