import { Inject, Injectable } from '@nestjs/common';
import { DEFAULT_CLUSTER_CONFIG, withDefaults, type ClusterConfig, type VersionedConfig } from '@sfha/ha';
import type { Database } from 'better-sqlite3';
import { DATABASE } from '../database/database.token';

/** The only file that touches the cluster_config table. */
@Injectable()
export class ClusterConfigRepository {
  private readonly commitListeners: ((committed: VersionedConfig) => void)[] = [];

  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Called after every commit, whoever made it (leader, follower catching up, adoption). */
  onCommit(listener: (committed: VersionedConfig) => void): void {
    this.commitListeners.push(listener);
  }

  /** The committed config; generation 0 with the defaults before any change. */
  committed(): VersionedConfig {
    const row = this.db.prepare('SELECT generation, document FROM cluster_config WHERE id = 1').get() as { generation: number; document: string } | undefined;
    return row ? { generation: row.generation, config: withDefaults(JSON.parse(row.document) as ClusterConfig) } : { generation: 0, config: DEFAULT_CLUSTER_CONFIG };
  }

  pending(): VersionedConfig | null {
    const row = this.db.prepare('SELECT pending_generation, pending_document FROM cluster_config WHERE id = 1').get() as
      { pending_generation: number | null; pending_document: string | null } | undefined;
    return row?.pending_generation && row.pending_document ? { generation: row.pending_generation, config: JSON.parse(row.pending_document) as ClusterConfig } : null;
  }

  commit(versioned: VersionedConfig): void {
    const now = new Date().toISOString();
    this.db
      .prepare(
        `INSERT INTO cluster_config (id, generation, document, committed_at) VALUES (1, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET generation = excluded.generation, document = excluded.document, committed_at = excluded.committed_at,
           pending_generation = CASE WHEN pending_generation <= excluded.generation THEN NULL ELSE pending_generation END,
           pending_document = CASE WHEN pending_generation <= excluded.generation THEN NULL ELSE pending_document END`,
      )
      .run(versioned.generation, JSON.stringify(versioned.config), now);
    for (const listener of this.commitListeners) listener(versioned);
  }

  prepare(versioned: VersionedConfig): void {
    const committed = this.committed();
    this.db
      .prepare(
        `INSERT INTO cluster_config (id, generation, document, pending_generation, pending_document, committed_at) VALUES (1, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET pending_generation = excluded.pending_generation, pending_document = excluded.pending_document`,
      )
      .run(committed.generation, JSON.stringify(committed.config), versioned.generation, JSON.stringify(versioned.config), new Date().toISOString());
  }
}
