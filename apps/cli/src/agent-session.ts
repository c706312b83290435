import { createApiClient, unwrap, type ApiClient } from '@sfha/contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Messages } from './i18n';

/** A failure the CLI reports as one line, in the chosen language. */
export class CliError extends Error {}

interface LocalCredentialFile {
  url: string;
  credential: string;
}

function readCredential(dataDir: string, m: Messages): LocalCredentialFile {
  const file = join(dataDir, 'local-admin.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(code === 'EACCES' || code === 'EPERM' ? m.credentialDenied(file) : m.credentialMissing(file));
  }
  try {
    const parsed = JSON.parse(text) as Partial<LocalCredentialFile>;
    if (typeof parsed.url === 'string' && typeof parsed.credential === 'string') return { url: parsed.url, credential: parsed.credential };
  } catch {
    /* reported below */
  }
  throw new CliError(m.credentialBroken(file));
}

/** Turns fetch's "fetch failed" into the reason an admin can act on. */
function reachError(url: string, error: unknown, m: Messages): CliError {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return new CliError(m.unreachable(url, cause?.code ?? cause?.message ?? (error as Error).message));
}

/** Calls `fn` and maps a network failure to a clear message. */
export async function reaching<T>(url: string, m: Messages, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof TypeError) throw reachError(url, error, m);
    throw error;
  }
}

/**
 * Logs in as admin with the node's root-only local credential: no password to type.
 * Returns a client of the local agent carrying a short-lived JWT.
 */
export async function openLocalSession(options: { dataDir: string; url?: string }, m: Messages): Promise<{ client: ApiClient; url: string; token: string }> {
  const credential = readCredential(options.dataDir, m);
  const url = options.url ?? credential.url;
  const anonymous = createApiClient({ baseUrl: url });
  const token = await reaching(url, m, async () => unwrap(await anonymous.POST('/api/v1/auth/local', { body: { credential: credential.credential } })));
  return { client: createApiClient({ baseUrl: url, getToken: () => token.accessToken }), url, token: token.accessToken };
}
