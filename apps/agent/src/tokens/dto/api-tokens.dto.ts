import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES, USER_NAME, type Role } from '@sfha/ha';
import { IsIn, IsISO8601, IsString, Matches } from 'class-validator';
import { OptionalField } from '../../http/optional-field';

export class ApiTokenDto {
  /** The public part of the token (`sfha_<id>_…`). */
  @ApiProperty({ example: 'k3v9q2m8x1ab' })
  id!: string;

  @ApiProperty({ example: 'backup script' })
  name!: string;

  @ApiProperty({ example: 'alice' })
  owner!: string;

  @ApiProperty({ enum: ROLES })
  role!: Role;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  /** null: never expires. */
  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  expiresAt!: string | null;

  /** The latest use seen on any reachable member. */
  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  lastUsedAt!: string | null;

  @ApiProperty({ nullable: true, type: String })
  lastUsedFrom!: string | null;
}

export class CreateApiTokenDto {
  @ApiProperty({ example: 'backup script', pattern: '^[\\p{L}\\p{N} ._-]{1,64}$' })
  @IsString()
  @Matches(/^[\p{L}\p{N} ._-]{1,64}$/u, { message: 'name must be 1-64 letters, digits, spaces, dots, dashes or underscores' })
  name!: string;

  /** Not above the creator's own role. */
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role!: Role;

  /** When it stops working; omitted: never. */
  @ApiPropertyOptional({ format: 'date-time' })
  @OptionalField()
  @IsISO8601({ strict: true }, { message: 'expiresAt must be an ISO 8601 date' })
  expiresAt?: string;

  /** Only from the node's local access (root, `sfha token create --user`): the user the token belongs to. A user makes tokens for itself. */
  @ApiPropertyOptional({ example: 'alice', pattern: USER_NAME.source })
  @OptionalField()
  @IsString()
  @Matches(USER_NAME, { message: 'owner must be a user name' })
  owner?: string;
}

export class ApiTokenCreatedDto {
  @ApiProperty({ type: ApiTokenDto })
  token!: ApiTokenDto;

  /** `sfha_…`: shown this once, never stored. Send as `Authorization: Bearer sfha_…`. */
  @ApiProperty({ example: 'sfha_k3v9q2m8x1ab_…' })
  secret!: string;
}
