import { Inject, Injectable } from '@nestjs/common';
import type { ClusterEvent, EventCategory, EventInput, EventSeverity } from '@sfha/contracts';
import type { Database } from 'better-sqlite3';
import { DATABASE } from '../database/database.token';

export interface EventFilter {
  category?: EventCategory;
  severity?: EventSeverity;
  /** Recorded by this node, or about it (`params.node`). */
  node?: string;
  user?: string;
  afterId?: number;
  limit: number;
}

type Row = { id: number; at: string; origin: string | null; code: string; category: string; severity: string; params: string; user: string | null };

const KEEP = 10_000;

/** The only file that touches the events table. Keeps the latest 10 000. */
@Injectable()
export class EventsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  insert(event: EventInput & { at: string; category: EventCategory; severity: EventSeverity }): ClusterEvent {
    // The origin is this node's name (none before the cluster exists: filled in when read).
    const id = Number(
      this.db
        .prepare('INSERT INTO events (at, origin, code, category, severity, params, user) VALUES (?, (SELECT node_name FROM mesh_self WHERE id = 1), ?, ?, ?, ?, ?)')
        .run(event.at, event.code, event.category, event.severity, JSON.stringify(event.params), event.user ?? null).lastInsertRowid,
    );
    if (id % 500 === 0) this.db.prepare('DELETE FROM events WHERE id <= ?').run(id - KEEP);
    return this.get(id) as ClusterEvent;
  }

  list(filter: EventFilter): ClusterEvent[] {
    // Resuming after an id takes the events right after it (none skipped), still answered newest first.
    const order = filter.afterId === undefined ? 'DESC' : 'ASC';
    const rows = this.db
      .prepare(
        `SELECT * FROM (SELECT ${COLUMNS} FROM events) WHERE (@category IS NULL OR category = @category) AND (@severity IS NULL OR severity = @severity)
           AND (@node IS NULL OR origin = @node OR json_extract(params, '$.node') = @node) AND (@user IS NULL OR user = @user) AND id > @after ORDER BY id ${order} LIMIT @limit`,
      )
      .all({ category: filter.category ?? null, severity: filter.severity ?? null, node: filter.node ?? null, user: filter.user ?? null, after: filter.afterId ?? 0, limit: filter.limit }) as Row[];
    if (order === 'ASC') rows.reverse();
    return rows.map(toEvent);
  }

  private get(id: number): ClusterEvent | undefined {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM events WHERE id = ?`).get(id) as Row | undefined;
    return row && toEvent(row);
  }
}

const COLUMNS = "id, at, COALESCE(origin, (SELECT node_name FROM mesh_self WHERE id = 1), '') AS origin, code, category, severity, params, user";

function toEvent(row: Row): ClusterEvent {
  return {
    id: row.id,
    at: row.at,
    origin: row.origin ?? '',
    code: row.code,
    params: JSON.parse(row.params) as unknown,
    category: row.category,
    severity: row.severity,
    ...(row.user ? { user: row.user } : {}),
  } as ClusterEvent;
}
