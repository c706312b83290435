import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../auth/access-rule';
import { TotpService } from '../auth/totp/totp.service';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { ApiErrorBody } from '../errors/api-error-body';
import { CreateUserDto, SetPasswordDto, SetRoleDto, UserDto } from './dto/users.dto';
import { UsersService } from './users.service';

/** Cluster-wide users: every change is committed on a majority and takes effect on every node. */
@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly totp: TotpService,
  ) {}

  @AdminOnly()
  @Get()
  @ApiOperation({ operationId: 'listUsers', summary: 'The cluster users and their roles (never a password hash)' })
  @ApiOkResponse({ type: [UserDto] })
  list(): UserDto[] {
    return this.users.list();
  }

  @AdminOnly()
  @Post()
  @ApiOperation({ operationId: 'createUser', summary: 'Add a user with a role (quorum required)' })
  @ApiOkResponse({ type: UserDto })
  @ApiConflictResponse({ type: ApiErrorBody, description: 'the name is taken, or no quorum' })
  @HttpCode(200)
  create(@Body() dto: CreateUserDto, @CurrentPrincipal() by: Principal): Promise<UserDto> {
    return this.users.create(dto, by);
  }

  @AdminOnly()
  @Delete(':name')
  @ApiOperation({ operationId: 'deleteUser', summary: 'Remove a user, its API tokens and sessions, on every node (never the last admin)' })
  @ApiNotFoundResponse({ type: ApiErrorBody })
  @HttpCode(204)
  remove(@Param('name') name: string, @CurrentPrincipal() by: Principal): Promise<void> {
    return this.users.remove(name, by);
  }

  @AdminOnly()
  @Put(':name/role')
  @ApiOperation({ operationId: 'setUserRole', summary: "Change a user's role (the last admin keeps it)" })
  @ApiOkResponse({ type: UserDto })
  setRole(@Param('name') name: string, @Body() dto: SetRoleDto, @CurrentPrincipal() by: Principal): Promise<UserDto> {
    return this.users.setRole(name, dto.role, by);
  }

  @AdminOnly()
  @Put(':name/password')
  @ApiOperation({ operationId: 'setUserPassword', summary: "Set a user's password; its sessions end on every node" })
  @HttpCode(204)
  setPassword(@Param('name') name: string, @Body() dto: SetPasswordDto, @CurrentPrincipal() by: Principal): Promise<void> {
    return this.users.resetPassword(name, dto.password, by);
  }

  @AdminOnly()
  @Delete(':name/totp')
  @ApiOperation({ operationId: 'resetUserTotp', summary: "Turn a user's two-factor login off (a lost phone): it logs in with its password and may enrol again" })
  @ApiNotFoundResponse({ type: ApiErrorBody })
  @ApiConflictResponse({ type: ApiErrorBody, description: 'two-factor login is not on for that user, or no quorum' })
  @HttpCode(204)
  resetTotp(@Param('name') name: string, @CurrentPrincipal() by: Principal): Promise<void> {
    return this.totp.reset(name, by);
  }

  @AdminOnly()
  @Post(':name/end-sessions')
  @ApiOperation({ operationId: 'endUserSessions', summary: "End a user's sessions on every node (its API tokens stay)" })
  @HttpCode(204)
  endSessions(@Param('name') name: string, @CurrentPrincipal() by: Principal): Promise<void> {
    return this.users.endSessions(name, by);
  }
}
