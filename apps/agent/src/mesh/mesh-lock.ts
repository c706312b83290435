import { Injectable } from '@nestjs/common';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';

/** One membership change of this node at a time (init, join): a second one is refused, not queued. */
@Injectable()
export class MeshLock {
  private busy: string | null = null;

  async exclusive<T>(what: string, fn: () => Promise<T>): Promise<T> {
    if (this.busy) throw new DomainError(ErrorCode.MemberConflict, `a ${this.busy} is already running on this node: wait for it to finish`);
    this.busy = what;
    try {
      return await fn();
    } finally {
      this.busy = null;
    }
  }
}
