import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiErrorBody } from '../errors/api-error-body';
import { AuthService } from './auth.service';
import { type Caller, CurrentCaller } from './caller';
import { AuthStateDto, ChangePasswordDto, LocalLoginDto, LoginDto, SessionDto, SetupDto, TokenDto } from './dto/auth.dto';
import type { AdminPrincipal } from './jwt.strategy';
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
  @ApiOperation({ operationId: 'login', summary: 'Exchange the admin password for a JWT' })
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

  @ApiBearerAuth()
  @Get('session')
  @ApiOperation({ operationId: 'getSession', summary: 'The current session' })
  @ApiOkResponse({ type: SessionDto })
  session(@Req() req: Request & { user: AdminPrincipal }): SessionDto {
    return { subject: req.user.subject, expiresAt: req.user.expiresAt };
  }

  @ApiBearerAuth()
  @Post('password')
  @ApiOperation({ operationId: 'changePassword', summary: 'Change the admin password' })
  @HttpCode(204)
  changePassword(@Body() dto: ChangePasswordDto, @CurrentCaller() caller: Caller): Promise<void> {
    return this.auth.changePassword(dto, caller);
  }
}
