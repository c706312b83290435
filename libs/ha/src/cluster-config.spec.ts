import { describe, expect, it } from 'vitest';
import { adoption, applyChange, applySettings, changeProblems, DEFAULT_CLUSTER_CONFIG, highestCommitted, majority, settingsProblems } from './cluster-config';

describe('cluster config', () => {
  it('needs a majority of the members', () => {
    expect([1, 2, 3, 4, 5].map(majority)).toEqual([1, 2, 2, 3, 3]);
  });

  it('validates settings, naming every problem', () => {
    expect(settingsProblems({ tokenMs: 1500 })).toEqual([]);
    expect(settingsProblems({ fenceStormLimit: 0 })).toEqual(['fenceStormLimit must be a whole number from 1 to 1000']);
    expect(settingsProblems({ shutdownPolicy: 'thaw' as 'migrate' })).toEqual(['shutdownPolicy must be one of migrate, freeze, failover']);
    expect(settingsProblems({ shutdownPolicy: 'freeze' })).toEqual([]);
    expect(settingsProblems({ shutdownPolicy: 'failover' })).toEqual([]);
    expect(settingsProblems({ watchdogTimeoutMs: 500 })).toEqual(['watchdogTimeoutMs must be a whole number of seconds (in ms) from 2000 to 120000']);
    expect(settingsProblems({ tokenMs: 50, tokenCoefficientMs: -1 })).toEqual([
      'tokenMs must be a whole number of ms from 200 to 60000',
      'tokenCoefficientMs must be a whole number of ms from 0 to 5000',
    ]);
  });

  it('applies a patch without touching what it leaves out', () => {
    expect(applySettings(DEFAULT_CLUSTER_CONFIG, { tokenMs: 3000 }).settings).toEqual({
      tokenMs: 3000,
      tokenCoefficientMs: 0,
      fenceStartupGraceMs: 60_000,
      fenceMinDelayMs: 60_000,
      fenceStormLimit: 3,
      watchdogTimeoutMs: 5_000,
      shutdownPolicy: 'migrate',
      managementAddress: null,
    });
  });

  it('picks the highest committed generation a new leader adopts', () => {
    const c = (generation: number) => ({ generation, config: DEFAULT_CLUSTER_CONFIG });
    expect(highestCommitted([c(2), null, c(5), c(3)])?.generation).toBe(5);
    expect(highestCommitted([null])).toBeNull();
  });

  it('lets a new leader adopt only once a quorum, itself included, has told its config', () => {
    const c = (generation: number) => ({ generation, config: DEFAULT_CLUSTER_CONFIG });
    // Back from a fence at generation 4 while node2 and node3 committed 6 without it: nobody answered yet.
    expect(adoption(c(4), [null, null], 2)).toEqual({ current: false, config: c(4) });
    // One answer makes a quorum of two out of three: the latest is among them.
    expect(adoption(c(4), [c(6), null], 2)).toEqual({ current: true, config: c(6) });
    // Its own config stays when it is the highest.
    expect(adoption(c(7), [c(6), c(6)], 2)).toEqual({ current: true, config: c(7) });
    // A two-node cluster's quorum of one (two_node): the leader alone is enough.
    expect(adoption(c(3), [null], 1)).toEqual({ current: true, config: c(3) });
    // Five members, quorum three: two answers short of it.
    expect(adoption(c(9), [c(9), null, null, null], 3).current).toBe(false);
  });
});

describe('config changes', () => {
  const device = { name: 'lab', agent: 'fence_sfha_lab', params: {}, hostMap: { node1: 'node1' }, timeoutSeconds: 30 };

  it('adds, replaces and removes fence devices', () => {
    const added = applyChange(DEFAULT_CLUSTER_CONFIG, { kind: 'put-fence-device', device });
    expect(added.fenceDevices).toEqual([device]);
    const replaced = applyChange(added, { kind: 'put-fence-device', device: { ...device, timeoutSeconds: 60 } });
    expect(replaced.fenceDevices?.map((d) => d.timeoutSeconds)).toEqual([60]);
    expect(applyChange(replaced, { kind: 'delete-fence-device', name: 'lab' }).fenceDevices).toEqual([]);
  });

  it('sets fence levels, refuses an unknown device, and drops a deleted device from the levels', () => {
    const withDevice = applyChange(DEFAULT_CLUSTER_CONFIG, { kind: 'put-fence-device', device });
    expect(changeProblems(withDevice, { kind: 'fence-levels', node: 'node1', devices: ['lab', 'pdu'] })).toEqual(['no fence device named pdu (devices: lab)']);
    const leveled = applyChange(withDevice, { kind: 'fence-levels', node: 'node1', devices: ['lab'] });
    expect(leveled.fenceLevels).toEqual({ node1: ['lab'] });
    expect(applyChange(leveled, { kind: 'delete-fence-device', name: 'lab' }).fenceLevels).toEqual({});
    expect(applyChange(leveled, { kind: 'fence-levels', node: 'node1', devices: [] }).fenceLevels).toEqual({});
  });

  it("records a node's watchdog advert, bounds checked", () => {
    const advert = { armed: true, timeoutMs: 5_000, device: '/dev/watchdog' };
    expect(applyChange(DEFAULT_CLUSTER_CONFIG, { kind: 'watchdog', node: 'node2', advert }).watchdogs).toEqual({ node2: advert });
    expect(changeProblems(DEFAULT_CLUSTER_CONFIG, { kind: 'watchdog', node: 'node2', advert: { ...advert, timeoutMs: 1 } })).toHaveLength(1);
  });

  it('names the problems of a change', () => {
    expect(changeProblems(DEFAULT_CLUSTER_CONFIG, { kind: 'put-fence-device', device })).toEqual([]);
    expect(changeProblems(DEFAULT_CLUSTER_CONFIG, { kind: 'put-fence-device', device: { ...device, name: 'Bad Name', agent: 'rm', hostMap: {}, timeoutSeconds: 0 } })).toEqual([
      'name must be 1-63 lowercase letters, digits, dashes or underscores',
      'agent must be a fence agent name (fence_…)',
      'hostMap must name at least one node and its plug',
      'timeoutSeconds must be from 1 to 600',
    ]);
    expect(changeProblems(DEFAULT_CLUSTER_CONFIG, { kind: 'delete-fence-device', name: 'nope' })).toEqual(['no fence device named nope']);
    expect(changeProblems(DEFAULT_CLUSTER_CONFIG, { kind: 'put-fence-device', device: { ...device, name: 'watchdog' } })).toEqual(['watchdog is reserved: the fence history names watchdog fences so']);
  });

  it('freezes and thaws a node', () => {
    const frozen = applyChange(applyChange(DEFAULT_CLUSTER_CONFIG, { kind: 'freeze', node: 'node2', on: true }), { kind: 'freeze', node: 'node1', on: true });
    expect(frozen.frozen).toEqual(['node1', 'node2']);
    expect(applyChange(frozen, { kind: 'freeze', node: 'node2', on: false }).frozen).toEqual(['node1']);
    expect(changeProblems(DEFAULT_CLUSTER_CONFIG, { kind: 'freeze', node: 'node1' } as never)).toEqual(['freeze needs a node and on/off']);
  });
});
