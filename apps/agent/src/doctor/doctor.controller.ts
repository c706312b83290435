import { AnyRole } from '../auth/access-rule';
import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DoctorReportDto } from './dto/doctor.dto';
import { DoctorService } from './doctor.service';

@ApiTags('doctor')
@ApiBearerAuth()
@Controller('doctor')
export class DoctorController {
  constructor(private readonly doctor: DoctorService) {}

  @AnyRole()
  @Get()
  @ApiOperation({
    operationId: 'getDoctor',
    summary: 'Checks this node: WireGuard, Corosync, competing units, UDP port, path MTU and clock offset to the members',
  })
  @ApiOkResponse({ type: DoctorReportDto })
  run(): Promise<DoctorReportDto> {
    return this.doctor.report();
  }
}
