import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './lab-layout';

export interface VipCheckerReport {
  samples: number;
  violations: { at: string; vip: string; holders: string[] }[];
}

/**
 * Starts vip-checker.ts on the lab's hosts for the given VIPs (every 50 ms, for the whole spec);
 * the returned function stops it and gives its report.
 */
export function startVipChecker(vips: readonly string[], hosts: number, out: string): () => Promise<VipCheckerReport> {
  rmSync(out, { force: true });
  const checker = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'vip-checker.ts'), vips.join(','), String(hosts), out], { cwd: REPO_ROOT, stdio: 'ignore' });
  return async () => {
    if (checker.exitCode === null) {
      const exited = new Promise((resolve) => checker.once('exit', resolve));
      checker.kill('SIGTERM');
      await exited;
    }
    return JSON.parse(readFileSync(out, 'utf8')) as VipCheckerReport;
  };
}
