import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ErrorCode } from './error-code';

/** The body of every error answer. */
export class ApiErrorBody {
  /** HTTP status, repeated for clients that only see the body. */
  @ApiProperty({ example: 400 })
  statusCode!: number;

  /** Stable machine-readable code (the clients translate it). */
  @ApiProperty({ enum: ErrorCode, enumName: 'ErrorCode', example: ErrorCode.ValidationFailed })
  code!: `${ErrorCode}`;

  /** What went wrong, for a person. */
  @ApiProperty({ example: 'password must be longer than or equal to 12 characters' })
  message!: string;

  /** Every problem found, when there are several. */
  @ApiPropertyOptional({ type: [String] })
  errors?: string[];
}
