import { Inject, Injectable } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import { DATABASE } from './database.token';

/** Node-local key/value settings. */
@Injectable()
export class SettingsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  get(key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  }

  /** Stores `value` unless the key is already set; returns the stored value either way. */
  getOrCreate(key: string, create: () => string): string {
    this.db.prepare('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)').run(key, create());
    return this.get(key) as string;
  }

  /** Stores `value`, replacing what the key held. */
  set(key: string, value: string): void {
    this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  /** `SELECT 1`: proves the database answers. */
  ping(): boolean {
    return (this.db.prepare('SELECT 1 AS one').get() as { one: number }).one === 1;
  }
}
