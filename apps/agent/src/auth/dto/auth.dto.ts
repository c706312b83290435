import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES, USER_NAME, type Role } from '@sfha/ha';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { OptionalField } from '../../http/optional-field';
import { SecondFactorDto } from '../totp/dto/totp.dto';

export const PASSWORD_MIN_LENGTH = 12;
const USER_NAME_RULE = 'username must be 1-32 lowercase letters, digits, dots, dashes or underscores, starting with a letter';

export class SetupDto {
  /** The admin password to set; at least 12 characters. */
  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: 256 })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(256)
  password!: string;

  /** Required when the request does not come from this machine: the one-time code printed in the agent log. */
  @ApiPropertyOptional({ example: 'K7PD-Q2XM-9RWA' })
  @OptionalField()
  @IsString()
  @MaxLength(64)
  setupCode?: string;

  /** The first admin's user name; `admin` when omitted. */
  @ApiPropertyOptional({ example: 'admin', pattern: USER_NAME.source })
  @OptionalField()
  @IsString()
  @Matches(USER_NAME, { message: USER_NAME_RULE })
  username?: string;
}

/** For a user with two-factor login, `totp` or `recoveryCode` too (else the answer is 401 TOTP_REQUIRED). */
export class LoginDto extends SecondFactorDto {
  /** `admin` when omitted (the first admin's default name). */
  @ApiPropertyOptional({ example: 'admin' })
  @OptionalField()
  @IsString()
  @MaxLength(64)
  username?: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password!: string;
}

export class LocalLoginDto {
  /** The `credential` of `local-admin.json` in the data directory (readable by root only). */
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  credential!: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  currentPassword!: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: 256 })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(256)
  newPassword!: string;
}

export class TokenDto {
  /** Send as `Authorization: Bearer <accessToken>`. */
  @ApiProperty()
  accessToken!: string;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType!: 'Bearer';

  /** ISO 8601 time after which the token is refused. */
  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;
}

export class AuthStateDto {
  /** No admin password yet: the first-run page must be shown. */
  @ApiProperty()
  setupRequired!: boolean;

  /** The caller is not on this machine, so setup needs the code from the agent log. */
  @ApiProperty()
  setupCodeRequired!: boolean;
}

export class SessionDto {
  /** The user (for an API token: its owner; for the CLI's local access: root@<node>). */
  @ApiProperty()
  subject!: string;

  @ApiProperty({ enum: ROLES })
  role!: Role;

  /** How the caller authenticated. */
  @ApiProperty({ enum: ['user', 'token', 'local'] })
  kind!: 'user' | 'token' | 'local';

  /** The name events and the fence history record for this caller. */
  @ApiProperty({ example: 'alice' })
  actor!: string;

  /** null: an API token without expiry. */
  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  expiresAt!: string | null;

  /** The user logs in with a second factor (TOTP). Always false for a token or the local access. */
  @ApiProperty()
  totpEnabled!: boolean;
}
