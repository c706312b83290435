import type { ConfigChange, WatchdogAdvert } from '@sfha/ha';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AgentConfig } from '../config/agent-config';
import type { ClusterConfigService } from '../ha/cluster-config.service';
import type { ClusterMembership } from '../ha/cluster-membership.service';
import type { JsonLogger } from '../logging/json-logger';
import type { MeshFacade } from '../mesh/mesh.facade';
import type { ResourceEngine } from '../resources/resource-engine.service';
import type { WatchdogDeviceDriver } from './watchdog-device';
import { WatchdogService } from './watchdog.service';

/** In-memory fakes of what the service reads: the device, quorum, the engine, the replicated config. */
function setup(options: { device?: string | null; openFails?: boolean } = {}) {
  const written: string[] = [];
  const state = { quorate: false, runsNothing: true, progressAt: Date.now(), watchdogs: {} as Record<string, WatchdogAdvert>, closed: false, proposals: [] as ConfigChange[], logs: [] as string[] };
  const driver: WatchdogDeviceDriver = {
    facts: () => ({ exists: true, kind: 'fifo', writable: true }),
    deviceTimeoutMs: () => null,
    open: () => {
      if (options.openFails) throw new Error('ENXIO: no such device or address');
      return {
        write: (bytes) => (written.push(bytes), true),
        magicClose: () => {
          written.push('V');
          state.closed = true;
        },
      };
    },
  };
  const configs = {
    current: () => ({ generation: 1, config: { settings: { watchdogTimeoutMs: 5_000 }, watchdogs: state.watchdogs, fenceDevices: [] } }),
    knowsCluster: () => state.quorate,
    propose: (change: ConfigChange) => {
      state.proposals.push(change);
      if (change.kind === 'watchdog') state.watchdogs = { ...state.watchdogs, [change.node]: change.advert };
      return Promise.resolve({ generation: 2, config: {} });
    },
  } as unknown as ClusterConfigService;
  const membership = { view: () => ({ quorate: state.quorate }), viewReadAt: () => Date.now() } as unknown as ClusterMembership;
  const engine = { lastProgressAt: () => state.progressAt, runsNothing: () => state.runsNothing } as unknown as ResourceEngine;
  const mesh = { stateOrNull: () => ({ self: { nodeName: 'node1' }, members: [{ name: 'node1' }] }) } as unknown as MeshFacade;
  const logger = { event: (_level: string, _context: string, msg: string) => state.logs.push(msg) } as unknown as JsonLogger;
  const config = { watchdogDevice: options.device === undefined ? '/run/wd' : options.device } as AgentConfig;
  const service = new WatchdogService(config, driver, configs, membership, engine, mesh, logger);
  service.onApplicationBootstrap();
  return { service, state, written };
}

describe('WatchdogService', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('never arms before this node has been quorate; then arms, tells the timeout, pets, and advertises armed after arming', async () => {
    const { service, state, written } = setup();
    await vi.advanceTimersByTimeAsync(3_000);
    expect(written).toEqual([]);
    expect(service.status()).toMatchObject({ armed: false, why: 'not yet in a quorate cluster' });
    state.quorate = true;
    state.progressAt = Date.now();
    await vi.advanceTimersByTimeAsync(3_000);
    expect(written[0]).toBe('sfha-watchdog timeout=5\n');
    expect(written.filter((w) => w === '.').length).toBeGreaterThanOrEqual(2);
    expect(state.proposals).toEqual([{ kind: 'watchdog', node: 'node1', advert: { armed: true, timeoutMs: 5_000, device: '/run/wd' } }]);
    expect(service.status()).toMatchObject({ armed: true, petting: true, why: 'quorate', timeoutMs: 5_000 });
  });

  it('stops petting without quorum while something runs here, and pets again once nothing does', async () => {
    const { service, state, written } = setup();
    state.quorate = true;
    await vi.advanceTimersByTimeAsync(1_000);
    state.quorate = false;
    state.runsNothing = false;
    const before = written.length;
    await vi.advanceTimersByTimeAsync(3_000);
    state.progressAt = Date.now();
    expect(written.length).toBe(before);
    expect(service.status()).toMatchObject({ petting: false, why: 'no quorum and resources still run here' });
    state.runsNothing = true;
    await vi.advanceTimersByTimeAsync(1_500);
    expect(written.length).toBeGreaterThan(before);
    expect(service.status()).toMatchObject({ petting: true, why: 'no quorum, but nothing runs here' });
  });

  it('a clean stop withdraws the advert, then closes with V; with something still running it stays armed', async () => {
    const clean = setup();
    clean.state.quorate = true;
    await vi.advanceTimersByTimeAsync(1_000);
    await clean.service.onApplicationShutdown();
    expect(clean.state.proposals.at(-1)).toEqual({ kind: 'watchdog', node: 'node1', advert: { armed: false, timeoutMs: 5_000, device: '/run/wd' } });
    expect(clean.written.at(-1)).toBe('V');
    expect(clean.state.closed).toBe(true);

    const busy = setup();
    busy.state.quorate = true;
    await vi.advanceTimersByTimeAsync(1_000);
    busy.state.runsNothing = false;
    await busy.service.onApplicationShutdown();
    expect(busy.written).not.toContain('V');
    expect(busy.state.logs.at(-1)).toMatch(/stays armed/);
  });

  it('a device that cannot be opened is said once, and never advertised armed', async () => {
    const { service, state } = setup({ openFails: true });
    state.quorate = true;
    await vi.advanceTimersByTimeAsync(3_000);
    expect(service.status()).toMatchObject({ armed: false, problem: 'cannot open /run/wd: ENXIO: no such device or address' });
    expect(state.proposals).toEqual([]);
    expect(state.logs.filter((l) => l.startsWith('watchdog not armed')).length).toBe(1);
  });

  it('test: refused without force; with force, petting stops', async () => {
    const { service, state, written } = setup();
    expect(() => service.test(true)).toThrow(/not armed/);
    state.quorate = true;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(() => service.test(false)).toThrow(/resets within 5 s/);
    expect(service.test(true)).toEqual({ resetsWithinMs: 5_000 });
    const before = written.length;
    await vi.advanceTimersByTimeAsync(3_000);
    expect(written.length).toBe(before);
    expect(service.status()).toMatchObject({ petting: false, testing: true });
  });
});
