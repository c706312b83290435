import { ApiProperty } from '@nestjs/swagger';
import { DOCTOR_CODES, type DoctorCheckId, type DoctorCode, type DoctorStatus } from '@sfha/mesh';

const CHECKS: DoctorCheckId[] = ['wireguard', 'corosync', 'units', 'udp', 'mtu', 'clock'];
const STATUSES: DoctorStatus[] = ['ok', 'warn', 'fail', 'skipped'];

export class DoctorFindingDto {
  /** What was checked. */
  @ApiProperty({ enum: CHECKS })
  check!: DoctorCheckId;

  /** ok, warn (works, worth fixing), fail (breaks the mesh or the cluster), skipped (cannot be checked yet). */
  @ApiProperty({ enum: STATUSES })
  status!: DoctorStatus;

  /** What was found: the clients turn it and its params into a message and a fix hint. */
  @ApiProperty({ enum: DOCTOR_CODES, enumName: 'DoctorCode' })
  code!: DoctorCode;

  /** Values the message names: peers, ports, offsets in ms. */
  @ApiProperty({ type: 'object', additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] } })
  params!: Record<string, string | number>;
}

export class DoctorReportDto {
  /** When the checks ran (this node's clock). */
  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ type: [DoctorFindingDto] })
  findings!: DoctorFindingDto[];
}
