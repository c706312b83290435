import { Inject, Injectable } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import { DATABASE } from '../database/database.token';

export interface NotifyDelivery {
  id: number;
  target: string;
  incident: string | null;
  kind: 'opened' | 'resolved' | 'test';
  attempt: number;
  ok: boolean;
  error: string | null;
  at: string;
}

type Row = { id: number; target: string; incident: string | null; kind: NotifyDelivery['kind']; attempt: number; ok: number; error: string | null; at: string };

/** The log keeps this many attempts (the oldest go). */
const KEEP = 1_000;

/** The only file that touches notify_delivery. */
@Injectable()
export class NotifyDeliveryRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  record(delivery: Omit<NotifyDelivery, 'id'>): NotifyDelivery {
    const result = this.db
      .prepare('INSERT INTO notify_delivery (target, incident, kind, attempt, ok, error, at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(delivery.target, delivery.incident, delivery.kind, delivery.attempt, delivery.ok ? 1 : 0, delivery.error, delivery.at);
    const id = Number(result.lastInsertRowid);
    this.db.prepare('DELETE FROM notify_delivery WHERE id <= ?').run(id - KEEP);
    return { id, ...delivery };
  }

  recent(limit = 200): NotifyDelivery[] {
    return (this.db.prepare('SELECT * FROM notify_delivery ORDER BY id DESC LIMIT ?').all(limit) as Row[]).map((r) => ({ ...r, ok: r.ok === 1 }));
  }
}
