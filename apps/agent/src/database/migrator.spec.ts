import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { applyMigrations, loadMigrations, type Migration } from './migrator';
import { openDatabase } from './open-database';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'sfha-mig-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const m1: Migration = { version: 1, name: 'one', sql: 'CREATE TABLE a (x INTEGER);' };
const m2: Migration = { version: 2, name: 'two', sql: 'ALTER TABLE a ADD COLUMN y TEXT;' };

describe('migrations', () => {
  it('applies pending migrations once, in order, and records them', () => {
    const db = new BetterSqlite3(':memory:');
    expect(applyMigrations(db, [m1])).toEqual([1]);
    expect(applyMigrations(db, [m1, m2])).toEqual([2]);
    expect(applyMigrations(db, [m1, m2])).toEqual([]);
    const rows = db.prepare('SELECT version, name FROM schema_migrations').all();
    expect(rows).toEqual([
      { version: 1, name: 'one' },
      { version: 2, name: 'two' },
    ]);
    db.prepare('INSERT INTO a (x, y) VALUES (1, ?)').run('ok');
  });

  it('rolls back a failing migration whole', () => {
    const db = new BetterSqlite3(':memory:');
    const bad: Migration = { version: 2, name: 'bad', sql: 'CREATE TABLE b (x); INSERT INTO nowhere VALUES (1);' };
    expect(() => applyMigrations(db, [m1, bad])).toThrow(/nowhere/);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'b'").get()).toBeUndefined();
    expect(db.prepare('SELECT max(version) v FROM schema_migrations').get()).toEqual({ v: 1 });
  });

  it('refuses an applied migration that was edited, and a database newer than the agent', () => {
    const db = new BetterSqlite3(':memory:');
    applyMigrations(db, [m1, m2]);
    expect(() => applyMigrations(db, [m1, { ...m2, sql: 'SELECT 1;' }])).toThrow('migration 2 (two) was changed after it was applied');
    expect(() => applyMigrations(db, [m1])).toThrow('migration 2 (two) is newer than this agent');
  });

  it('loads numbered files and refuses gaps and stray names', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '001_first.sql'), 'SELECT 1;');
    writeFileSync(join(dir, '002_second.sql'), 'SELECT 2;');
    expect(loadMigrations(dir).map((m) => m.name)).toEqual(['first', 'second']);
    writeFileSync(join(dir, '004_fourth.sql'), 'SELECT 4;');
    expect(() => loadMigrations(dir)).toThrow('expected version 3, found 004_fourth');
    const stray = tempDir();
    writeFileSync(join(stray, 'notes.txt'), '');
    expect(() => loadMigrations(stray)).toThrow('"notes.txt" is not named NNN_name.sql');
  });

  it('ships migrations that apply on a fresh database', () => {
    const db = new BetterSqlite3(':memory:');
    const shipped = loadMigrations(join(__dirname, 'migrations'));
    expect(applyMigrations(db, shipped).length).toBe(shipped.length);
  });
});

describe('database file', () => {
  it('is created 0600 in a 0700 directory, in WAL mode, with its WAL file 0600 too', () => {
    const dataDir = join(tempDir(), 'data');
    mkdirSync(dataDir, { mode: 0o755 });
    const db = openDatabase(dataDir);
    db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    for (const file of readdirSync(dataDir)) expect([file, statSync(join(dataDir, file)).mode & 0o777]).toEqual([file, 0o600]);
    expect(readdirSync(dataDir)).toContain('sfha.db-wal');
    db.close();
  });
});
