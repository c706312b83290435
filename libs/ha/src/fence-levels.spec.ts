import { describe, expect, it } from 'vitest';
import type { FenceDevice } from './cluster-config';
import { fenceLevelProblems, fenceSteps, nextFenceStep, unfenceableReason, watchdogFence } from './fence-levels';

const device = (name: string, nodes: string[]): FenceDevice => ({ name, kind: 'agent', agent: 'fence_x', params: {}, timeoutSeconds: 5, hostMap: Object.fromEntries(nodes.map((n) => [n, n])) });
const devices = [device('pdu', ['node1', 'node2']), device('ipmi', ['node1']), device('other', ['node3'])];
const armed = { armed: true, timeoutMs: 5_000, device: '/dev/watchdog' };

describe('fence levels', () => {
  it('without levels: every device that names the node, by name, then the watchdog', () => {
    expect(fenceSteps('node1', devices, {}, armed)).toEqual([
      { kind: 'device', device: 'ipmi' },
      { kind: 'device', device: 'pdu' },
      { kind: 'watchdog', timeoutMs: 5_000 },
    ]);
  });

  it("with levels: the admin's order, the watchdog always last", () => {
    expect(fenceSteps('node1', devices, { node1: ['pdu', 'ipmi'] }, armed)).toEqual([
      { kind: 'device', device: 'pdu' },
      { kind: 'device', device: 'ipmi' },
      { kind: 'watchdog', timeoutMs: 5_000 },
    ]);
  });

  it('a device removed since the levels were set is skipped; an unarmed watchdog is no step', () => {
    expect(
      fenceSteps(
        'node1',
        devices.filter((d) => d.name !== 'pdu'),
        { node1: ['pdu', 'ipmi'] },
        { ...armed, armed: false },
      ),
    ).toEqual([{ kind: 'device', device: 'ipmi' }]);
    expect(fenceSteps('node2', [], {}, undefined)).toEqual([]);
  });

  it('refuses levels naming an unknown device, a device that cannot fence the node, or one twice', () => {
    expect(fenceLevelProblems('node1', ['pdu', 'ipmi'], devices, ['node1', 'node2'])).toEqual([]);
    expect(fenceLevelProblems('node2', ['nope', 'ipmi', 'pdu', 'pdu'], devices, ['node1', 'node2'])).toEqual([
      'no fence device named nope (devices: pdu, ipmi, other)',
      'fence device ipmi cannot fence node2 (its host map does not name it)',
      'pdu is listed twice',
    ]);
    expect(fenceLevelProblems('node9', [], devices, ['node1'])).toEqual(['no member named node9 (members: node1)']);
    expect(fenceLevelProblems('node1', 'pdu', devices, ['node1'])).toEqual(['levels must be a list of fence device names']);
  });
});

describe('watchdog fence (sbd rule: 2 × timeout since it left)', () => {
  it('counts an owner with an armed watchdog as fenced only after twice its timeout', () => {
    expect(watchdogFence({ leftAt: 1_000, now: 10_999, advert: armed })).toEqual({ state: 'waiting', remainingMs: 1 });
    expect(watchdogFence({ leftAt: 1_000, now: 11_000, advert: armed })).toEqual({ state: 'fenced', waitedMs: 10_000 });
  });

  it('never without an advertised armed watchdog', () => {
    expect(watchdogFence({ leftAt: 0, now: 1e9, advert: undefined })).toMatchObject({ state: 'unavailable' });
    expect(watchdogFence({ leftAt: 0, now: 1e9, advert: { ...armed, armed: false } })).toMatchObject({ state: 'unavailable' });
  });
});

describe('walking the levels', () => {
  const steps = fenceSteps('node1', devices, { node1: ['pdu', 'ipmi'] }, armed);
  const at = (failed: string[], now: number) => nextFenceStep({ node: 'node1', steps, failed, leftAt: 0, now });

  it('devices first, in order; a failing first device falls through to the next', () => {
    expect(at([], 0)).toEqual({ kind: 'try-device', device: 'pdu' });
    expect(at(['pdu'], 0)).toEqual({ kind: 'try-device', device: 'ipmi' });
  });

  it('the watchdog last, after its wait', () => {
    expect(at(['pdu', 'ipmi'], 4_000)).toEqual({ kind: 'wait-watchdog', remainingMs: 6_000 });
    expect(at(['pdu', 'ipmi'], 10_500)).toEqual({ kind: 'fenced-by-watchdog', waitedMs: 10_500 });
  });

  it('stuck without any way to fence, and says why', () => {
    expect(nextFenceStep({ node: 'node2', steps: [], failed: [], leftAt: 0, now: 1e9 })).toEqual({ kind: 'stuck', why: unfenceableReason('node2', []) });
    expect(nextFenceStep({ node: 'node1', steps: [{ kind: 'device', device: 'ipmi' }], failed: ['ipmi'], leftAt: 0, now: 1e9 })).toEqual({
      kind: 'stuck',
      why: 'every fence device of node1 failed (ipmi) and it has no armed watchdog',
    });
  });
});
