import { Inject, Injectable } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import { DATABASE } from '../database/database.token';

export const EVENT_CATEGORIES = ['membership', 'leader', 'resource', 'health', 'fencing', 'mesh', 'admin'] as const;
export type EventCategory = (typeof EVENT_CATEGORIES)[number];
export type EventSeverity = 'info' | 'warn' | 'error';

export interface ClusterEvent {
  id: number;
  at: string;
  category: EventCategory;
  severity: EventSeverity;
  message: string;
  fields: Record<string, unknown>;
}

const KEEP = 10_000;

/** The only file that touches the events table. Keeps the latest 10 000. */
@Injectable()
export class EventsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  insert(event: Omit<ClusterEvent, 'id'>): ClusterEvent {
    const id = Number(this.db.prepare('INSERT INTO events (at, category, severity, message, fields) VALUES (?, ?, ?, ?, ?)').run(event.at, event.category, event.severity, event.message, JSON.stringify(event.fields)).lastInsertRowid);
    if (id % 500 === 0) this.db.prepare('DELETE FROM events WHERE id <= ?').run(id - KEEP);
    return { id, ...event };
  }

  list(filter: { category?: EventCategory; afterId?: number; limit: number }): ClusterEvent[] {
    // Resuming after an id takes the events right after it (none skipped), still answered newest first.
    const order = filter.afterId === undefined ? 'DESC' : 'ASC';
    const rows = this.db
      .prepare(`SELECT * FROM events WHERE (? IS NULL OR category = ?) AND id > ? ORDER BY id ${order} LIMIT ?`)
      .all(filter.category ?? null, filter.category ?? null, filter.afterId ?? 0, filter.limit) as (Omit<ClusterEvent, 'fields'> & { fields: string })[];
    if (order === 'ASC') rows.reverse();
    return rows.map((r) => ({ ...r, fields: JSON.parse(r.fields) as Record<string, unknown> }));
  }
}
