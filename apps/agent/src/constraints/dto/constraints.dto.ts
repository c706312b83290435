import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { OptionalField } from '../../http/optional-field';

const KINDS = ['colocation', 'anti-colocation', 'order'] as const;

/** A constraint between two groups. colocation and anti-colocation use group and with; order uses first and then. */
export class ConstraintDto {
  /** Stable id, `KIND:A:B`: what `DELETE /constraints/{id}` takes. */
  @ApiProperty({ example: 'colocation:web:db' }) id!: string;
  @ApiProperty({ enum: KINDS }) kind!: (typeof KINDS)[number];
  /** colocation: the group placed on the node of `with`; anti-colocation: the group kept off it. */
  @ApiPropertyOptional({ example: 'web' }) group?: string;
  /** colocation and anti-colocation: the other group (the anchor, for colocation). */
  @ApiPropertyOptional({ example: 'db' }) with?: string;
  /** order: the group that must be up first. */
  @ApiPropertyOptional({ example: 'db' }) first?: string;
  /** order: the group that starts after `first` is up (and stops before it on a move). */
  @ApiPropertyOptional({ example: 'web' }) then?: string;
}

export class AddConstraintDto {
  @ApiProperty({ enum: KINDS, description: 'colocation: group runs on the node of with; anti-colocation: never on it; order: then starts after first is up' })
  @IsIn(KINDS)
  kind!: (typeof KINDS)[number];

  /** colocation, anti-colocation: the constrained group. */
  @ApiPropertyOptional({ example: 'web' }) @OptionalField() @IsString() @MaxLength(63) group?: string;
  /** colocation, anti-colocation: the other group. */
  @ApiPropertyOptional({ example: 'db' }) @OptionalField() @IsString() @MaxLength(63) with?: string;
  /** order: the group started first. */
  @ApiPropertyOptional({ example: 'db' }) @OptionalField() @IsString() @MaxLength(63) first?: string;
  /** order: the group started once first is up. */
  @ApiPropertyOptional({ example: 'web' }) @OptionalField() @IsString() @MaxLength(63) then?: string;
}
