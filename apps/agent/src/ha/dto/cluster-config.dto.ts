import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional } from 'class-validator';

export class ClusterSettingsDto {
  /** Corosync token timeout in ms (default 1000: fast failover). */
  @ApiProperty({ example: 1000 }) tokenMs!: number;
  /** Corosync token coefficient in ms per node over two (default 0). */
  @ApiProperty({ example: 0 }) tokenCoefficientMs!: number;
  /** No automatic fence this soon after an agent starts (default 60000). */
  @ApiProperty({ example: 60000 }) fenceStartupGraceMs!: number;
  /** Minimum time between two fences of one node (default 60000). */
  @ApiProperty({ example: 60000 }) fenceMinDelayMs!: number;
  /** At most this many fences in 5 minutes (default 3). */
  @ApiProperty({ example: 3 }) fenceStormLimit!: number;
}

export class ClusterConfigDto {
  /** Generation of the committed configuration (0: defaults, never changed). */
  @ApiProperty() generation!: number;
  @ApiProperty({ type: ClusterSettingsDto }) settings!: ClusterSettingsDto;
  /** Nodes in standby: they run nothing and never lead. */
  @ApiProperty({ type: [String] }) standby!: string[];
  /** Resources are left alone (no start, stop, move or fence). */
  @ApiProperty() maintenance!: boolean;
}

export class MaintenanceDto {
  @ApiProperty()
  @IsBoolean()
  enabled!: boolean;
}

export class UpdateSettingsDto {
  @ApiPropertyOptional({ example: 1500, minimum: 200, maximum: 60000 })
  @IsOptional()
  @IsInt()
  tokenMs?: number;

  @ApiPropertyOptional({ example: 0, minimum: 0, maximum: 5000 })
  @IsOptional()
  @IsInt()
  tokenCoefficientMs?: number;

  @ApiPropertyOptional({ example: 60000, minimum: 0, maximum: 600000 })
  @IsOptional()
  @IsInt()
  fenceStartupGraceMs?: number;

  @ApiPropertyOptional({ example: 60000, minimum: 0, maximum: 3600000 })
  @IsOptional()
  @IsInt()
  fenceMinDelayMs?: number;

  @ApiPropertyOptional({ example: 3, minimum: 1, maximum: 1000 })
  @IsOptional()
  @IsInt()
  fenceStormLimit?: number;
}
