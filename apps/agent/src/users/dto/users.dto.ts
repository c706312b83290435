import { ApiProperty } from '@nestjs/swagger';
import { ROLES, USER_NAME, type Role } from '@sfha/ha';
import { IsIn, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MIN_LENGTH } from '../../auth/dto/auth.dto';

export class UserDto {
  @ApiProperty({ example: 'alice' })
  name!: string;

  @ApiProperty({ enum: ROLES })
  role!: Role;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  /** Two-factor login is on (never the secret). */
  @ApiProperty()
  totpEnabled!: boolean;
}

export class CreateUserDto {
  /** 1-32 lowercase letters, digits, dots, dashes or underscores, starting with a letter. */
  @ApiProperty({ example: 'alice', pattern: USER_NAME.source })
  @IsString()
  @Matches(USER_NAME, { message: 'name must be 1-32 lowercase letters, digits, dots, dashes or underscores, starting with a letter' })
  name!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role!: Role;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: 256 })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(256)
  password!: string;
}

export class SetRoleDto {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role!: Role;
}

export class SetPasswordDto {
  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: 256 })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(256)
  password!: string;
}
