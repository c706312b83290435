import type { Executor } from '@sfha/exec';
import { connect } from 'node:net';
import type { HealthCheck } from '../health';
import { unitHealth } from '../systemd-unit';
import { createSystemdDriver } from './systemd.driver';

/** Runs one probe; resolves with whether it passed and, if not, why. */
export type HealthProbe = (check: HealthCheck) => Promise<{ ok: boolean; detail: string }>;

export function createHealthProbe(exec: Executor): HealthProbe {
  const systemd = createSystemdDriver(exec);
  return async (check) => {
    if (check.kind === 'systemd') {
      const unit = String(check.target);
      return systemd.unitState(unit, check.timeoutMs).then(
        (state) => unitHealth(unit, state),
        (error: Error) => ({ ok: false, detail: error.message }),
      );
    }
    if (check.kind === 'http') {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), check.timeoutMs);
      try {
        const res = await fetch(String(check.target), { signal: controller.signal });
        await res.arrayBuffer();
        return { ok: res.status < 400, detail: `HTTP ${res.status}` };
      } catch (error) {
        return { ok: false, detail: controller.signal.aborted ? `no answer in ${check.timeoutMs} ms` : (error as Error).message };
      } finally {
        clearTimeout(timer);
      }
    }
    if (check.kind === 'tcp') {
      const [host = '', port = '0'] = String(check.target).split(/:(?=\d+$)/);
      return new Promise((resolve) => {
        const socket = connect({ host, port: Number(port), timeout: check.timeoutMs });
        const done = (ok: boolean, detail: string) => {
          socket.destroy();
          resolve({ ok, detail });
        };
        socket.once('connect', () => done(true, 'connected'));
        socket.once('timeout', () => done(false, `no answer in ${check.timeoutMs} ms`));
        socket.once('error', (e) => done(false, e.message));
      });
    }
    const [file = '', ...args] = Array.isArray(check.target) ? check.target : [check.target];
    const result = await exec.run(file, args, { timeoutMs: check.timeoutMs, allowFailure: true }).catch((e: Error) => ({ exitCode: -1, stdout: '', stderr: e.message }));
    return { ok: result.exitCode === 0, detail: result.exitCode === 0 ? 'exit 0' : `exit ${result.exitCode}: ${result.stderr.trim().split('\n').pop() ?? ''}` };
  };
}
