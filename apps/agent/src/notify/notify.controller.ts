import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly, AnyRole, OperatorOrAdmin } from '../auth/access-rule';
import { ApiErrorBody } from '../errors/api-error-body';
import { NotifyDeliveryDto, NotifyTargetDto, NotifyTestResultDto, PutNotifyTargetDto } from './dto/notify.dto';
import { NotifyService } from './notify.service';

/** Notification targets (replicated config, secrets masked), a test send, and this node's delivery log. */
@ApiTags('notifications')
@Controller('notifications')
export class NotifyController {
  constructor(private readonly notify: NotifyService) {}

  @AnyRole()
  @Get('targets')
  @ApiOperation({ operationId: 'listNotifyTargets', summary: 'Notification targets (secrets masked)' })
  @ApiOkResponse({ type: [NotifyTargetDto] })
  targets(): NotifyTargetDto[] {
    return this.notify.targets();
  }

  @AdminOnly()
  @Put('targets/:name')
  @ApiOperation({ operationId: 'putNotifyTarget', summary: 'Create or replace a notification target (checked in full; quorum required)' })
  @ApiOkResponse({ type: NotifyTargetDto })
  @ApiBadRequestResponse({ type: ApiErrorBody, description: 'a field is wrong (named in the message); nothing changed' })
  put(@Param('name') name: string, @Body() dto: PutNotifyTargetDto): Promise<NotifyTargetDto> {
    return this.notify.put(name, dto);
  }

  @AdminOnly()
  @Delete('targets/:name')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteNotifyTarget', summary: 'Remove a notification target' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ApiErrorBody })
  remove(@Param('name') name: string): Promise<void> {
    return this.notify.remove(name);
  }

  @OperatorOrAdmin()
  @Post('targets/:name/test')
  @HttpCode(200)
  @ApiOperation({ operationId: 'testNotifyTarget', summary: 'Send a test message to a target now, from this node (logged in the delivery log)' })
  @ApiOkResponse({ type: NotifyTestResultDto })
  @ApiNotFoundResponse({ type: ApiErrorBody })
  test(@Param('name') name: string): Promise<NotifyTestResultDto> {
    return this.notify.test(name);
  }

  @AnyRole()
  @Get('deliveries')
  @ApiOperation({ operationId: 'listNotifyDeliveries', summary: 'Notification attempts sent by this node (the leader sends), newest first' })
  @ApiOkResponse({ type: [NotifyDeliveryDto] })
  deliveries(): NotifyDeliveryDto[] {
    return this.notify.deliveryLog();
  }
}
