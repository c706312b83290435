import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export const PASSWORD_MIN_LENGTH = 12;

export class SetupDto {
  /** The admin password to set; at least 12 characters. */
  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: 256 })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(256)
  password!: string;

  /** Required when the request does not come from this machine: the one-time code printed in the agent log. */
  @ApiPropertyOptional({ example: 'K7PD-Q2XM-9RWA' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  setupCode?: string;
}

export class LoginDto {
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
  @ApiProperty({ enum: ['admin'] })
  subject!: 'admin';

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;
}
