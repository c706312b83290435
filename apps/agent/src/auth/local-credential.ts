import { randomBytes } from 'node:crypto';
import { chmodSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const LOCAL_CREDENTIAL_FILE = 'local-admin.json';

/** What the CLI reads to act as admin without a password: only root can read the file. */
export interface LocalCredentialFile {
  /** Where the local agent listens, as seen from this machine. */
  url: string;
  /** Exchanged for a short-lived JWT at POST /api/v1/auth/local, from loopback only. */
  credential: string;
}

export function newLocalCredential(): string {
  return randomBytes(32).toString('base64url');
}

/** Writes the file mode 0600 through a rename, so a reader never sees it half-written. */
export function writeLocalCredentialFile(dataDir: string, content: LocalCredentialFile): string {
  const file = join(dataDir, LOCAL_CREDENTIAL_FILE);
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, file);
  return file;
}

/** The address a local client uses to reach a listener bound to `host`. */
export function localUrlFor(host: string, port: number): string {
  if (host === '0.0.0.0') return `http://127.0.0.1:${port}`;
  if (host === '::') return `http://[::1]:${port}`;
  return host.includes(':') ? `http://[${host}]:${port}` : `http://${host}:${port}`;
}
