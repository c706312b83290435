import { Injectable } from '@nestjs/common';
import { constraintId, type Constraint } from '@sfha/ha';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';
import { ClusterConfigService } from '../ha/cluster-config.service';
import type { AddConstraintDto, ConstraintDto } from './dto/constraints.dto';

const toDto = (c: Constraint): ConstraintDto => ({ id: constraintId(c), ...c });

/** Constraints between resource groups, in the replicated config (validated there: cycles, contradictions, unknown groups). */
@Injectable()
export class ConstraintsService {
  constructor(private readonly configs: ClusterConfigService) {}

  list(): ConstraintDto[] {
    return (this.configs.current().config.constraints ?? []).map(toDto);
  }

  async add(dto: AddConstraintDto): Promise<ConstraintDto> {
    const order = dto.kind === 'order';
    const stray = (order ? (['group', 'with'] as const) : (['first', 'then'] as const)).filter((field) => dto[field] !== undefined);
    if (stray.length > 0) throw new DomainError(ErrorCode.ValidationFailed, `${dto.kind} takes ${order ? 'first and then' : 'group and with'}, not ${stray.join(' and ')}`);
    const constraint: Constraint = dto.kind === 'order' ? { kind: 'order', first: dto.first ?? '', then: dto.then ?? '' } : { kind: dto.kind, group: dto.group ?? '', with: dto.with ?? '' };
    await this.configs.propose({ kind: 'put-constraint', constraint });
    return toDto(constraint);
  }

  async remove(id: string): Promise<void> {
    if (!(this.configs.current().config.constraints ?? []).some((c) => constraintId(c) === id))
      throw new DomainError(ErrorCode.NotFound, `no constraint ${id} (ids look like colocation:web:db, anti-colocation:a:b, order:db:web)`);
    await this.configs.propose({ kind: 'delete-constraint', id });
  }
}
