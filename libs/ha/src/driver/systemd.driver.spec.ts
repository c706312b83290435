import { createExecutor } from '@sfha/exec';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createHealthProbe } from './health-check.driver';
import { createResourceDriver } from './resource.driver';
import { createSystemdDriver, SystemdUnitError } from './systemd.driver';

// The real systemctl of this machine. Build and dev machines usually have no systemd as PID 1
// (systemd's own test: /run/systemd/system exists only when it is); a machine with one answers
// for a unit that does not exist. The lab spec (e2e/lab/systemd.lab-spec.ts) drives real units.
const exec = createExecutor();
const systemd = createSystemdDriver(exec);
const resources = createResourceDriver(exec);
const probe = createHealthProbe(exec);
const unit = 'sfha-test-no-such-unit.service';
const resource = { kind: 'systemd' as const, name: 'app', unit };
const check = { kind: 'systemd' as const, target: unit, intervalMs: 1000, timeoutMs: 1000, failuresBeforeUnhealthy: 1, successesBeforeHealthy: 1 };
const booted = existsSync('/run/systemd/system');

describe(`systemd driver, real systemctl (${booted ? 'systemd runs this machine' : 'no systemd on this machine'})`, () => {
  it('never reports a unit running that cannot run, and stopping it is a no-op', async () => {
    expect(await resources.unitRunning(resource)).toBe(false);
    await expect(resources.stopUnit(resource)).resolves.toBeUndefined();
  });

  it('refuses to start it with a message that says why, not a crash', async () => {
    const error = (await resources.startUnit(resource).catch((e: unknown) => e)) as SystemdUnitError;
    expect(error).toBeInstanceOf(SystemdUnitError);
    if (booted) expect([error.reason, error.message]).toEqual(['failed', `cannot start ${unit}: no such unit on this host (install its unit file first)`]);
    else {
      expect(error.reason).toBe('no-systemd');
      expect(error.message).toMatch(new RegExp(`^cannot start ${unit}: systemd is not running on this host \\(systemctl: .+\\); use a process resource instead$`));
    }
  });

  it('queries the unit, or says systemd is absent', async () => {
    if (booted) expect(await systemd.unitState(unit)).toMatchObject({ loadState: 'not-found', activeState: 'inactive' });
    else await expect(systemd.unitState(unit)).rejects.toMatchObject({ reason: 'no-systemd' });
  });

  it('the systemd health check fails with the reason', async () => {
    const result = await probe(check);
    expect(result.ok).toBe(false);
    if (booted) expect(result.detail).toBe(`${unit} not found`);
    else expect(result.detail).toContain(`cannot query ${unit}: systemd is not running on this host`);
  });

  it('the systemd health check gives up after its own timeout when systemctl hangs', async () => {
    // A real process that never answers in place of systemctl.
    const hung = createHealthProbe({ run: (_file, _args, options) => exec.run('sleep', ['5'], options) });
    const at = Date.now();
    expect(await hung({ ...check, timeoutMs: 300 })).toEqual({ ok: false, detail: `cannot query ${unit}: systemctl did not answer in 0.3 s` });
    expect(Date.now() - at).toBeLessThan(2_000);
  });

  it('says so when systemctl is not installed', async () => {
    const bare = createSystemdDriver({ run: (file, args, options) => exec.run(`/nonexistent/${file}`, args, options) });
    await expect(bare.start(unit)).rejects.toMatchObject({ reason: 'no-systemd', message: `cannot start ${unit}: systemctl is not installed on this host; use a process resource instead` });
  });
});
