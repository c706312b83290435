import { Body, Controller, Get, HttpCode, ParseBoolPipe, Post, Query, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AdminOnly, AnyRole } from '../auth/access-rule';
import type { AuthenticatedRequest } from '../auth/principal';
import { ApiErrorBody } from '../errors/api-error-body';
import { ConfigDocumentDto, ImportConfigDto, ImportResultDto } from './dto/config-transfer.dto';
import { ConfigTransferService } from './config-transfer.service';
import { assertMaySeeSecrets } from './secrets-access';

@ApiTags('cluster')
@ApiBearerAuth()
@Controller('cluster/config')
export class ConfigTransferController {
  constructor(private readonly transfer: ConfigTransferService) {}

  @AnyRole()
  @Get('export')
  @ApiOperation({ operationId: 'exportClusterConfig', summary: 'The replicated cluster configuration as one document (secrets masked unless withSecrets, admin only)' })
  @ApiQuery({ name: 'withSecrets', required: false, type: Boolean })
  @ApiOkResponse({ type: ConfigDocumentDto })
  async export(@Query('withSecrets', new ParseBoolPipe({ optional: true })) withSecrets: boolean | undefined, @Req() req: AuthenticatedRequest): Promise<ConfigDocumentDto> {
    if (withSecrets) assertMaySeeSecrets(req.principal);
    return (await this.transfer.export(withSecrets ?? false)) as unknown as ConfigDocumentDto;
  }

  @AdminOnly()
  @Post('import')
  @HttpCode(200)
  @ApiOperation({ operationId: 'importClusterConfig', summary: 'Check a whole document, show the differences, and commit it as one change (quorum required; dryRun only shows)' })
  @ApiOkResponse({ type: ImportResultDto })
  @ApiBadRequestResponse({ type: ApiErrorBody, description: 'the document is not valid: nothing was changed' })
  @ApiConflictResponse({ type: ApiErrorBody, description: 'no quorum, or a member too old for the change' })
  import(@Body() dto: ImportConfigDto): Promise<ImportResultDto> {
    return this.transfer.import(dto.document, dto.dryRun ?? false);
  }
}
