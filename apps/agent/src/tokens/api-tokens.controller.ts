import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnyRole } from '../auth/access-rule';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { ApiErrorBody } from '../errors/api-error-body';
import { ApiTokensService } from './api-tokens.service';
import { ApiTokenCreatedDto, ApiTokenDto, CreateApiTokenDto } from './dto/api-tokens.dto';

/** API tokens for automation: each user manages its own, an admin sees and revokes all. */
@ApiTags('api-tokens')
@Controller('api-tokens')
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokensService) {}

  @AnyRole()
  @Get()
  @ApiOperation({ operationId: 'listApiTokens', summary: "The caller's API tokens (an admin: everyone's), with their last use" })
  @ApiOkResponse({ type: [ApiTokenDto] })
  list(@CurrentPrincipal() by: Principal): Promise<ApiTokenDto[]> {
    return this.tokens.list(by);
  }

  @AnyRole()
  @Post()
  @ApiOperation({ operationId: 'createApiToken', summary: 'Make an API token for yourself, with a role not above yours; its text is shown once' })
  @ApiOkResponse({ type: ApiTokenCreatedDto })
  @ApiForbiddenResponse({ type: ApiErrorBody, description: 'a role above your own' })
  @HttpCode(200)
  create(@Body() dto: CreateApiTokenDto, @CurrentPrincipal() by: Principal): Promise<ApiTokenCreatedDto> {
    return this.tokens.create({ name: dto.name, role: dto.role, expiresAt: dto.expiresAt ?? null, ...(dto.owner === undefined ? {} : { owner: dto.owner }) }, by);
  }

  @AnyRole()
  @Delete(':id')
  @ApiOperation({ operationId: 'revokeApiToken', summary: 'Revoke an API token (yours; an admin: any) on every node' })
  @ApiNotFoundResponse({ type: ApiErrorBody })
  @HttpCode(204)
  revoke(@Param('id') id: string, @CurrentPrincipal() by: Principal): Promise<void> {
    return this.tokens.revoke(id, by);
  }
}
