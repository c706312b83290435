import { describe, expect, it } from 'vitest';
import { healthCheckProblems } from './health';
import { groupProblems, type ResourceGroup } from './resources';
import { enabledUnitProblem, parseUnitState, systemctlArgs, systemctlFailure, unitHealth, unitNameProblem, unitRunning } from './systemd-unit';

// What systemd 252's `systemctl show --property=LoadState,ActiveState,SubState,Result,UnitFileState,Job` printed in the lab (its own order; Job only while one exists).
const ACTIVE = 'Result=success\nLoadState=loaded\nActiveState=active\nSubState=running\nUnitFileState=static\n';
const KILLED = 'Result=signal\nLoadState=loaded\nActiveState=failed\nSubState=failed\n';
const MISSING = 'Result=success\nLoadState=not-found\nActiveState=inactive\nSubState=dead\n';
const RESTARTING = 'Result=exit-code\nLoadState=loaded\nActiveState=activating\nSubState=auto-restart\n';

describe('unit names', () => {
  it('accepts unit names systemctl can start', () => {
    for (const unit of ['nginx.service', 'app@blue.service', 'postgresql@15-main.service', 'web.socket', 'srv-data.mount', 'my_app.target', 'a:b\\x2dc.service'])
      expect(unitNameProblem(unit)).toBeNull();
  });

  it('refuses what is not one, saying why', () => {
    expect(unitNameProblem('')).toBe('unit must be a systemd unit name, e.g. nginx.service');
    expect(unitNameProblem(42)).toBe('unit must be a systemd unit name, e.g. nginx.service');
    expect(unitNameProblem('nginx')).toContain('unit nginx is not a unit name');
    expect(unitNameProblem('--now.service')).toContain('is not a unit name');
    expect(unitNameProblem('web server.service')).toContain('is not a unit name');
    expect(unitNameProblem('x.device')).toContain('.service, .socket');
    expect(unitNameProblem('a;reboot.service')).toContain('is not a unit name');
    expect(unitNameProblem('app@.service')).toBe('unit app@.service is a template: name an instance, e.g. app@main.service');
    expect(unitNameProblem(`${'a'.repeat(250)}.service`)).toBe('unit must be at most 255 characters');
  });
});

describe('systemctl command lines', () => {
  it('queries, starts and stops one unit, never taking it for an option', () => {
    expect(systemctlArgs.state('web.service')).toEqual(['show', '--property=LoadState,ActiveState,SubState,Result,UnitFileState,Job', '--', 'web.service']);
  });

  it('queues starts and stops without waiting for them (a unit may take minutes)', () => {
    expect(systemctlArgs.start('web.service')).toEqual(['start', '--no-block', '--', 'web.service']);
    expect(systemctlArgs.restart('web.service')).toEqual(['restart', '--no-block', '--', 'web.service']);
    expect(systemctlArgs.stop('web.service')).toEqual(['stop', '--no-block', '--', 'web.service']);
  });
});

describe('unit state', () => {
  it('reads systemctl show in any order', () => {
    expect(parseUnitState(ACTIVE)).toEqual({ loadState: 'loaded', activeState: 'active', subState: 'running', result: 'success', unitFileState: 'static', jobPending: false });
    expect(parseUnitState('')).toEqual({ loadState: '', activeState: '', subState: '', result: '', unitFileState: '', jobPending: false });
  });

  it('counts a unit with a job queued (a start systemd has not begun yet) as running', () => {
    expect(unitRunning(parseUnitState('LoadState=loaded\nActiveState=inactive\nSubState=dead\nJob=1234'))).toBe(true);
    expect(parseUnitState('Job=0').jobPending).toBe(false);
  });

  it('refuses to start a unit systemd also starts at boot, saying how to disable it', () => {
    const state = (unitFileState: string) => parseUnitState(`${ACTIVE}\nUnitFileState=${unitFileState}`);
    expect(enabledUnitProblem('web.service', state('enabled'))).toBe(
      'web.service is enabled in systemd on this host, so it would also start at boot: disable it (systemctl disable web.service); sfha must be the only one starting it',
    );
    expect(enabledUnitProblem('web.service', state('enabled-runtime'))).toContain('(systemctl disable --runtime web.service)');
    for (const ok of ['disabled', 'static', 'indirect', '']) expect(enabledUnitProblem('web.service', state(ok))).toBeNull();
  });

  it('counts a unit systemd is (re)starting as running, a failed or stopped one as not', () => {
    expect(unitRunning(parseUnitState(ACTIVE))).toBe(true);
    expect(unitRunning(parseUnitState(RESTARTING))).toBe(true);
    expect(unitRunning(parseUnitState(KILLED))).toBe(false);
    expect(unitRunning(parseUnitState(MISSING))).toBe(false);
  });

  it('is healthy only when active, and says what systemd says otherwise', () => {
    expect(unitHealth('web.service', parseUnitState(ACTIVE))).toEqual({ ok: true, detail: 'active (running)' });
    expect(unitHealth('web.service', parseUnitState(KILLED))).toEqual({ ok: false, detail: 'failed (signal)' });
    expect(unitHealth('web.service', parseUnitState(RESTARTING))).toEqual({ ok: false, detail: 'activating (auto-restart)' });
    expect(unitHealth('web.service', parseUnitState(MISSING))).toEqual({ ok: false, detail: 'web.service not found' });
  });
});

