import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { LAB_DIR, REPO_ROOT } from './lab-layout';

export interface VipCheckerReport {
  samples: number;
  violations: { at: string; vip: string; holders: string[] }[];
  /** host → how many samples it held one of the VIPs in (absent: never). */
  heldBy?: Record<string, number>;
}

/** Starts vip-checker.ts on the lab's hosts for these VIPs; `stop()` ends it and returns what it saw. */
export function startVipChecker(vips: readonly string[], hosts: number, name: string): { stop(): Promise<VipCheckerReport> } {
  const out = join(LAB_DIR, `vip-checker-${name}.json`);
  rmSync(out, { force: true });
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'vip-checker.ts'), vips.join(','), String(hosts), out], { cwd: REPO_ROOT, stdio: 'ignore' });
  return {
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      return JSON.parse(readFileSync(out, 'utf8')) as VipCheckerReport;
    },
  };
}
