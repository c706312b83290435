import BetterSqlite3 from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyRestore, BackupError, createBackup, planRestore, type NodePaths } from './node-backup';
import { readTar, writeTar } from './tar';
import { packTarGz, unpackTarGz } from './tar-gz';
import { writePrivateFile } from './private-file';

let root: string;
let node: NodePaths;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'sfha-backup-spec-'));
  node = { dataDir: join(root, 'var-lib-sfha'), corosyncDir: join(root, 'etc-corosync') };
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const MIGRATIONS = join(__dirname, '../../../agent/src/database/migrations');

/** A node's state as the agent leaves it: the database (the agent's own schema, WAL, with the cluster and this node), a mesh key, the authkey. */
function seedNode(paths: NodePaths, cluster = 'prod'): BetterSqlite3.Database {
  mkdirSync(join(paths.dataDir, 'mesh'), { recursive: true, mode: 0o700 });
  mkdirSync(paths.corosyncDir, { recursive: true });
  const db = new BetterSqlite3(join(paths.dataDir, 'sfha.db'));
  db.pragma('journal_mode = WAL');
  for (const migration of readdirSync(MIGRATIONS)
    .filter((f) => f.endsWith('.sql'))
    .sort())
    db.exec(readFileSync(join(MIGRATIONS, migration), 'utf8'));
  db.prepare("INSERT INTO cluster (id, cluster_id, name, network, secret, generation, created_at) VALUES (1, ?, ?, '10.100.0.0/24', 'the-cluster-secret', 3, '2026-01-01')").run(
    `${cluster}-id`,
    cluster,
  );
  db.prepare("INSERT INTO mesh_self (id, node_name, interface, mesh_ip, listen_port, peer_api_port, mtu) VALUES (1, 'node3', 'wg-sfha', '10.100.0.3', 51820, 7779, 1420)").run();
  db.prepare('INSERT INTO settings VALUES (?, ?)').run('jwt_signing_key', 'the-jwt-key');
  writeFileSync(join(paths.dataDir, 'mesh', 'current.key'), 'MESH-PRIVATE-KEY\n', { mode: 0o600 });
  writeFileSync(join(paths.corosyncDir, 'authkey'), Buffer.alloc(256, 7), { mode: 0o400 });
  return db;
}

