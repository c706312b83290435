import { Injectable } from '@nestjs/common';
import { generateKeyPair, publicKeyOf } from '@sfha/mesh';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';
import { JsonLogger } from '../logging/json-logger';
import type { RotationDto, RotationPhase } from './dto/mesh.dto';
import { driverStep } from './mesh-errors';
import { MeshKeyStore } from './mesh-key-store';
import { MeshReconciler } from './mesh-reconciler.service';
import { MeshReplication } from './mesh-replication.service';

/**
 * `mesh rotate-keys`: prepare (new key made and announced), commit (members move to it,
 * then this node switches), cleanup (the old private key is deleted).
 */
@Injectable()
export class MeshRotationService {
  constructor(
    private readonly keys: MeshKeyStore,
    private readonly replication: MeshReplication,
    private readonly reconciler: MeshReconciler,
    private readonly logger: JsonLogger,
  ) {}

  async rotate(phase: RotationPhase): Promise<RotationDto> {
    if (phase === 'all') {
      await this.prepare();
      await this.commit();
      await this.cleanup();
    } else if (phase === 'prepare') await this.prepare();
    else if (phase === 'commit') await this.commit();
    else await this.cleanup();
    return this.describe(phase);
  }

  private async prepare(): Promise<void> {
    const { self } = this.replication.state();
    if (this.keys.read('pending')) throw new DomainError(ErrorCode.RotationState, 'a new key is already prepared: run rotate-keys --commit (or --cleanup to drop it)');
    const next = generateKeyPair();
    this.keys.write('pending', next.privateKey);
    await this.replication.commit((members) => members.map((m) => (m.name === self.nodeName ? { ...m, pendingPublicKey: next.publicKey } : m)));
    this.logger.event('info', 'mesh', 'key rotation prepared', { pendingPublicKey: next.publicKey });
  }

  private async commit(): Promise<void> {
    const { self } = this.replication.state();
    const pending = this.keys.read('pending');
    if (!pending) throw new DomainError(ErrorCode.RotationState, 'no new key is prepared: run rotate-keys --prepare first');
    // A member that misses the new key could never reach this node again: all must answer first.
    const unreachable = await this.replication.unreachableMembers();
    if (unreachable.length > 0) throw new DomainError(ErrorCode.PeerUnreachable, `${unreachable.join(', ')} cannot be reached now: the key change would cut it off; retry when it is back`);
    const publicKey = publicKeyOf(pending);
    // The members learn the new key over the tunnels that still use the old one; then this node switches.
    await this.replication.commit((members) => members.map((m) => (m.name === self.nodeName ? { ...m, publicKey, pendingPublicKey: null } : m)), { applyLocally: false });
    this.keys.remove('previous');
    this.keys.move('current', 'previous');
    this.keys.move('pending', 'current');
    await driverStep(() => this.reconciler.reconcile());
    this.logger.event('info', 'mesh', 'key rotation committed', { publicKey });
  }

  /** Leaving an old key behind is harmless but pointless; a dropped prepared key is announced as gone. */
  private async cleanup(): Promise<void> {
    const hadPrevious = this.keys.read('previous') !== null;
    const hadPending = this.keys.read('pending') !== null;
    if (!hadPrevious && !hadPending) throw new DomainError(ErrorCode.RotationState, 'nothing to clean up: no old or prepared key is kept');
    this.keys.remove('previous');
    if (hadPending) {
      const { self } = this.replication.state();
      this.keys.remove('pending');
      await this.replication.commit((members) => members.map((m) => (m.name === self.nodeName ? { ...m, pendingPublicKey: null } : m)));
    }
  }

  private describe(phase: RotationPhase): RotationDto {
    const current = this.keys.read('current');
    const pending = this.keys.read('pending');
    return {
      phase,
      publicKey: current ? publicKeyOf(current) : '',
      pendingPublicKey: pending ? publicKeyOf(pending) : null,
      previousKeyKept: this.keys.read('previous') !== null,
    };
  }
}
