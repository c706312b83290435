import { Inject, Injectable } from '@nestjs/common';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AgentConfig } from '../config/agent-config';
import { AGENT_CONFIG } from '../config/agent-config.token';
import { SecretRegistry } from '../logging/secret-registry';

/** current: in use; pending: prepared by a rotation; previous: replaced by one; bootstrap: a joiner's one-time key. */
export type KeySlot = 'current' | 'pending' | 'previous' | 'bootstrap';

/**
 * This node's WireGuard private keys, one 0600 file per slot in `<data-dir>/mesh/` (0700).
 * Every key read or written is registered with the log redaction.
 */
@Injectable()
export class MeshKeyStore {
  private readonly dir: string;

  constructor(
    @Inject(AGENT_CONFIG) config: AgentConfig,
    private readonly secrets: SecretRegistry,
  ) {
    this.dir = join(config.dataDir, 'mesh');
  }

  path(slot: KeySlot): string {
    return join(this.dir, `${slot}.key`);
  }

  read(slot: KeySlot): string | null {
    if (!existsSync(this.path(slot))) return null;
    const key = readFileSync(this.path(slot), 'utf8').trim();
    this.secrets.add(key);
    return key;
  }

  write(slot: KeySlot, privateKey: string): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    chmodSync(this.dir, 0o700);
    this.secrets.add(privateKey);
    const temp = `${this.path(slot)}.tmp`;
    writeFileSync(temp, `${privateKey}\n`, { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, this.path(slot));
  }

  move(from: KeySlot, to: KeySlot): void {
    renameSync(this.path(from), this.path(to));
  }

  remove(slot: KeySlot): void {
    rmSync(this.path(slot), { force: true });
  }

  removeAll(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
