import { Inject, Injectable } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import { DATABASE } from '../database/database.token';

export interface FenceEvent {
  id: number;
  node: string;
  action: string;
  device: string;
  requestedBy: string;
  startedAt: string;
  finishedAt: string;
  ok: boolean;
  exitCode: number;
  output: string;
  durationMs: number;
}

type Row = {
  id: number;
  node: string;
  action: string;
  device: string;
  requested_by: string;
  started_at: string;
  finished_at: string;
  ok: number;
  exit_code: number;
  output: string;
  duration_ms: number;
};

/** The only file that touches fence_history. */
@Injectable()
export class FenceHistoryRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  record(event: Omit<FenceEvent, 'id'>): FenceEvent {
    const result = this.db
      .prepare('INSERT INTO fence_history (node, action, device, requested_by, started_at, finished_at, ok, exit_code, output, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(event.node, event.action, event.device, event.requestedBy, event.startedAt, event.finishedAt, event.ok ? 1 : 0, event.exitCode, event.output, event.durationMs);
    return { id: Number(result.lastInsertRowid), ...event };
  }

  recent(limit = 100): FenceEvent[] {
    return (this.db.prepare('SELECT * FROM fence_history ORDER BY id DESC LIMIT ?').all(limit) as Row[]).map((r) => ({
      id: r.id,
      node: r.node,
      action: r.action,
      device: r.device,
      requestedBy: r.requested_by,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      ok: r.ok === 1,
      exitCode: r.exit_code,
      output: r.output,
      durationMs: r.duration_ms,
    }));
  }
}
