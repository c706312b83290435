import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsString, MaxLength } from 'class-validator';
import { OptionalField } from '../../http/optional-field';

export class LocalizedTextDto {
  @ApiProperty() fr!: string;
  @ApiProperty() en!: string;
}

/** Why a group runs where it runs, or why it is stopped. */
export class GroupWhyDto {
  @ApiProperty() group!: string;
  @ApiProperty({ type: String, nullable: true }) owner!: string | null;
  /** maintenance, no-quorum, frozen, fence-pending, blocked, unhealthy, waiting-order, handover, pinned, colocated, preferred, sticky, placed. */
  @ApiProperty({ example: 'preferred' }) code!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) params!: Record<string, unknown>;
  @ApiProperty({ type: LocalizedTextDto }) text!: LocalizedTextDto;
}

/** What-if events on the live config, or a scenario file to replay. */
export class SimulateDto {
  /** Nodes that die. */
  @ApiPropertyOptional({ type: [String], example: ['node1'] }) @OptionalField() @IsArray() @IsString({ each: true }) kill?: string[];
  /** Nodes put in standby. */
  @ApiPropertyOptional({ type: [String] }) @OptionalField() @IsArray() @IsString({ each: true }) standby?: string[];
  /** Groups moved: GROUP=NODE. */
  @ApiPropertyOptional({ type: [String], example: ['web=node3'] }) @OptionalField() @IsArray() @IsString({ each: true }) move?: string[];
  /** A scenario file's text (YAML, docs/architecture.md), replayed instead of the live config. */
  @ApiPropertyOptional() @OptionalField() @IsString() @MaxLength(1_000_000) scenario?: string;
}

export class SimulatedStepDto {
  /** When, after the events, in ms. */
  @ApiProperty() atMs!: number;
  @ApiProperty() node!: string;
  @ApiProperty({ enum: ['left', 'fence', 'fence-refused', 'assign', 'start', 'stop'] }) kind!: string;
  @ApiProperty({ type: LocalizedTextDto }) text!: LocalizedTextDto;
}

export class TimingsDto {
  @ApiProperty() detectionMs!: number;
  @ApiProperty() fenceMs!: number;
  @ApiProperty() startMs!: number;
  /** How many of this cluster's fences and starts the figures are medians of (0: estimated). */
  @ApiProperty() fenceSamples!: number;
  @ApiProperty() startSamples!: number;
  /** Where each figure comes from (measured on this cluster, or estimated). */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) sources!: Record<string, string>;
}

export class ScenarioStepResultDto {
  @ApiProperty() index!: number;
  @ApiProperty() at!: number;
  @ApiProperty({ type: [String] }) actions!: string[];
  @ApiProperty({ type: [String] }) fences!: string[];
  @ApiProperty({ type: [String] }) proposals!: string[];
  @ApiProperty({ type: [String] }) events!: string[];
  /** Where the decisions differ from what the file expects. */
  @ApiProperty({ type: [String] }) mismatches!: string[];
}

export class SimulationDto {
  @ApiProperty({ type: [SimulatedStepDto] }) steps!: SimulatedStepDto[];
  @ApiPropertyOptional({ type: TimingsDto }) timings?: TimingsDto;
  @ApiPropertyOptional({ type: [ScenarioStepResultDto] }) scenario?: ScenarioStepResultDto[];
}