describe('the backup archive', () => {
  it('is a tar that GNU tar lists and extracts', () => {
    const file = join(root, 'a.tar');
    writeFileSync(
      file,
      writeTar([
        { path: 'manifest.json', mode: 0o600, data: Buffer.from('{}') },
        { path: 'mesh/current.key', mode: 0o600, data: Buffer.from('k'.repeat(700)) },
      ]),
    );
    expect(execFileSync('tar', ['-tf', file], { encoding: 'utf8' }).trim().split('\n')).toEqual(['manifest.json', 'mesh/current.key']);
    execFileSync('tar', ['-xf', file, '-C', root]);
    expect(readFileSync(join(root, 'mesh/current.key'), 'utf8')).toBe('k'.repeat(700));
  });

  it('reads back what it wrote, and refuses damage', () => {
    const tar = writeTar([{ path: 'sfha.db', mode: 0o600, data: Buffer.from('x'.repeat(600)) }]);
    expect(readTar(tar)).toEqual({ entries: [{ path: 'sfha.db', mode: 0o600, data: Buffer.from('x'.repeat(600)) }] });
    const flipped = Buffer.from(tar);
    flipped[10] = 65;
    expect(readTar(flipped)).toEqual({ problem: 'damaged archive: bad header checksum at byte 0' });
    expect(readTar(tar.subarray(0, 700))).toEqual({ problem: 'truncated archive: sfha.db is cut short' });
    expect(unpackTarGz(Buffer.from('not gzip'))).toMatchObject({ problem: expect.stringMatching(/^not a gzip archive/) as unknown });
  });

  it('writes private files that are never readable by others', () => {
    const file = join(root, 'secret');
    writePrivateFile(file, 'x');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});

describe('node backup and restore', () => {
  it('backs up a live database and the keys, and restores them on a wiped node', async () => {
    const db = seedNode(node);
    const { archive, manifest } = await createBackup(node, '0.1.0');
    db.prepare('INSERT INTO settings VALUES (?, ?)').run('after', 'the backup'); // not in it
    db.close();
    expect(manifest).toMatchObject({ format: 'sfha-node-backup', version: 1, node: 'node3', cluster: 'prod', clusterId: 'prod-id', meshIp: '10.100.0.3', sfhaVersion: '0.1.0' });
    expect(manifest.files.map((f) => f.path)).toEqual(['sfha.db', 'mesh/current.key', 'corosync/authkey']);

    rmSync(node.dataDir, { recursive: true });
    rmSync(node.corosyncDir, { recursive: true });
    const plan = await planRestore(archive, node);
    expect(plan.replaces).toBeNull();
    applyRestore(plan, node);

    const restored = new BetterSqlite3(join(node.dataDir, 'sfha.db'), { readonly: true });
    expect(restored.prepare("SELECT value FROM settings WHERE key = 'jwt_signing_key'").get()).toEqual({ value: 'the-jwt-key' });
    expect(restored.prepare("SELECT value FROM settings WHERE key = 'after'").get()).toBeUndefined();
    restored.close();
    expect(readFileSync(join(node.dataDir, 'mesh', 'current.key'), 'utf8')).toBe('MESH-PRIVATE-KEY\n');
    expect(statSync(join(node.dataDir, 'sfha.db')).mode & 0o777).toBe(0o600);
    expect(statSync(join(node.dataDir, 'mesh', 'current.key')).mode & 0o777).toBe(0o600);
    expect(statSync(join(node.corosyncDir, 'authkey')).mode & 0o777).toBe(0o400);
  });

  it('says when the node already holds a cluster', async () => {
    seedNode(node).close();
    const { archive } = await createBackup(node, '0.1.0');
    expect((await planRestore(archive, node)).replaces).toBe('prod');
  });

  it('refuses a damaged or foreign archive before touching anything', async () => {
    seedNode(node).close();
    const { archive } = await createBackup(node, '0.1.0');
    const entries = (unpackTarGz(archive) as { entries: { path: string; mode: number; data: Buffer }[] }).entries;
    const other = join(root, 'other');
    mkdirSync(other);
    const target = { dataDir: join(other, 'data'), corosyncDir: join(other, 'corosync') };
    const refused = async (bytes: Buffer) =>
      planRestore(bytes, target).then(
        () => 'accepted',
        (error: unknown) => (error instanceof BackupError ? error.message : `unexpected ${String(error)}`),
      );
    expect(await refused(Buffer.from('hello'))).toMatch(/^not a gzip archive/);
    expect(await refused(packTarGz(entries.slice(1)))).toBe('not an sfha node backup: manifest.json must come first');
    expect(await refused(packTarGz(entries.map((e) => (e.path === 'mesh/current.key' ? { ...e, data: Buffer.from('OTHER\n') } : e))))).toBe(
      'damaged backup: mesh/current.key does not match its digest',
    );
    expect(await refused(packTarGz(entries.filter((e) => e.path !== 'corosync/authkey')))).toBe('damaged backup: corosync/authkey is missing');
    expect(await refused(packTarGz([...entries, { path: 'etc/passwd', mode: 0o644, data: Buffer.from('x') }]))).toBe('unexpected file in the backup: etc/passwd');
    const manifest = JSON.parse(entries[0]?.data.toString() ?? '{}') as Record<string, unknown>;
    expect(await refused(packTarGz([{ path: 'manifest.json', mode: 0o600, data: Buffer.from(JSON.stringify({ ...manifest, version: 4 })) }, ...entries.slice(1)]))).toBe(
      'backup version 4 is not supported: this sfha reads version 1',
    );
    const corrupt = entries.map((e) => (e.path === 'sfha.db' ? { ...e, data: Buffer.concat([e.data.subarray(0, 100), Buffer.alloc(e.data.length - 100, 0xff)]) } : e));
    const digest = (path: string) =>
      createHash('sha256')
        .update(corrupt.find((c) => c.path === path)?.data ?? Buffer.alloc(0))
        .digest('hex');
    const fixed = { ...manifest, files: (manifest.files as { path: string }[]).map((f) => ({ ...f, sha256: digest(f.path) })) };
    expect(await refused(packTarGz([{ path: 'manifest.json', mode: 0o600, data: Buffer.from(JSON.stringify(fixed)) }, ...corrupt.slice(1)]))).toMatch(
      /^damaged backup: the database (fails SQLite's integrity check|cannot be read)/,
    );
    expect(existsSync(target.dataDir)).toBe(false);
  });
});
