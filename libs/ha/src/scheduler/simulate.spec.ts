import { describe, expect, it } from 'vitest';
import { DEFAULT_CLUSTER_CONFIG, type ClusterConfig } from '../cluster-config';
import { explainGroup } from './explain';
import { simulate, SimulationError, type SimulationInput } from './simulate';
import type { Snapshot } from './snapshot';

const config: ClusterConfig = {
  ...DEFAULT_CLUSTER_CONFIG,
  groups: [{ name: 'web', resources: [{ kind: 'vip', name: 'ip', address: '192.0.2.100/24', interface: 'eth0' }], preferredNode: 'node1', sticky: true }],
  assignments: { web: 'node1' },
};
const nodes = ['node1', 'node2', 'node3'].map((name, i) => ({ name, nodeId: i + 1, online: true }));
const input: SimulationInput = {
  config,
  nodes,
  reports: { node1: { running: { web: { ip: true } }, health: {} }, node2: { running: {}, health: {} }, node3: { running: {}, health: {} } },
  fenceHistory: [],
  capabilities: Object.fromEntries(nodes.map((n) => [n.name, { devices: ['lab'], watchdogTimeoutMs: null }])),
  timings: { detectionMs: 2_000, fenceMs: 1_500, startMs: 300, sources: { detection: 'estimated', fence: 'measured', start: 'measured' } },
  twoNode: false,
};

describe('simulate', () => {
  it('kill the owner: detection, fence, placement, start, with the measured durations', () => {
    const steps = simulate(input, [{ kind: 'kill', node: 'node1' }], 0);
    expect(steps.map((s) => [s.atMs, s.kind, s.node])).toEqual([
      [2_000, 'left', 'node1'],
      [3_500, 'fence', 'node2'],
      [3_500, 'assign', 'node2'],
      [3_800, 'start', 'node2'],
    ]);
    expect(steps[1]?.text.en).toBe('node2 (leader) fences node1 (off): node1 left while owning resources');
    expect(steps[3]?.text.fr).toBe('web/ip démarre sur node2');
  });

  it('standby of the owner: no fence, stop there, then start elsewhere', () => {
    expect(simulate(input, [{ kind: 'standby', node: 'node1' }], 0).map((s) => `${s.kind} ${s.node}`)).toEqual(['assign node2', 'stop node1', 'assign node2', 'start node2']);
  });

  it('refuses unknown nodes and groups and impossible events, naming the field', () => {
    expect(() => simulate(input, [{ kind: 'kill', node: 'node9' }], 0)).toThrow('events[0].node: no member named node9 (members: node1, node2, node3)');
    expect(() => simulate(input, [{ kind: 'move', group: 'db', node: 'node2' }], 0)).toThrow('events[0].group: no group named db (groups: web)');
    expect(() =>
      simulate(
        input,
        [
          { kind: 'kill', node: 'node2' },
          { kind: 'move', group: 'web', node: 'node2' },
        ],
        0,
      ),
    ).toThrow('events[1].node: node2 is not online');
    expect(() => simulate({ ...input, nodes: nodes.map((n) => ({ ...n, online: n.name !== 'node3' })) }, [{ kind: 'kill', node: 'node3' }], 0)).toThrow(SimulationError);
    expect(() => simulate(input, [], 0)).toThrow('events: nothing to simulate');
  });
});

describe('explainGroup', () => {
  const snapshot = (over: Partial<Snapshot> = {}): Snapshot => ({
    self: 'node2',
    agentStartedAt: 0,
    membership: { quorate: true, leader: 'node1', nodes },
    configCurrent: true,
    config,
    observed: {},
    retiredObserved: {},
    probes: {},
    reports: input.reports,
    capabilities: input.capabilities,
    ...over,
  });

  it('says why a group runs where it runs, in French and English', () => {
    expect(explainGroup(snapshot(), 'web')).toMatchObject({ code: 'preferred', owner: 'node1', text: { en: 'on node1, its preferred node', fr: 'sur node1, son nœud préféré' } });
    expect(explainGroup(snapshot({ config: { ...config, moves: { web: 'node1' } } }), 'web').code).toBe('pinned');
    expect(explainGroup(snapshot({ config: { ...config, assignments: { web: 'node2' } } }), 'web').code).toBe('sticky');
  });

  it('says why it is stopped: fence pending, banned everywhere, no quorum, maintenance', () => {
    expect(explainGroup(snapshot({ membership: { quorate: true, leader: 'node2', nodes: nodes.map((n) => ({ ...n, online: n.name !== 'node1' })) } }), 'web')).toMatchObject({
      code: 'fence-pending',
      params: { node: 'node1' },
    });
    expect(explainGroup(snapshot({ config: { ...config, assignments: { web: null }, bans: { web: ['node1', 'node2', 'node3'] } } }), 'web').text.en).toBe(
      'stopped: no node can run it (banned on every eligible node (node1, node2, node3)) (banned from node1, node2, node3 after too many failures)',
    );
    expect(explainGroup(snapshot({ membership: { quorate: false, leader: null, nodes } }), 'web').code).toBe('no-quorum');
    expect(explainGroup(snapshot({ config: { ...config, maintenance: true } }), 'web').code).toBe('maintenance');
    expect(explainGroup(snapshot(), 'nope').code).toBe('unknown-group');
  });
});
