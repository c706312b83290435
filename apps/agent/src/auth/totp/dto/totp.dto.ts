import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { OptionalField } from '../../../http/optional-field';

export const TOTP_CODE_RULE = 'code must be the 6 digits shown by the authenticator app';

export class TotpEnrolmentDto {
  /** The base32 secret, shown this once (type it into an app that cannot scan). */
  @ApiProperty({ example: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' })
  secret!: string;

  /** `otpauth://totp/…`: what the QR code holds. */
  @ApiProperty({ example: 'otpauth://totp/sfha%20prod:alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=sfha%20prod' })
  otpauthUri!: string;

  /** The URI as a QR code (PNG data URL) for the app to scan. */
  @ApiProperty({ example: 'data:image/png;base64,…' })
  qrPng!: string;

  /** Confirm with a first code before this time, on this node. */
  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;
}

export class ConfirmTotpDto {
  /** A code from the app, proving it holds the secret. */
  @ApiProperty({ example: '492039' })
  @IsString()
  @Matches(/^\s*\d{3}\s?\d{3}\s*$/, { message: TOTP_CODE_RULE })
  code!: string;
}

export class RecoveryCodesDto {
  /** Single-use codes that replace a TOTP code once each, shown this once (the cluster keeps only their hashes). */
  @ApiProperty({ type: [String], example: ['k7pd-q2xm-9rwa'] })
  recoveryCodes!: string[];
}

/** The second factor a login (or turning it off) may carry: the app's code, or a recovery code. */
export class SecondFactorDto {
  /** The 6-digit code of the authenticator app, for a user with two-factor login. */
  @ApiPropertyOptional({ example: '492039' })
  @OptionalField()
  @IsString()
  @MaxLength(16)
  totp?: string;

  /** Instead of `totp`: one of the user's recovery codes, used up by this call. */
  @ApiPropertyOptional({ example: 'k7pd-q2xm-9rwa' })
  @OptionalField()
  @IsString()
  @MaxLength(32)
  recoveryCode?: string;
}

export class DisableTotpDto extends SecondFactorDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password!: string;
}
