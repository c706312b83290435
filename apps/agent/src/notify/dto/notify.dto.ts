import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsInt, IsString } from 'class-validator';
import { OptionalField } from '../../http/optional-field';

const KINDS = ['webhook', 'email', 'ntfy', 'gotify', 'script'];
const LEVELS = ['info', 'warn', 'error'];
const LANGUAGES = ['fr', 'en'];
const TLS = ['none', 'starttls', 'tls'];

/**
 * A notification target as sent (PUT /notifications/targets/{name}). Only the fields of its kind
 * may be set; each is checked by the agent, which names the field of any problem (400, nothing
 * changed). Secrets (secret, password, token) sent as "********" keep the stored value.
 */
export class PutNotifyTargetDto {
  @ApiProperty({ enum: KINDS }) @IsString() kind!: string;
  /** What it receives: one message per incident, opened then resolved (the only choice so far). */
  @ApiPropertyOptional({ enum: ['incidents'], default: 'incidents' }) @OptionalField() @IsString() events?: string;
  /** Messages below this level are not sent: an incident opened is warn (error when a fence failed), resolved is info. */
  @ApiPropertyOptional({ enum: LEVELS, default: 'info' }) @OptionalField() @IsString() minLevel?: string;
  /** The language of its messages. */
  @ApiPropertyOptional({ enum: LANGUAGES, default: 'fr' }) @OptionalField() @IsString() language?: string;
  /** webhook, ntfy (server), gotify (server): an http(s) URL. */
  @ApiPropertyOptional({ example: 'https://hooks.example/sfha' }) @OptionalField() @IsString() url?: string;
  /** webhook: the HMAC-SHA256 key of the X-Sfha-Signature header (secret). */
  @ApiPropertyOptional() @OptionalField() @IsString() secret?: string;
  /** email: the SMTP server. */
  @ApiPropertyOptional() @OptionalField() @IsString() host?: string;
  @ApiPropertyOptional({ example: 587 }) @OptionalField() @IsInt() port?: number;
  @ApiPropertyOptional({ enum: TLS }) @OptionalField() @IsString() tls?: string;
  @ApiPropertyOptional() @OptionalField() @IsString() user?: string;
  /** email: the SMTP password (secret). */
  @ApiPropertyOptional() @OptionalField() @IsString() password?: string;
  @ApiPropertyOptional({ example: 'sfha@example.org' }) @OptionalField() @IsString() from?: string;
  @ApiPropertyOptional({ type: [String] }) @OptionalField() @IsArray() @IsString({ each: true }) to?: string[];
  /** ntfy: the topic. */
  @ApiPropertyOptional() @OptionalField() @IsString() topic?: string;
  /** ntfy (optional) or gotify (the application token): secret. */
  @ApiPropertyOptional() @OptionalField() @IsString() token?: string;
  /** script: an absolute path to an executable present on every node. */
  @ApiPropertyOptional({ example: '/usr/local/bin/sfha-notify' }) @OptionalField() @IsString() path?: string;
}

/** A target as answered: its secrets are "********". */
export class NotifyTargetDto extends PutNotifyTargetDto {
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['incidents'] }) declare events: string;
  @ApiProperty({ enum: LEVELS }) declare minLevel: string;
  @ApiProperty({ enum: LANGUAGES }) declare language: string;
}

export class NotifyDeliveryDto {
  @ApiProperty() id!: number;
  @ApiProperty() target!: string;
  /** The incident's id (null for a test). */
  @ApiProperty({ type: String, nullable: true }) incident!: string | null;
  @ApiProperty({ enum: ['opened', 'resolved', 'test'] }) kind!: string;
  /** 1 for the first try, then each retry. */
  @ApiProperty() attempt!: number;
  @ApiProperty() ok!: boolean;
  /** Why it failed (null when it went through). */
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
  /** The node that sent it. */
  @ApiProperty() node!: string;
}

export class NotifyTestResultDto {
  @ApiProperty() ok!: boolean;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty() ms!: number;
}
