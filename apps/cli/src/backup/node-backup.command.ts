import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CliError } from '../agent-session';
import type { CliArgs } from '../args';
import { command } from '../command-context';
import { CLI_VERSION } from '../version';
import { BACKUP_MESSAGES } from './backup-messages';
import { applyRestore, BackupError, createBackup, planRestore, type NodePaths } from './node-backup';
import { writePrivateFile } from './private-file';

const COROSYNC_DIR = '/etc/corosync';
const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code ?? (error as Error).message;

function paths(args: CliArgs, corosyncDir: string | undefined): NodePaths {
  return { dataDir: args.dataDir, corosyncDir: corosyncDir ?? COROSYNC_DIR };
}

/** `sfha backup [--file F]`: this node's state, read from its data directory (root, on the node itself). */
export const backupCommand = command('backup', async ({ args, out, options: o, json, usage }) => {
  const b = BACKUP_MESSAGES[args.lang];
  if (o.positional.length > 0) throw usage();
  let result: Awaited<ReturnType<typeof createBackup>>;
  try {
    result = await createBackup(paths(args, o.values.get('corosync-dir')), CLI_VERSION);
  } catch (error) {
    throw new CliError(error instanceof BackupError ? error.message : b.unreadable(args.dataDir, errorCode(error)));
  }
  const stamp = result.manifest.createdAt.replace(/[:.]/g, '-');
  const file = resolve(o.values.get('file') ?? `sfha-backup-${result.manifest.node ?? 'node'}-${stamp}.tar.gz`);
  try {
    writePrivateFile(file, result.archive);
  } catch (error) {
    throw new CliError(b.unwritable(file, errorCode(error)));
  }
  if (json) return out(JSON.stringify({ file, size: result.archive.length, manifest: result.manifest }, null, 2));
  out(b.backedUp(file, result.manifest.node ?? b.outsideCluster, result.archive.length));
});

/** The local agent's address if one answers there: a restore must not run under it. */
async function runningAgent(args: CliArgs): Promise<string | null> {
  let url = args.url;
  if (!url) {
    try {
      url = (JSON.parse(readFileSync(join(args.dataDir, 'local-admin.json'), 'utf8')) as { url?: string }).url;
    } catch {
      return null;
    }
  }
  if (!url) return null;
  try {
    const res = await fetch(`${url}/api/v1/health`, { signal: AbortSignal.timeout(1_500) });
    return res.status < 500 ? url : null;
  } catch {
    return null;
  }
}

/** `sfha restore FILE [--force]`: a backup back in place on a (reinstalled) node whose agent is stopped. */
export const restoreCommand = command('restore', async ({ args, out, options: o, json, usage }) => {
  const b = BACKUP_MESSAGES[args.lang];
  const [file, ...extra] = o.positional;
  if (!file || extra.length > 0) throw usage();
  let archive: Buffer;
  try {
    archive = readFileSync(file);
  } catch (error) {
    throw new CliError(b.unreadable(file, errorCode(error)));
  }
  const where = paths(args, o.values.get('corosync-dir'));
  let plan: Awaited<ReturnType<typeof planRestore>>;
  try {
    plan = await planRestore(archive, where);
  } catch (error) {
    throw new CliError(b.badArchive(error instanceof BackupError ? error.message : (error as Error).message));
  }
  const running = await runningAgent(args);
  if (running) throw new CliError(b.agentRunning(running));
  if (plan.replaces && !o.flags.has('force')) throw new CliError(b.replaces(plan.replaces));
  applyRestore(plan, where);
  const { manifest } = plan;
  if (json) return out(JSON.stringify({ restored: true, manifest }, null, 2));
  out(b.restored(manifest.node ?? '?', manifest.cluster ?? b.outsideCluster, manifest.meshIp ?? '?', manifest.createdAt));
});
