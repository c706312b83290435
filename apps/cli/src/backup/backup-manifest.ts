import { createHash } from 'node:crypto';
import type { TarEntry } from './tar';

/** A node backup (docs/backup.md): a gzipped ustar archive whose first file is this manifest. */
export const BACKUP_FORMAT = 'sfha-node-backup';
export const BACKUP_VERSION = 1;
export const MANIFEST_PATH = 'manifest.json';
export const DATABASE_PATH = 'sfha.db';
export const MESH_KEY_PREFIX = 'mesh/';
export const COROSYNC_AUTHKEY_PATH = 'corosync/authkey';

export interface BackupFile {
  path: string;
  size: number;
  sha256: string;
  mode: number;
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  /** The node's name, cluster and mesh address, as its database holds them (null outside a cluster). */
  node: string | null;
  cluster: string | null;
  clusterId: string | null;
  meshIp: string | null;
  createdAt: string;
  sfhaVersion: string;
  files: BackupFile[];
}

export const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/** The file list of a manifest, from the entries that follow it. Pure. */
export function describeFiles(entries: readonly TarEntry[]): BackupFile[] {
  return entries.map((e) => ({ path: e.path, size: e.data.length, sha256: sha256(e.data), mode: e.mode }));
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
const ALLOWED = (path: string) => path === DATABASE_PATH || path === COROSYNC_AUTHKEY_PATH || /^mesh\/[a-z]+\.key$/.test(path);

/**
 * The manifest and files of an archive, once everything checks: the manifest first, of this
 * format and version, every file listed with its size and digest, nothing else, a database
 * and the node's mesh key present. Pure.
 */
export function checkBackup(entries: readonly TarEntry[]): { manifest: BackupManifest; files: TarEntry[] } | { problem: string } {
  const [first, ...files] = entries;
  if (first?.path !== MANIFEST_PATH) return { problem: `not an sfha node backup: ${MANIFEST_PATH} must come first` };
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(first.data.toString('utf8')) as BackupManifest;
  } catch {
    return { problem: `damaged backup: ${MANIFEST_PATH} is not JSON` };
  }
  if (manifest?.format !== BACKUP_FORMAT) return { problem: `not an sfha node backup: format ${JSON.stringify(manifest?.format ?? null)}` };
  if (manifest.version !== BACKUP_VERSION)
    return { problem: `backup version ${JSON.stringify((manifest as { version?: unknown }).version ?? null)} is not supported: this sfha reads version ${String(BACKUP_VERSION)}` };
  if (!Array.isArray(manifest.files)) return { problem: `damaged backup: ${MANIFEST_PATH} lists no files` };
  for (const file of files) {
    if (!ALLOWED(file.path)) return { problem: `unexpected file in the backup: ${file.path}` };
    const listed = manifest.files.find((f) => f.path === file.path);
    if (!listed) return { problem: `unexpected file in the backup: ${file.path} is not in the manifest` };
    if (listed.size !== file.data.length || listed.sha256 !== sha256(file.data)) return { problem: `damaged backup: ${file.path} does not match its digest` };
  }
  const missing = manifest.files.find((f) => !files.some((e) => e.path === f.path));
  if (missing) return { problem: `damaged backup: ${missing.path} is missing` };
  const db = files.find((f) => f.path === DATABASE_PATH);
  if (!db) return { problem: `damaged backup: no database (${DATABASE_PATH})` };
  if (!db.data.subarray(0, SQLITE_HEADER.length).equals(SQLITE_HEADER)) return { problem: `damaged backup: ${DATABASE_PATH} is not an SQLite database` };
  if (manifest.cluster !== null && !files.some((f) => f.path === `${MESH_KEY_PREFIX}current.key`)) return { problem: 'damaged backup: the mesh private key (mesh/current.key) is missing' };
  return { manifest, files };
}