describe('systemctl failures', () => {
  it('says when systemd is not running on the host (systemctl 252 without systemd as PID 1)', () => {
    const stderr = "System has not been booted with systemd as init system (PID 1). Can't operate.\nFailed to connect to bus: Host is down\n";
    expect(systemctlFailure('start', 'web.service', 1, stderr)).toEqual({
      reason: 'no-systemd',
      message:
        "cannot start web.service: systemd is not running on this host (systemctl: System has not been booted with systemd as init system (PID 1). Can't operate.); use a process resource instead",
    });
  });

  it('tells an unreachable systemd apart from an absent one', () => {
    expect(systemctlFailure('query', 'web.service', 1, 'Failed to connect to bus: Connection refused\n')).toEqual({
      reason: 'failed',
      message: 'cannot query web.service: systemctl could not reach systemd (Failed to connect to bus: Connection refused)',
    });
  });

  it('says when the unit does not exist, else repeats systemd', () => {
    expect(systemctlFailure('start', 'web.service', 5, 'Failed to start web.service: Unit web.service not found.\n').message).toBe(
      'cannot start web.service: no such unit on this host (install its unit file first)',
    );
    expect(
      systemctlFailure('start', 'web.service', 1, 'Job for web.service failed because the control process exited with error code.\nSee "journalctl -xeu web.service" for details.\n').message,
    ).toBe('cannot start web.service: systemctl exited 1: Job for web.service failed because the control process exited with error code.');
  });
});

describe('a systemd resource in a group', () => {
  const group = (name: string, ...units: string[]): ResourceGroup => ({ name, preferredNode: null, sticky: true, resources: units.map((unit, i) => ({ kind: 'systemd', name: `${name}${i}`, unit })) });

  it('is valid with a unit name, and its unit belongs to one group only', () => {
    expect(groupProblems(group('web', 'nginx.service'), [], ['node1'])).toEqual([]);
    expect(groupProblems(group('web', 'nginx'), [], ['node1'])).toEqual([expect.stringMatching(/^resources\[0\]: unit nginx is not a unit name/)]);
    expect(groupProblems(group('web', 'nginx.service'), [group('other', 'nginx.service')], ['node1'])).toEqual(['resources[0]: unit nginx.service is already managed by group other']);
    expect(groupProblems(group('web', 'nginx.service', 'nginx.service'), [], ['node1'])).toEqual(['resources[0]: unit nginx.service appears twice', 'resources[1]: unit nginx.service appears twice']);
  });

  it('takes a systemd health check naming a unit', () => {
    const check = { kind: 'systemd' as const, target: 'nginx.service', intervalMs: 1000, timeoutMs: 500, failuresBeforeUnhealthy: 1, successesBeforeHealthy: 1 };
    expect(healthCheckProblems(check)).toEqual([]);
    expect(healthCheckProblems({ ...check, target: ['nginx.service'] })).toEqual(['health.target: unit must be a systemd unit name, e.g. nginx.service']);
    const withHealth: ResourceGroup = { ...group('web'), resources: [{ kind: 'systemd', name: 'app', unit: 'nginx.service', health: { ...check, target: 'x' } }] };
    expect(groupProblems(withHealth, [], [])).toEqual([expect.stringMatching(/^resources\[0\]: health.target: unit x is not a unit name/)]);
  });
});
