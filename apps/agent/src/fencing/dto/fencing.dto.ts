import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsObject, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

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

export class PutFenceDeviceDto {
  @ApiProperty({ example: 'fence_ipmilan' })
  @IsString()
  @Matches(/^fence_[a-z0-9_]+$/, { message: 'agent must be a fence agent name (fence_…)' })
  agent!: string;

  /** The agent's parameters (see GET /fencing/agents/{agent}), without action and plug. */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { ip: '192.0.2.200', username: 'admin', password: '…' } })
  @IsObject()
  params!: Record<string, string>;

  /** Which nodes this device fences, and each one's plug. */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { node1: 'node1', node2: 'node2' } })
  @IsObject()
  hostMap!: Record<string, string>;

  @ApiPropertyOptional({ example: 30, minimum: 1, maximum: 600 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(600)
  timeoutSeconds?: number;
}

export class FenceDeviceDto {
  @ApiProperty() name!: string;
  @ApiProperty() agent!: string;
  /** Secret parameters come back as "********". */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) params!: Record<string, string>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) hostMap!: Record<string, string>;
  @ApiProperty() timeoutSeconds!: number;
}

export class FenceNodeDto {
  /** off (default) or reboot. */
  @ApiPropertyOptional({ enum: ['off', 'reboot'] })
  @IsOptional()
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

export class FencingStatusDto {
  /** At least one fence device is configured. */
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ type: [FenceDeviceDto] }) devices!: FenceDeviceDto[];
  @ApiProperty({ type: [NodePowerDto] }) nodes!: NodePowerDto[];
  @ApiProperty({ example: { minDelayMs: 60000, stormLimit: 3, stormWindowMs: 300000, startupGraceMs: 60000 } }) policy!: Record<string, number>;
}
