import { Inject, Injectable } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import { DATABASE } from '../database/database.token';

export interface TokenUse {
  tokenId: string;
  lastUsedAt: string;
  lastIp: string;
}

/** When each API token was last used on this node. */
@Injectable()
export class ApiTokenUseRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  record(tokenId: string, at: string, ip: string): void {
    this.db
      .prepare('INSERT INTO api_token_use (token_id, last_used_at, last_ip) VALUES (?, ?, ?) ON CONFLICT(token_id) DO UPDATE SET last_used_at = excluded.last_used_at, last_ip = excluded.last_ip')
      .run(tokenId, at, ip);
  }

  all(): TokenUse[] {
    return (this.db.prepare('SELECT token_id, last_used_at, last_ip FROM api_token_use').all() as { token_id: string; last_used_at: string; last_ip: string }[]).map((r) => ({
      tokenId: r.token_id,
      lastUsedAt: r.last_used_at,
      lastIp: r.last_ip,
    }));
  }
}
