import { describe, expect, it } from 'vitest';
import { localAction, runLocalGroup, type LocalGroup, type LocalOps } from './local-plan';
import type { Resource, ResourceGroup } from './resources';

const vip: Resource = { kind: 'vip', name: 'ip', address: '192.0.2.100/24', interface: 'eth0' };
const app: Resource = { kind: 'process', name: 'app', command: ['app'] };
const web: Resource = {
  kind: 'process',
  name: 'web',
  command: ['web'],
  health: { kind: 'tcp', target: '127.0.0.1:80', intervalMs: 1000, timeoutMs: 500, failuresBeforeUnhealthy: 1, successesBeforeHealthy: 1 },
};
const group: ResourceGroup = { name: 'g', resources: [vip, app, web], preferredNode: null, sticky: true };
const local = (over: Partial<LocalGroup> = {}): LocalGroup => ({ group, mine: true, waiting: false, leaving: false, started: new Set(), ...over });

/** A host whose resources run as in `running`; `broken` steps throw (and change nothing). */
function fakeHost(running: Record<string, boolean | 'probe fails'>, broken: string[] = []) {
  const done: string[] = [];
  const errors: string[] = [];
  const ops: LocalOps = {
    observe: (r) => {
      const state = running[r.name] ?? false;
      return state === 'probe fails' ? Promise.reject(new Error('Device "eth0" does not exist.')) : Promise.resolve(state);
    },
    act: (action, r) => {
      if (broken.includes(`${action} ${r.name}`)) return Promise.reject(new Error(`${action} timed out`));
      done.push(`${action} ${r.name}`);
      if (running[r.name] !== 'probe fails' && action !== 'check-health') running[r.name] = action !== 'stop';
      return Promise.resolve();
    },
    onError: (r, step, error) => errors.push(`${step} ${r.name}: ${error.message}`),
  };
  return { ops, done, errors };
}

describe('what a node does with its resources and what it reports', () => {
  it('a waiting group reports what already runs, starts nothing and stops nothing', async () => {
    const host = fakeHost({ ip: true, web: true });
    expect(await runLocalGroup(local({ waiting: true, started: new Set(['web']) }), host.ops)).toEqual({ ip: true, app: false, web: true });
    expect(host.done).toEqual(['check-health web']);
  });

  it('starts in order and reports what runs afterwards: a start that failed is not up', async () => {
    const host = fakeHost({}, ['start app']);
    expect(await runLocalGroup(local(), host.ops)).toEqual({ ip: true, app: false, web: true });
    expect(host.done).toEqual(['start ip', 'start web']);
    expect(host.errors).toEqual(['start app: start timed out']);
  });

  it('a start that returned but left nothing running is reported as not running', async () => {
    const host = fakeHost({});
    host.ops.act = () => Promise.resolve();
    expect(await runLocalGroup(local(), host.ops)).toEqual({ ip: false, app: false, web: false });
  });

  it('stops another node’s group in reverse, past a stop that failed, which still counts as running', async () => {
    const host = fakeHost({ ip: true, app: true, web: true }, ['stop app']);
    expect(await runLocalGroup(local({ mine: false }), host.ops)).toEqual({ ip: false, app: true, web: false });
    expect(host.done).toEqual(['stop web', 'stop ip']);
    expect(host.errors).toEqual(['stop app: stop timed out']);
  });

  it('a driver that throws at once instead of rejecting stops only its own resource', async () => {
    const host = fakeHost({ ip: true, app: true, web: true });
    const act = host.ops.act;
    host.ops.act = (action, r) => {
      if (r.name === 'web') throw new Error('bus error');
      return act(action, r);
    };
    expect(await runLocalGroup(local({ mine: false }), host.ops)).toEqual({ ip: false, app: false, web: true });
    expect(host.errors).toEqual(['stop web: bus error']);
  });

  it('a resource whose state cannot be known is stopped when not ours, never started twice when ours, and counts as running', async () => {
    const away = fakeHost({ ip: 'probe fails', app: true });
    expect(await runLocalGroup(local({ mine: false }), away.ops)).toEqual({ ip: true, app: false, web: false });
    expect(away.done).toEqual(['stop app', 'stop ip']);
    expect(away.errors).toEqual(['observe ip: Device "eth0" does not exist.', 'observe ip: Device "eth0" does not exist.']);
    const here = fakeHost({ ip: 'probe fails' });
    expect(await runLocalGroup(local(), here.ops)).toEqual({ ip: true, app: true, web: true });
    expect(here.done).toEqual(['start app', 'start web']);
  });

  it('a resource this node started that stopped running is a failure; a leaving group is left alone', async () => {
    expect(localAction(local({ started: new Set(['app']) }), app, false)).toBe('failed');
    expect(localAction(local({ started: new Set(['app']), waiting: true }), app, false)).toBe('none');
    const host = fakeHost({ ip: true });
    expect(await runLocalGroup(local({ leaving: true, started: new Set(['ip', 'app', 'web']) }), host.ops)).toEqual({ ip: true, app: false, web: false });
    expect(host.done).toEqual([]);
  });
});
