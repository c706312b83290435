import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CliError } from '../agent-session';
import { command, printJson } from '../command-context';
import { BACKUP_MESSAGES } from './backup-messages';
import { writePrivateFile } from './private-file';

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code ?? (error as Error).message;

/** `sfha config export [--file F] [--with-secrets]`: the replicated config as one JSON document. */
export const configExport = command('config export', async ({ args, out, options, api }) => {
  const b = BACKUP_MESSAGES[args.lang];
  const withSecrets = options.flags.has('with-secrets');
  const document = await api((c) => c.GET('/api/v1/cluster/config/export', { params: { query: { withSecrets } } }));
  const text = `${JSON.stringify(document, null, 2)}\n`;
  const file = options.values.get('file');
  if (!file) return out(text.trimEnd());
  try {
    writePrivateFile(resolve(file), text);
  } catch (error) {
    throw new CliError(b.unwritable(file, errorCode(error)));
  }
  out(b.exported(file, document.generation, withSecrets));
});

/** `sfha config import FILE [--dry-run]`: checked whole by the agent, shown, committed as one change. */
export const configImport = command('config import', async ({ args, out, options, json, usage, api }) => {
  const b = BACKUP_MESSAGES[args.lang];
  const [file, ...extra] = options.positional;
  if (!file || extra.length > 0) throw usage();
  let document: string;
  try {
    document = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(b.unreadable(file, errorCode(error)));
  }
  const dryRun = options.flags.has('dry-run');
  const result = await api((c) => c.POST('/api/v1/cluster/config/import', { body: { document, dryRun } }));
  if (json) return printJson(out, result);
  for (const line of result.changes) out(line);
  out(result.changes.length === 0 ? b.noChange : dryRun ? b.dryRun(result.changes.length) : b.imported(result.changes.length, result.generation));
});
