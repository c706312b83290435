import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './lab-layout';

export interface LabRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `npm run lab -- ARGS…` the way an admin would (same entry point, no npm overhead). */
export function lab(...args: string[]): LabRun {
  const result = spawnSync(process.execPath, ['--import', join(REPO_ROOT, 'node_modules/tsx/dist/loader.mjs'), join(__dirname, 'lab-cli.ts'), ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, TSX_TSCONFIG_PATH: join(REPO_ROOT, 'e2e/tsconfig.json') },
    timeout: 120_000,
  });
  return { code: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

/** Like {@link lab}, but throws with the output when the verb fails. */
export function labOk(...args: string[]): string {
  const run = lab(...args);
  if (run.code !== 0 || run.stderr) throw new Error(`lab ${args.join(' ')} exited ${run.code}:\n${run.stdout}${run.stderr}`);
  return run.stdout;
}

/** Everything `sfha` printed during the run, for the secret-leak check. */
export const sfhaOutputs: string[] = [];

/** Runs `sfha ARGS…` inside a host as root (`lab exec NODE -- sfha …`). */
export function sfha(node: string, ...args: string[]): LabRun {
  const run = lab('exec', node, '--', 'sfha', '--lang=en', ...args);
  sfhaOutputs.push(run.stdout, run.stderr);
  return run;
}

/** `sfha --json ARGS…`, parsed; throws with the output when it fails. */
export function sfhaJson<T>(node: string, ...args: string[]): T {
  const run = sfha(node, '--json', ...args);
  if (run.code !== 0) throw new Error(`sfha ${args.join(' ')} on ${node} exited ${run.code}: ${run.stderr}${run.stdout}`);
  return JSON.parse(run.stdout) as T;
}
