import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsString, MaxLength } from 'class-validator';
import { OptionalField } from '../../http/optional-field';

/** An export: the document of docs/backup.md (format sfha-cluster-config, version 1). */
export class ConfigDocumentDto {
  @ApiProperty({ example: 'sfha-cluster-config' }) format!: string;
  @ApiProperty({ example: 1 }) version!: number;
  @ApiProperty({ example: 'prod' }) cluster!: string;
  @ApiProperty({ example: 12 }) generation!: number;
  @ApiProperty() exportedAt!: string;
  @ApiProperty({ example: '0.1.0' }) sfhaVersion!: string;
  /** masked: every secret is "********" (an import keeps the stored value behind it). */
  @ApiProperty({ enum: ['masked', 'included'] }) secrets!: 'masked' | 'included';
  /** settings, fenceDevices, groups, constraints, moves, standby, maintenance. */
  @ApiProperty({ type: 'object', additionalProperties: true }) config!: Record<string, unknown>;
}

export class ImportConfigDto {
  /** The document's text, as exported. A request body is at most 256 KB of JSON, so about 200 KB of document. */
  @ApiProperty()
  @IsString()
  @MaxLength(200_000)
  document!: string;

  /** Only check the document and show what it would change. */
  @ApiPropertyOptional()
  @OptionalField()
  @IsBoolean()
  dryRun?: boolean;
}

export class ImportResultDto {
  /** True when the change was committed (false for a dry run or when nothing differs). */
  @ApiProperty() applied!: boolean;
  /** The committed generation after the import (unchanged when nothing was applied). */
  @ApiProperty() generation!: number;
  /** One line per difference: "+ group web", "- constraint order:db:app", "~ settings.tokenMs: 1000 → 1500". */
  @ApiProperty({ type: [String] }) changes!: string[];
}
