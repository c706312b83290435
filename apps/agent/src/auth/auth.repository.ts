import { Inject, Injectable } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import { DATABASE } from '../database/database.token';

/** The admin of a database older than cluster-wide users (migration 006), until it is moved into the cluster config. */
@Injectable()
export class AuthRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  legacyAdmin(): { passwordHash: string; createdAt: string } | undefined {
    const row = this.db.prepare('SELECT password_hash, created_at FROM legacy_admin WHERE id = 1').get() as { password_hash: string; created_at: string } | undefined;
    return row && { passwordHash: row.password_hash, createdAt: row.created_at };
  }

  forgetLegacyAdmin(): void {
    this.db.prepare('DELETE FROM legacy_admin').run();
  }
}
