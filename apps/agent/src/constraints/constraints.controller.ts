import { AdminOnly, AnyRole } from '../auth/access-rule';
import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorBody } from '../errors/api-error-body';
import { ConstraintsService } from './constraints.service';
import { AddConstraintDto, ConstraintDto } from './dto/constraints.dto';

@ApiTags('resources')
@ApiBearerAuth()
@Controller('constraints')
export class ConstraintsController {
  constructor(private readonly constraints: ConstraintsService) {}

  @AnyRole()
  @Get()
  @ApiOperation({ operationId: 'listConstraints', summary: 'Colocation, anti-colocation and order constraints between groups' })
  @ApiOkResponse({ type: [ConstraintDto] })
  list(): ConstraintDto[] {
    return this.constraints.list();
  }

  @AdminOnly()
  @Post()
  @ApiOperation({ operationId: 'addConstraint', summary: 'Add a constraint (validated: known groups, no cycle, no contradiction; quorum required)' })
  @ApiCreatedResponse({ type: ConstraintDto })
  @ApiBadRequestResponse({ type: ApiErrorBody, description: 'unknown group, cycle, contradiction or duplicate' })
  add(@Body() dto: AddConstraintDto): Promise<ConstraintDto> {
    return this.constraints.add(dto);
  }

  @AdminOnly()
  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ operationId: 'removeConstraint', summary: 'Remove a constraint by id (e.g. colocation:web:db)' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ApiErrorBody })
  remove(@Param('id') id: string): Promise<void> {
    return this.constraints.remove(id);
  }
}
