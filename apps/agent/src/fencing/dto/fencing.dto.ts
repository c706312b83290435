import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsObject, IsString, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { OptionalField } from '../../http/optional-field';

export class FenceParameterDto {
  @ApiProperty() name!: string;
  @ApiProperty() required!: boolean;
  @ApiProperty() deprecated!: boolean;
  @ApiProperty({ enum: ['string', 'boolean', 'integer', 'second', 'select'] }) type!: string;
  @ApiProperty({ type: String, nullable: true }) default!: string | null;
  @ApiProperty({ type: [String] }) options!: string[];
  @ApiProperty() description!: string;
  /** A password or key: entered, never shown back. */
  @ApiProperty() secret!: boolean;
  /** Filled in by sfha for each node (action, plug…): not part of the device. */
  @ApiProperty() suppliedBySfha!: boolean;
}

export class FenceAgentDto {
  @ApiProperty({ example: 'fence_ipmilan' }) name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: [FenceParameterDto] }) parameters!: FenceParameterDto[];
  @ApiProperty({ type: [String] }) actions!: string[];
}

export class WebhookTargetDto {
  /** POSTed JSON {action: off|on|reboot|status, node, plug, device, cluster}; off and on are confirmed once status says so. Query values come back as "********". */
  @ApiProperty({ example: 'https://pdu.example/fence' })
  @IsString()
  url!: string;

  /** Sent with every request (e.g. Authorization): secrets, come back as "********" (sent back so, the stored value stays). Visible ASCII values. */
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, example: { Authorization: 'Bearer …' } })
  @OptionalField()
  @IsObject()
  headers?: Record<string, string>;
}

export class PutFenceDeviceDto {
  /** agent (default): a fence-agents program; webhook: an HTTP endpoint. */
  @ApiPropertyOptional({ enum: ['agent', 'webhook'] })
  @OptionalField()
  @IsIn(['agent', 'webhook'], { message: 'kind must be agent or webhook' })
  kind?: 'agent' | 'webhook';

  /** kind agent: the fence agent. */
  @ApiPropertyOptional({ example: 'fence_ipmilan' })
  @ValidateIf((o: PutFenceDeviceDto) => o.kind !== 'webhook')
  @IsString()
  @Matches(/^fence_[a-z0-9_]+$/, { message: 'agent must be a fence agent name (fence_…)' })
  agent?: string;

  /** kind agent: the agent's parameters (see GET /fencing/agents/{agent}), without action and plug. */
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, example: { ip: '192.0.2.200', username: 'admin', password: '…' } })
  @OptionalField()
  @IsObject()
  params?: Record<string, string>;

  /** kind webhook: where to send the requests. */
  @ApiPropertyOptional({ type: WebhookTargetDto })
  @ValidateIf((o: PutFenceDeviceDto) => o.kind === 'webhook')
  @ValidateNested()
  @Type(() => WebhookTargetDto)
  webhook?: WebhookTargetDto;

  /** Which nodes this device fences, and each one's plug. */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { node1: 'node1', node2: 'node2' } })
  @IsObject()
  hostMap!: Record<string, string>;

  @ApiPropertyOptional({ example: 30, minimum: 1, maximum: 600 })
  @OptionalField()
  @IsInt()
  @Min(1)
  @Max(600)
  timeoutSeconds?: number;
}

export class FenceDeviceDto {
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['agent', 'webhook'] }) kind!: 'agent' | 'webhook';
  /** kind agent: the fence agent; null for a webhook. */
  @ApiProperty({ type: String, nullable: true }) agent!: string | null;
  /** Secret parameters come back as "********" (empty for a webhook). */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) params!: Record<string, string>;
  /** kind webhook: its URL; header values come back as "********". */
  @ApiProperty({ type: WebhookTargetDto, nullable: true }) webhook!: WebhookTargetDto | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) hostMap!: Record<string, string>;
  @ApiProperty() timeoutSeconds!: number;
}

export class FenceNodeDto {
  /** off (default) or reboot. */
  @ApiPropertyOptional({ enum: ['off', 'reboot'] })
  @OptionalField()
  @IsIn(['off', 'reboot'])
  action?: 'off' | 'reboot';
}

export class FenceEventDto {
  @ApiProperty() id!: number;
  @ApiProperty() node!: string;
  @ApiProperty({ example: 'off' }) action!: string;
  @ApiProperty() device!: string;
  /** admin (manual) or leader (automatic). */
  @ApiProperty() requestedBy!: string;
  /** The node that ran the fence agent. */
  @ApiProperty() executedBy!: string;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ format: 'date-time' }) finishedAt!: string;
  /** The fence agent confirmed the action. */
  @ApiProperty() ok!: boolean;
  @ApiProperty() exitCode!: number;
  @ApiProperty() output!: string;
  @ApiProperty() durationMs!: number;
}

export class NodePowerDto {
  @ApiProperty() node!: string;
  @ApiProperty({ type: String, nullable: true }) device!: string | null;
  /** As the device reports it now. */
  @ApiProperty({ enum: ['on', 'off', 'unknown', 'no-device'] }) power!: 'on' | 'off' | 'unknown' | 'no-device';
}

export class FenceLevelDto {
  @ApiProperty({ example: 'node1' }) node!: string;
  /** Its devices in the order they are tried: the first that confirms the fence ends it. */
  @ApiProperty({ type: [String], example: ['bmc', 'pdu'] }) devices!: string[];
  /** Set by an admin (else: every device naming it, by name). */
  @ApiProperty() custom!: boolean;
}

export class PutFenceLevelsDto {
  /** Device names in order; an empty list goes back to every device naming the node, by name. */
  @ApiProperty({ type: [String], example: ['bmc', 'pdu'] })
  @IsArray()
  @ArrayMaxSize(16)
  @IsString({ each: true })
  devices!: string[];
}

export class FencingStatusDto {
  /** At least one fence device is configured. */
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ type: [FenceDeviceDto] }) devices!: FenceDeviceDto[];
  @ApiProperty({ type: [NodePowerDto] }) nodes!: NodePowerDto[];
  @ApiProperty({ type: [FenceLevelDto] }) levels!: FenceLevelDto[];
  @ApiProperty({ example: { minDelayMs: 60000, stormLimit: 3, stormWindowMs: 300000 } }) policy!: Record<string, number>;
}
