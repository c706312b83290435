import BetterSqlite3 from 'better-sqlite3';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BACKUP_FORMAT, BACKUP_VERSION, checkBackup, COROSYNC_AUTHKEY_PATH, DATABASE_PATH, describeFiles, MANIFEST_PATH, MESH_KEY_PREFIX, type BackupManifest } from './backup-manifest';
import { writePrivateFile } from './private-file';
import type { TarEntry } from './tar';
import { packTarGz, unpackTarGz } from './tar-gz';

/** A backup or restore that cannot go on; nothing was changed. */
export class BackupError extends Error {}

export interface NodePaths {
  dataDir: string;
  /** Corosync's config directory (its authkey). */
  corosyncDir: string;
}

interface Identity {
  node: string | null;
  cluster: string | null;
  clusterId: string | null;
  meshIp: string | null;
}

/** Runs `fn` with a fresh 0700 directory, removed afterwards whatever happens. */
async function withPrivateDir<T>(fn: (dir: string) => Promise<T> | T): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'sfha-backup-'));
  try {
    return await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function identityOf(dbFile: string): Identity {
  const db = new BetterSqlite3(dbFile, { readonly: true, fileMustExist: true });
  try {
    const cluster = db.prepare('SELECT cluster_id, name FROM cluster WHERE id = 1').get() as { cluster_id: string; name: string } | undefined;
    const self = db.prepare('SELECT node_name, mesh_ip FROM mesh_self WHERE id = 1').get() as { node_name: string; mesh_ip: string } | undefined;
    return { node: self?.node_name ?? null, cluster: cluster?.name ?? null, clusterId: cluster?.cluster_id ?? null, meshIp: self?.mesh_ip ?? null };
  } finally {
    db.close();
  }
}

/** Reads a (restored) database copy: it must pass SQLite's integrity check and be an sfha database. */
function checkedIdentity(dbFile: string): Identity {
  try {
    const db = new BetterSqlite3(dbFile, { readonly: true, fileMustExist: true });
    const check = db.pragma('integrity_check', { simple: true });
    db.close();
    if (check !== 'ok') throw new BackupError(`damaged backup: the database fails SQLite's integrity check (${String(check)})`);
    return identityOf(dbFile);
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`damaged backup: the database cannot be read (${(error as Error).message})`);
  }
}

/**
 * The node's state as one gzipped tar: the database through SQLite's online backup (safe
 * while the agent writes), the mesh private keys, Corosync's authkey. Everything passes
 * through a 0700 directory and memory only.
 */
export async function createBackup(paths: NodePaths, sfhaVersion: string): Promise<{ archive: Buffer; manifest: BackupManifest }> {
  const dbFile = join(paths.dataDir, DATABASE_PATH);
  if (!existsSync(dbFile)) throw new BackupError(`no sfha database in ${paths.dataDir}: nothing to back up (see --data-dir)`);
  return withPrivateDir(async (dir) => {
    const copy = join(dir, DATABASE_PATH);
    const db = new BetterSqlite3(dbFile, { readonly: true, fileMustExist: true });
    try {
      await db.backup(copy);
    } finally {
      db.close();
    }
    const identity = identityOf(copy);
    const files: TarEntry[] = [{ path: DATABASE_PATH, mode: 0o600, data: readFileSync(copy) }];
    const meshDir = join(paths.dataDir, 'mesh');
    if (existsSync(meshDir)) {
      for (const name of readdirSync(meshDir)
        .filter((n) => /^[a-z]+\.key$/.test(n))
        .sort())
        files.push({ path: `${MESH_KEY_PREFIX}${name}`, mode: 0o600, data: readFileSync(join(meshDir, name)) });
    }
    const authkey = join(paths.corosyncDir, 'authkey');
    if (existsSync(authkey)) files.push({ path: COROSYNC_AUTHKEY_PATH, mode: 0o400, data: readFileSync(authkey) });
    const manifest: BackupManifest = { format: BACKUP_FORMAT, version: BACKUP_VERSION, ...identity, createdAt: new Date().toISOString(), sfhaVersion, files: describeFiles(files) };
    const archive = packTarGz([{ path: MANIFEST_PATH, mode: 0o600, data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) }, ...files]);
    return { archive, manifest };
  });
}

/** What a restore found in the archive and would replace. */
export interface RestorePlan {
  manifest: BackupManifest;
  files: TarEntry[];
  /** The cluster this node's current state belongs to, if any. */
  replaces: string | null;
}

/** Reads and checks a whole archive (format, digests, database integrity) without touching the node. */
export async function planRestore(archive: Buffer, paths: NodePaths): Promise<RestorePlan> {
  const unpacked = unpackTarGz(archive);
  if ('problem' in unpacked) throw new BackupError(unpacked.problem);
  const checked = checkBackup(unpacked.entries);
  if ('problem' in checked) throw new BackupError(checked.problem);
  const db = checked.files.find((f) => f.path === DATABASE_PATH);
  await withPrivateDir((dir) => {
    writePrivateFile(join(dir, DATABASE_PATH), db?.data ?? Buffer.alloc(0));
    const identity = checkedIdentity(join(dir, DATABASE_PATH));
    if (identity.clusterId !== checked.manifest.clusterId) throw new BackupError('damaged backup: the database does not belong to the cluster its manifest names');
  });
  const current = join(paths.dataDir, DATABASE_PATH);
  const replaces = existsSync(current) && statSync(current).size > 0 ? identityOf(current).cluster : null;
  return { ...checked, replaces };
}

/**
 * Puts the archive's files in place (the agent must be stopped): stale WAL files of the
 * database it replaces go first, each file is written 0600 (the authkey 0400) and renamed
 * in, and mesh keys the backup does not have are removed.
 */
export function applyRestore(plan: RestorePlan, paths: NodePaths): void {
  mkdirSync(paths.dataDir, { recursive: true, mode: 0o700 });
  const meshDir = join(paths.dataDir, 'mesh');
  mkdirSync(meshDir, { recursive: true, mode: 0o700 });
  for (const suffix of ['-wal', '-shm']) rmSync(join(paths.dataDir, `${DATABASE_PATH}${suffix}`), { force: true });
  for (const file of plan.files) {
    if (file.path === DATABASE_PATH) writePrivateFile(join(paths.dataDir, DATABASE_PATH), file.data);
    else if (file.path === COROSYNC_AUTHKEY_PATH) {
      mkdirSync(paths.corosyncDir, { recursive: true });
      writePrivateFile(join(paths.corosyncDir, 'authkey'), file.data, 0o400);
    } else writePrivateFile(join(paths.dataDir, file.path), file.data);
  }
  const kept = new Set(plan.files.filter((f) => f.path.startsWith(MESH_KEY_PREFIX)).map((f) => f.path.slice(MESH_KEY_PREFIX.length)));
  for (const name of readdirSync(meshDir)) if (name.endsWith('.key') && !kept.has(name)) rmSync(join(meshDir, name), { force: true });
}
