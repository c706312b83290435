import { AdminOnly, AnyRole } from '../auth/access-rule';
import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { WatchdogStatusDto, WatchdogTestDto, WatchdogTestResultDto } from './dto/watchdog.dto';
import { WatchdogService } from './watchdog.service';

@ApiTags('watchdog')
@ApiBearerAuth()
@Controller('watchdog')
export class WatchdogController {
  constructor(private readonly watchdog: WatchdogService) {}

  @AnyRole()
  @Get()
  @ApiOperation({ operationId: 'getWatchdogStatus', summary: "This node's watchdog (armed, device, timeout, last pet, why it is petted or not) and every member's advert" })
  @ApiOkResponse({ type: WatchdogStatusDto })
  status(): WatchdogStatusDto {
    return this.watchdog.clusterStatus();
  }

  @AdminOnly()
  @Post('test')
  @HttpCode(200)
  @ApiOperation({ operationId: 'testWatchdog', summary: 'Stop petting the watchdog: this machine resets within the timeout (refused without force)' })
  @ApiOkResponse({ type: WatchdogTestResultDto })
  test(@Body() dto: WatchdogTestDto): WatchdogTestResultDto {
    return this.watchdog.test(dto.force === true);
  }
}
