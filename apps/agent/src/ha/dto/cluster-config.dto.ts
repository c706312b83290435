import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SHUTDOWN_POLICIES, type ShutdownPolicy } from '@sfha/ha';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsString, ValidateNested } from 'class-validator';
import { OptionalField } from '../../http/optional-field';

/** One floating LAN address held by the leader, for the dashboard and the API. */
export class ManagementAddressDto {
  /** IPv4 with a prefix. */
  @ApiProperty({ example: '192.0.2.50/24' })
  @IsString()
  address!: string;

  /** The interface that carries it on every node. */
  @ApiProperty({ example: 'eth0' })
  @IsString()
  interface!: string;
}

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
  /** What a stopping node (systemctl stop, reboot) does with its groups: migrate (default) hands them over first, freeze stops them and keeps them for it (no move, no fence; they start again when it is back), failover stops them and lets the cluster recover them. */
  @ApiProperty({ enum: SHUTDOWN_POLICIES, example: 'migrate' }) shutdownPolicy!: ShutdownPolicy;
  /** The timeout each node arms its watchdog with (whole seconds in ms, 2000 to 120000; default 5000). A departed owner with an armed watchdog counts as fenced after twice its timeout. */
  @ApiProperty({ example: 5000 }) watchdogTimeoutMs!: number;
  /** The cluster's management address, held by the leader (null: none). */
  @ApiProperty({ type: ManagementAddressDto, nullable: true }) managementAddress!: ManagementAddressDto | null;
}

export class ClusterConfigDto {
  /** Generation of the committed configuration (0: defaults, never changed). */
  @ApiProperty() generation!: number;
  @ApiProperty({ type: ClusterSettingsDto }) settings!: ClusterSettingsDto;
  /** Nodes in standby: they run nothing and never lead. */
  @ApiProperty({ type: [String] }) standby!: string[];
  /** Nodes stopped under the freeze policy: their groups wait for them, stopped (unstandby releases one that will not come back). */
  @ApiProperty({ type: [String] }) frozen!: string[];
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
  @OptionalField()
  @IsInt()
  tokenMs?: number;

  @ApiPropertyOptional({ example: 0, minimum: 0, maximum: 5000 })
  @OptionalField()
  @IsInt()
  tokenCoefficientMs?: number;

  @ApiPropertyOptional({ example: 60000, minimum: 0, maximum: 600000 })
  @OptionalField()
  @IsInt()
  fenceStartupGraceMs?: number;

  @ApiPropertyOptional({ example: 60000, minimum: 0, maximum: 3600000 })
  @OptionalField()
  @IsInt()
  fenceMinDelayMs?: number;

  @ApiPropertyOptional({ example: 3, minimum: 1, maximum: 1000 })
  @OptionalField()
  @IsInt()
  fenceStormLimit?: number;

  @ApiPropertyOptional({ enum: SHUTDOWN_POLICIES, example: 'migrate' })
  @OptionalField()
  @IsIn([...SHUTDOWN_POLICIES])
  shutdownPolicy?: ShutdownPolicy;

  /** Checked by the cluster config's rules (whole seconds, 2 to 120 s): a 400 names the bounds. */
  @ApiPropertyOptional({ example: 5000, minimum: 2000, maximum: 120000 })
  @OptionalField()
  @IsInt()
  watchdogTimeoutMs?: number;

  /** A floating LAN address the leader holds for the dashboard and the API; null removes it. Checked by the cluster config's rules. */
  @ApiPropertyOptional({ type: ManagementAddressDto, nullable: true })
  @OptionalField({ nullable: true })
  @ValidateNested()
  @Type(() => ManagementAddressDto)
  managementAddress?: ManagementAddressDto | null;
}
