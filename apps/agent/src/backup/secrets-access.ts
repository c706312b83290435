import type { Principal } from '../auth/principal';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';

/** An export with secrets is for admins only (operators and viewers get the masked one). */
export function assertMaySeeSecrets(principal: Principal | undefined): void {
  if (principal?.role !== 'admin') throw new DomainError(ErrorCode.Forbidden, `${principal?.actor ?? 'this caller'} has the role ${principal?.role ?? 'none'}: only an admin may export secrets`);
}
