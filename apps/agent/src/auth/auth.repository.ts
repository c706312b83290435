import { Inject, Injectable } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import { DATABASE } from '../database/database.token';

/** The single admin account row. */
@Injectable()
export class AuthRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  adminExists(): boolean {
    return this.db.prepare('SELECT 1 FROM admin WHERE id = 1').get() !== undefined;
  }

  passwordHash(): string | undefined {
    return (this.db.prepare('SELECT password_hash FROM admin WHERE id = 1').get() as { password_hash: string } | undefined)?.password_hash;
  }

  /** Creates the admin unless one exists, atomically; false when it already existed. */
  createAdmin(passwordHash: string): boolean {
    const now = new Date().toISOString();
    const result = this.db.prepare('INSERT OR IGNORE INTO admin (id, password_hash, created_at, updated_at) VALUES (1, ?, ?, ?)').run(passwordHash, now, now);
    return result.changes === 1;
  }

  updatePassword(passwordHash: string): void {
    this.db.prepare('UPDATE admin SET password_hash = ?, updated_at = ? WHERE id = 1').run(passwordHash, new Date().toISOString());
  }
}
