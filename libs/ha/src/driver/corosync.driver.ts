import { ExecError, type Executor } from '@sfha/exec';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cmapChangedKey, parseQuorumStatus, type QuorumStatus } from '../quorum-status';

export interface CorosyncPaths {
  /** Directory of corosync.conf and authkey (Corosync reads /etc/corosync). */
  configDir: string;
  logFile: string;
}

export const DEFAULT_COROSYNC_PATHS: CorosyncPaths = { configDir: '/etc/corosync', logFile: '/var/log/corosync/corosync.log' };

/** Corosync's lifecycle and state. One real implementation: {@link createCorosyncDriver}. */
export interface CorosyncDriver {
  /** Writes corosync.conf (0644) and authkey (0400) when they differ; true when anything changed. */
  writeConfig(conf: string, authkey: Buffer): boolean;
  quorum(): Promise<QuorumStatus>;
  /** Starts Corosync (it daemonizes) and waits until it answers. */
  start(): Promise<void>;
  /** Makes a running Corosync re-read corosync.conf (nodelist changes). */
  reload(): Promise<void>;
  stop(): Promise<void>;
  /**
   * Follows changes of Corosync's runtime keys (membership, votequorum) with
   * `corosync-cmapctl -T runtime.`: `onChange` gets each changed key as it happens, `onEnd`
   * once when the watch ends (Corosync stopped, or {@link CorosyncWatch.stop}).
   */
  watch(onChange: (key: string) => void, onEnd: (reason: string) => void): CorosyncWatch;
}

export interface CorosyncWatch {
  stop(): void;
}

function writeIfChanged(file: string, content: Buffer, mode: number): boolean {
  if (existsSync(file) && readFileSync(file).equals(content)) return false;
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.sfha.tmp`;
  writeFileSync(temp, content, { mode });
  chmodSync(temp, mode);
  renameSync(temp, file);
  return true;
}

export function createCorosyncDriver(exec: Executor, paths: CorosyncPaths = DEFAULT_COROSYNC_PATHS): CorosyncDriver {
  const driver: CorosyncDriver = {
    writeConfig(conf, authkey) {
      const keyChanged = writeIfChanged(join(paths.configDir, 'authkey'), authkey, 0o400);
      const confChanged = writeIfChanged(join(paths.configDir, 'corosync.conf'), Buffer.from(conf), 0o644);
      return keyChanged || confChanged;
    },

    async quorum() {
      const result = await exec.run('corosync-quorumtool', ['-s'], { allowFailure: true, timeoutMs: 3_000 }).catch((error: unknown) => {
        if (error instanceof ExecError) return { stdout: '', exitCode: 1 };
        throw error;
      });
      return parseQuorumStatus(result.stdout, result.exitCode);
    },

    async start() {
      mkdirSync(dirname(paths.logFile), { recursive: true });
      await exec.run('corosync', [], { timeoutMs: 10_000 });
      const deadline = Date.now() + 10_000;
      while (!(await driver.quorum()).running) {
        if (Date.now() > deadline) throw new Error(`corosync started but does not answer: see ${paths.logFile}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },

    async reload() {
      await exec.run('corosync-cfgtool', ['-R'], { timeoutMs: 5_000 });
    },

    async stop() {
      if ((await driver.quorum()).running) await exec.run('corosync-cfgtool', ['-H', '--force'], { timeoutMs: 10_000, allowFailure: true });
    },

    watch(onChange, onEnd) {
      // stdbuf: cmapctl's stdout is a pipe here, which libc would buffer until exit.
      const child = spawn('stdbuf', ['-oL', 'corosync-cmapctl', '-T', 'runtime.'], { stdio: ['pipe', 'pipe', 'pipe'] });
      let rest = '';
      let stderr = '';
      let ended = false;
      const end = (reason: string) => {
        if (ended) return;
        ended = true;
        onEnd(reason);
      };
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        const lines = (rest + chunk).split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) {
          const key = cmapChangedKey(line);
          if (key) onChange(key);
        }
      });
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-500)));
      child.on('error', (error) => end(error.message));
      child.on('close', (code, signal) => end(stderr.trim() || `corosync-cmapctl ended (${signal ?? `exit ${code}`})`));
      return {
        stop() {
          end('stopped');
          child.kill('SIGTERM');
        },
      };
    },
  };
  return driver;
}
