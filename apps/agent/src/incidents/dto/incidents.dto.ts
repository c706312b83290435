import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class IncidentTriggerDto {
  /** `node-lost`: a member left the membership; `group-failed`: a group gave up on a node after its restarts. */
  @ApiProperty({ enum: ['node-lost', 'group-failed'] }) kind!: 'node-lost' | 'group-failed';
  @ApiProperty() node!: string;
  @ApiPropertyOptional() group?: string;
}

export class IncidentFenceDto {
  @ApiProperty() node!: string;
  @ApiProperty() device!: string;
  @ApiProperty() ok!: boolean;
  @ApiProperty() ms!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class IncidentGroupDto {
  @ApiProperty() group!: string;
  /** Where it ran when the incident opened. */
  @ApiProperty() from!: string;
  /** Where it runs again (null: nowhere yet). */
  @ApiProperty({ type: String, nullable: true }) to!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) servedAt!: string | null;
  /** From the incident opened to the group served again. */
  @ApiProperty({ type: Number, nullable: true }) downtimeMs!: number | null;
}

export class IncidentDto {
  /** The first event's origin#id (the same on every node). */
  @ApiProperty({ example: 'node2#118' }) id!: string;
  @ApiProperty({ type: IncidentTriggerDto }) trigger!: IncidentTriggerDto;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) resolvedAt!: string | null;
  @ApiProperty({ type: [IncidentFenceDto] }) fences!: IncidentFenceDto[];
  @ApiProperty({ type: [IncidentGroupDto] }) groups!: IncidentGroupDto[];
  /** origin#id of its events, oldest first (see GET /api/v1/events). */
  @ApiProperty({ type: [String] }) events!: string[];
}
