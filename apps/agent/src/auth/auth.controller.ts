import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ApiErrorBody } from '../errors/api-error-body';
import { AuthService } from './auth.service';
import { type Caller, CurrentCaller } from './caller';
import { AuthStateDto, ChangePasswordDto, LocalLoginDto, LoginDto, SessionDto, SetupDto, TokenDto } from './dto/auth.dto';
import { AnyRole } from './access-rule';
import { CurrentPrincipal, type Principal } from './principal';
import { Public } from './public.decorator';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Get('state')
  @ApiOperation({ operationId: 'getAuthState', summary: 'Whether the first-run setup is still to be done' })
  @ApiOkResponse({ type: AuthStateDto })
  state(@CurrentCaller() caller: Caller): AuthStateDto {
    return this.auth.state(caller);
  }

  @Public()
  @Post('setup')
  @ApiOperation({ operationId: 'setup', summary: 'Set the admin password, once (first run)' })
  @ApiOkResponse({ type: TokenDto })
  @ApiForbiddenResponse({ type: ApiErrorBody, description: 'setup code missing or wrong (remote callers)' })
  @ApiConflictResponse({ type: ApiErrorBody, description: 'already set up' })
  @HttpCode(200)
  setup(@Body() dto: SetupDto, @CurrentCaller() caller: Caller): Promise<TokenDto> {
    return this.auth.setup(dto, caller);
  }

  @Public()
  @Post('login')
  @ApiOperation({ operationId: 'login', summary: 'Exchange a user name and password for a session JWT (valid on every member)' })
  @ApiOkResponse({ type: TokenDto })
  @ApiUnauthorizedResponse({ type: ApiErrorBody })
  @ApiTooManyRequestsResponse({ type: ApiErrorBody })
  @HttpCode(200)
  login(@Body() dto: LoginDto, @CurrentCaller() caller: Caller): Promise<TokenDto> {
    return this.auth.login(dto, caller);
  }

  @Public()
  @Post('local')
  @ApiOperation({ operationId: 'localLogin', summary: 'Exchange the root-only local credential for a JWT (from this machine only)' })
  @ApiOkResponse({ type: TokenDto })
  @ApiUnauthorizedResponse({ type: ApiErrorBody })
  @HttpCode(200)
  local(@Body() dto: LocalLoginDto, @CurrentCaller() caller: Caller): TokenDto {
    return this.auth.localLogin(dto, caller);
  }

  @AnyRole()
  @Get('session')
  @ApiOperation({ operationId: 'getSession', summary: 'The current session: user, role, expiry' })
  @ApiOkResponse({ type: SessionDto })
  session(@CurrentPrincipal() principal: Principal): SessionDto {
    return this.auth.session(principal);
  }

  @AnyRole()
  @Post('password')
  @ApiOperation({ operationId: 'changePassword', summary: "Change the caller's own password; its sessions end on every node (quorum required in a cluster)" })
  @ApiConflictResponse({ type: ApiErrorBody, description: 'no quorum: nothing changed' })
  @HttpCode(204)
  changePassword(@Body() dto: ChangePasswordDto, @CurrentPrincipal() principal: Principal, @CurrentCaller() caller: Caller): Promise<void> {
    return this.auth.changePassword(dto, principal, caller);
  }
}
