import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class ResourceSpecDto {
  @ApiProperty({ example: 'web-ip' })
  @IsString()
  @MaxLength(63)
  name!: string;

  @ApiProperty({ enum: ['vip', 'process'] })
  @IsIn(['vip', 'process'])
  kind!: 'vip' | 'process';

  /** vip: the address with its prefix. */
  @ApiPropertyOptional({ example: '192.0.2.100/24' })
  @IsOptional()
  @IsString()
  address?: string;

  /** vip: the interface that carries it (default eth0). */
  @ApiPropertyOptional({ example: 'eth0' })
  @IsOptional()
  @IsString()
  interface?: string;

  /** process: the command and its arguments (no shell). */
  @ApiPropertyOptional({ type: [String], example: ['/usr/bin/node', '/srv/app/server.js'] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  command?: string[];
}

export class PutGroupDto {
  /** Started in this order, stopped in reverse. */
  @ApiProperty({ type: [ResourceSpecDto] })
  @IsArray()
  resources!: ResourceSpecDto[];

  @ApiPropertyOptional({ type: String, nullable: true, example: 'node1' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, { message: 'preferredNode must be a node name' })
  preferredNode?: string | null;

  /** Stay put when the preferred node comes back (default true). */
  @ApiPropertyOptional({ example: true })
  @IsOptional()
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
  @ApiProperty({ enum: ['vip', 'process'] }) kind!: string;
  /** What it is: an address or a command line. */
  @ApiProperty() detail!: string;
  /** Running on the owner, as the owner reports it (null: owner unreachable or none). */
  @ApiProperty({ type: Boolean, nullable: true }) running!: boolean | null;
}

export class GroupStateDto {
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) preferredNode!: string | null;
  @ApiProperty() sticky!: boolean;
  /** The node the leader placed it on (null: nowhere, e.g. waiting for a fence). */
  @ApiProperty({ type: String, nullable: true }) owner!: string | null;
  /** An admin move pins it there until cleared. */
  @ApiProperty({ type: String, nullable: true }) movedTo!: string | null;
  @ApiProperty({ type: [ResourceStateDto] }) resources!: ResourceStateDto[];
}
