import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnyRole } from '../auth/access-rule';
import { GroupWhyDto, SimulateDto, SimulationDto } from './dto/insight.dto';
import { SchedulerInsight } from './scheduler-insight.service';

@ApiTags('resources')
@ApiBearerAuth()
@Controller()
export class SchedulerInsightController {
  constructor(private readonly insight: SchedulerInsight) {}

  @Get('resources/groups/:name/why')
  @AnyRole()
  @ApiOperation({ operationId: 'whyGroup', summary: 'Why a group runs where it runs, or why it is stopped (French and English)' })
  @ApiOkResponse({ type: GroupWhyDto })
  why(@Param('name') name: string): Promise<GroupWhyDto> {
    return this.insight.why(name);
  }

  @Post('ha/simulate')
  // A what-if changes nothing: every role may ask.
  @AnyRole()
  @HttpCode(200)
  @ApiOperation({ operationId: 'simulate', summary: 'What would happen if nodes died, went into standby or groups moved (nothing is changed); or replay a scenario file' })
  @ApiOkResponse({ type: SimulationDto })
  simulate(@Body() dto: SimulateDto): Promise<SimulationDto> {
    return this.insight.simulate(dto);
  }
}
