import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import { join } from 'node:path';
import type { AgentConfig } from '../config/agent-config';
import { AGENT_CONFIG } from '../config/agent-config.token';
import { JsonLogger } from '../logging/json-logger';
import { DATABASE } from './database.token';
import { applyMigrations, loadMigrations } from './migrator';
import { openDatabase } from './open-database';
import { SettingsRepository } from './settings.repository';

@Global()
@Module({
  providers: [
    {
      provide: DATABASE,
      inject: [AGENT_CONFIG, JsonLogger],
      useFactory: (config: AgentConfig, logger: JsonLogger): Database => {
        const db = openDatabase(config.dataDir);
        const applied = applyMigrations(db, loadMigrations(join(__dirname, 'migrations')));
        if (applied.length > 0) logger.event('info', 'database', 'migrations applied', { versions: applied });
        return db;
      },
    },
    SettingsRepository,
  ],
  exports: [DATABASE, SettingsRepository],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  onApplicationShutdown(): void {
    if (this.db.open) this.db.close();
  }
}
