import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { Allow, IsArray, IsBoolean, IsIn, IsInt, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { OptionalField } from '../../http/optional-field';

export class HealthCheckDto {
  @ApiProperty({ enum: ['http', 'tcp', 'systemd', 'command'] })
  @IsIn(['http', 'tcp', 'systemd', 'command'])
  kind!: 'http' | 'tcp' | 'systemd' | 'command';

  /** http: a URL; tcp: HOST:PORT; systemd: a unit name (healthy while systemd says it is active); command: the program and its arguments. */
  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }], example: 'http://127.0.0.1:8080/' })
  @Allow() // its shape depends on kind: checked with the group (healthCheckProblems)
  target!: string | string[];

  @ApiPropertyOptional({ example: 2000 }) @OptionalField() @IsInt() intervalMs?: number;
  @ApiPropertyOptional({ example: 1000 }) @OptionalField() @IsInt() timeoutMs?: number;
  @ApiPropertyOptional({ example: 2 }) @OptionalField() @IsInt() failuresBeforeUnhealthy?: number;
  @ApiPropertyOptional({ example: 1 }) @OptionalField() @IsInt() successesBeforeHealthy?: number;
}

export class ResourceSpecDto {
  @ApiProperty({ example: 'web-ip' })
  @IsString()
  @MaxLength(63)
  name!: string;

  @ApiProperty({ enum: ['vip', 'process', 'systemd'] })
  @IsIn(['vip', 'process', 'systemd'])
  kind!: 'vip' | 'process' | 'systemd';

  /** vip: the address with its prefix. */
  @ApiPropertyOptional({ example: '192.0.2.100/24' })
  @OptionalField()
  @IsString()
  address?: string;

  /** vip: lan (default) or mesh: an address of the mesh network, carried by the owner's WireGuard interface and routed to it by every member. */
  @ApiPropertyOptional({ enum: ['lan', 'mesh'] })
  @OptionalField()
  @IsIn(['lan', 'mesh'], { message: 'network must be lan or mesh' })
  network?: 'lan' | 'mesh';

  /** vip: the interface that carries it (default eth0; a mesh VIP is always on the mesh interface). */
  @ApiPropertyOptional({ example: 'eth0' })
  @OptionalField()
  @IsString()
  interface?: string;

  /** process: the command and its arguments (no shell). */
  @ApiPropertyOptional({ type: [String], example: ['/usr/bin/node', '/srv/app/server.js'] })
  @OptionalField()
  @IsArray()
  @IsString({ each: true })
  command?: string[];

  /** systemd: the unit systemd runs (its unit file installed on every node that may run it). */
  @ApiPropertyOptional({ example: 'nginx.service' })
  @OptionalField()
  @IsString()
  @MaxLength(255)
  unit?: string;

  /** process or systemd: probed where it runs; unhealthy counts as a failure. */
  @ApiPropertyOptional({ type: HealthCheckDto })
  @OptionalField()
  @ValidateNested()
  @Type(() => HealthCheckDto)
  health?: HealthCheckDto;
}

export class PutGroupDto {
  /** Started in this order, stopped in reverse. */
  @ApiProperty({ type: [ResourceSpecDto] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ResourceSpecDto)
  resources!: ResourceSpecDto[];

  /** Local restarts (in 5 min) before the group leaves the node (default 3). */
  @ApiPropertyOptional({ example: 3, minimum: 0, maximum: 100 })
  @OptionalField()
  @IsInt()
  @Min(0)
  @Max(100)
  maxRestarts?: number;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'node1' })
  @OptionalField({ nullable: true })
  @IsString()
  @Matches(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, { message: 'preferredNode must be a node name' })
  preferredNode?: string | null;

  /** Stay put when the preferred node comes back (default true). */
  @ApiPropertyOptional({ example: true })
  @OptionalField()
  @IsBoolean()
  sticky?: boolean;
}

export class MoveGroupDto {
  /** The node to run the group on, until the move is cleared. */
  @ApiProperty({ example: 'node2' })
  @IsString()
  @Matches(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, { message: 'node must be a node name' })
  node!: string;
}

export class ResourceStateDto {
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['vip', 'process', 'systemd'] }) kind!: string;
  /** What it is: an address, a command line or a unit name. */
  @ApiProperty() detail!: string;
  /** Running on the owner, as the owner reports it (null: owner unreachable or none). */
  @ApiProperty({ type: Boolean, nullable: true }) running!: boolean | null;
  /** Its health check's verdict on the owner, or null (no check, owner unreachable). */
  @ApiProperty({ type: String, nullable: true, enum: ['unknown', 'healthy', 'unhealthy', 'not-checked'] }) health!: string | null;
  @ApiProperty({ type: String, nullable: true }) healthDetail!: string | null;
  /** Local restarts on the owner in the restart window. */
  @ApiProperty() restarts!: number;
  /** How it is configured (what an edit form starts from). */
  @ApiProperty({ type: ResourceSpecDto }) spec!: ResourceSpecDto;
}

export class GroupStateDto {
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) preferredNode!: string | null;
  @ApiProperty() sticky!: boolean;
  /** The node the leader placed it on (null: nowhere, e.g. waiting for a fence). */
  @ApiProperty({ type: String, nullable: true }) owner!: string | null;
  /** An admin move pins it there until cleared. */
  @ApiProperty({ type: String, nullable: true }) movedTo!: string | null;
  /** Nodes where it failed past its restart policy (failover --clear forgets them). */
  @ApiProperty({ type: [String] }) bannedOn!: string[];
  /** Local restarts (in the restart window) before the group leaves a node. */
  @ApiProperty() maxRestarts!: number;
  @ApiProperty({ type: [ResourceStateDto] }) resources!: ResourceStateDto[];
}
