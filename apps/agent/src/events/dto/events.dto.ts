import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EVENT_CATEGORIES, EVENT_META, EVENT_SEVERITIES, type EventCategory, type EventSeverity } from '@sfha/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Length, Max, Min } from 'class-validator';
import { OptionalField } from '../../http/optional-field';

export class EventDto {
  /** Unique per origin node: (origin, id) identifies the event in the cluster. */
  @ApiProperty() id!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
  /** The node that recorded it. */
  @ApiProperty() origin!: string;
  /** What happened: a code of the event catalogue (libs/contracts/src/events). */
  @ApiProperty({ enum: Object.keys(EVENT_META) }) code!: string;
  /** The code's typed parameters. */
  @ApiProperty({ type: 'object', additionalProperties: true }) params!: Record<string, unknown>;
  @ApiProperty({ enum: EVENT_CATEGORIES }) category!: string;
  @ApiProperty({ enum: EVENT_SEVERITIES }) severity!: string;
  /** Who made the change, when a person or an API token did. */
  @ApiPropertyOptional() user?: string;
  /** The event in English, as the agent logs it (clients render code and params in their language). */
  @ApiProperty() message!: string;
}

export class EventQueryDto {
  @ApiPropertyOptional({ enum: EVENT_CATEGORIES })
  @OptionalField()
  @IsIn(EVENT_CATEGORIES)
  category?: EventCategory;

  @ApiPropertyOptional({ enum: EVENT_SEVERITIES })
  @OptionalField()
  @IsIn(EVENT_SEVERITIES)
  severity?: EventSeverity;

  /** Events recorded by this node or about it. */
  @ApiPropertyOptional()
  @OptionalField()
  @IsString()
  @Length(1, 64)
  node?: string;

  /** Events of changes made by this user or token. */
  @ApiPropertyOptional()
  @OptionalField()
  @IsString()
  @Length(1, 128)
  user?: string;

  /** `cluster` (default): every member's events merged; `node`: this node's only. */
  @ApiPropertyOptional({ enum: ['cluster', 'node'], default: 'cluster' })
  @OptionalField()
  @IsIn(['cluster', 'node'])
  scope?: 'cluster' | 'node';

  /** Only this node's events after this id (to poll or resume; implies scope=node). */
  @ApiPropertyOptional()
  @OptionalField()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  after?: number;

  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @OptionalField()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}
