import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import { OptionalField } from '../../http/optional-field';

export class WatchdogNodeDto {
  @ApiProperty({ example: 'node1' })
  node!: string;

  /** It advertised an armed watchdog: once it leaves, it counts as fenced after 2 × its timeout. */
  @ApiProperty()
  armed!: boolean;

  @ApiProperty({ type: Number, nullable: true })
  timeoutMs!: number | null;

  /** Fence devices whose host map names it. */
  @ApiProperty({ type: [String] })
  fenceDevices!: string[];
}

export class WatchdogStatusDto {
  /** What the agent was told (--watchdog-device): a path, "auto", or null for none. */
  @ApiProperty({ type: String, nullable: true, example: '/dev/watchdog' })
  setting!: string | null;

  /** The device in use, or null. */
  @ApiProperty({ type: String, nullable: true })
  device!: string | null;

  @ApiProperty()
  armed!: boolean;

  @ApiProperty({ type: Number, nullable: true, example: 5000 })
  timeoutMs!: number | null;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  lastPetAt!: string | null;

  /** The device is being petted now. */
  @ApiProperty()
  petting!: boolean;

  /** Why it is petted or not (e.g. "quorate", "no quorum and resources still run here"), or why it is not armed. */
  @ApiProperty({ example: 'quorate' })
  why!: string;

  /** Why the device cannot be used (said at boot): then it is never armed nor advertised. */
  @ApiProperty({ type: String, nullable: true })
  problem!: string | null;

  /** `sfha node watchdog test --force` stopped the petting. */
  @ApiProperty()
  testing!: boolean;

  /** Every member: its advertised watchdog and its fence devices (neither: its groups stay stopped when it leaves). */
  @ApiProperty({ type: [WatchdogNodeDto] })
  nodes!: WatchdogNodeDto[];
}

export class WatchdogTestDto {
  /** Required: the test resets this machine within the watchdog timeout. */
  @ApiPropertyOptional()
  @OptionalField()
  @IsBoolean()
  force?: boolean;
}

export class WatchdogTestResultDto {
  @ApiProperty({ example: 5000 })
  resetsWithinMs!: number;
}
