import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ApiErrorBody } from '../../errors/api-error-body';
import { AnyRole } from '../access-rule';
import { type Caller, CurrentCaller } from '../caller';
import { CurrentPrincipal, type Principal } from '../principal';
import { ConfirmTotpDto, DisableTotpDto, RecoveryCodesDto, TotpEnrolmentDto } from './dto/totp.dto';
import { TotpService } from './totp.service';

/** The caller's own two-factor login (an admin resets another user's with DELETE /users/{name}/totp). */
@ApiTags('auth')
@Controller('auth/totp')
export class TotpController {
  constructor(private readonly totp: TotpService) {}

  @AnyRole()
  @Post('enrolment')
  @ApiOperation({ operationId: 'startTotpEnrolment', summary: 'A new TOTP secret for the caller, shown once (QR code URI); on once confirmed with a first code' })
  @ApiOkResponse({ type: TotpEnrolmentDto })
  @ApiForbiddenResponse({ type: ApiErrorBody, description: 'an API token or the local access' })
  @ApiConflictResponse({ type: ApiErrorBody, description: 'already on' })
  @HttpCode(200)
  enrol(@CurrentPrincipal() by: Principal): Promise<TotpEnrolmentDto> {
    return this.totp.enrol(by);
  }

  @AnyRole()
  @Post('confirm')
  @ApiOperation({ operationId: 'confirmTotpEnrolment', summary: 'Turn two-factor login on with a first code; answers the recovery codes, once (quorum required in a cluster)' })
  @ApiOkResponse({ type: RecoveryCodesDto })
  @ApiUnauthorizedResponse({ type: ApiErrorBody, description: 'wrong code' })
  @ApiConflictResponse({ type: ApiErrorBody, description: 'no enrolment under way on this node, or no quorum' })
  @ApiTooManyRequestsResponse({ type: ApiErrorBody })
  @HttpCode(200)
  confirm(@Body() dto: ConfirmTotpDto, @CurrentPrincipal() by: Principal, @CurrentCaller() caller: Caller): Promise<RecoveryCodesDto> {
    return this.totp.confirm(by, dto.code, caller);
  }

  @AnyRole()
  @Post('disable')
  @ApiOperation({ operationId: 'disableTotp', summary: "Turn the caller's two-factor login off (password and a code or recovery code required)" })
  @ApiUnauthorizedResponse({ type: ApiErrorBody })
  @ApiConflictResponse({ type: ApiErrorBody, description: 'not on, or no quorum' })
  @ApiTooManyRequestsResponse({ type: ApiErrorBody })
  @HttpCode(204)
  disable(@Body() dto: DisableTotpDto, @CurrentPrincipal() by: Principal, @CurrentCaller() caller: Caller): Promise<void> {
    return this.totp.disable(by, dto, caller);
  }
}
