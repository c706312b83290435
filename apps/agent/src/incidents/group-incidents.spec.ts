import type { ClusterEvent, EventInput } from '@sfha/contracts';
import { classifyEvent } from '@sfha/contracts';
import { describe, expect, it } from 'vitest';
import { groupIncidents } from './group-incidents';

let seq = 0;
/** An event recorded by `origin` at second `s`. */
const at = (s: number, origin: string, input: EventInput): ClusterEvent => ({ ...input, ...classifyEvent(input), id: ++seq, origin, at: new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString() });
const fence = { device: 'pdu', ms: 800, requestedBy: 'leader', exitCode: 0 };
const started = (s: number, node: string, group: string, resource: string) => at(s, node, { code: 'resource.started', params: { group, resource, node } });

/** node1 runs web and db; it dies; node2 (leader) fences it and moves both; they start on node2 and node3. */
const FAILOVER: ClusterEvent[] = [
  at(0, 'node1', { code: 'placement.changed', params: { assignments: { web: 'node1', db: 'node1', mail: 'node3' } } }),
  at(100, 'node2', { code: 'node.left', params: { node: 'node1' } }),
  at(100, 'node3', { code: 'node.left', params: { node: 'node1' } }),
  at(101, 'node2', { code: 'fence.confirmed', params: { ...fence, node: 'node1', action: 'off' } }),
  at(101, 'node2', { code: 'fence.departed-fenced', params: { node: 'node1' } }),
  at(102, 'node2', { code: 'placement.changed', params: { assignments: { web: 'node2', db: 'node3', mail: 'node3' } } }),
  started(103, 'node2', 'web', 'web-vip'),
  started(104, 'node2', 'web', 'web-process'),
  started(105, 'node3', 'db', 'db-process'),
  at(106, 'node2', { code: 'health.changed', params: { group: 'web', resource: 'web-process', node: 'node2', status: 'healthy', detail: 'HTTP 200' } }),
];

describe('groupIncidents', () => {
  it('a lost owner, its fence, its groups moved and served again: one incident with each group’s downtime', () => {
    const [incident, ...others] = groupIncidents(FAILOVER);
    expect(others).toEqual([]);
    expect(incident).toMatchObject({ trigger: { kind: 'node-lost', node: 'node1' }, openedAt: '2026-01-01T00:01:40.000Z', resolvedAt: '2026-01-01T00:01:45.000Z' });
    expect(incident?.fences).toEqual([{ node: 'node1', device: 'pdu', ok: true, ms: 800, at: '2026-01-01T00:01:41.000Z' }]);
    expect(incident?.groups).toEqual([
      { group: 'web', from: 'node1', to: 'node2', servedAt: '2026-01-01T00:01:44.000Z', downtimeMs: 4_000 },
      { group: 'db', from: 'node1', to: 'node3', servedAt: '2026-01-01T00:01:45.000Z', downtimeMs: 5_000 },
    ]);
    // Both members' "node1 left" belong to it; the unrelated health event does not.
    expect(incident?.events).toHaveLength(8);
  });

  it('is the same whatever order the timeline comes in (every node computes the same incidents)', () => {
    expect(groupIncidents([...FAILOVER].reverse())).toEqual(groupIncidents(FAILOVER));
  });

  it('stays open while a group waits (fence failed), with the failed fence in it', () => {
    const [incident] = groupIncidents([...FAILOVER.slice(0, 3), at(101, 'node2', { code: 'fence.failed', params: { ...fence, node: 'node1', action: 'off', exitCode: 1 } })]);
    expect(incident?.resolvedAt).toBeNull();
    expect(incident?.fences[0]?.ok).toBe(false);
    expect(incident?.groups.map((g) => g.servedAt)).toEqual([null, null]);
  });

  it('resolves when the lost node comes back and starts its groups again', () => {
    const [incident] = groupIncidents([
      ...FAILOVER.slice(0, 2),
      at(130, 'node2', { code: 'node.joined', params: { node: 'node1' } }),
      started(132, 'node1', 'web', 'web-vip'),
      started(133, 'node1', 'db', 'db-process'),
    ]);
    expect(incident?.resolvedAt).toBe('2026-01-01T00:02:13.000Z');
    expect(incident?.groups.map((g) => [g.to, g.downtimeMs])).toEqual([
      ['node1', 32_000],
      ['node1', 33_000],
    ]);
  });

  it('a node that owned nothing: opened when it leaves, resolved when it is back', () => {
    const incidents = groupIncidents([
      FAILOVER[0] as ClusterEvent,
      at(10, 'node1', { code: 'node.left', params: { node: 'node3' } }),
      at(20, 'node1', { code: 'node.joined', params: { node: 'node3' } }),
    ]);
    // mail ran on node3: it is one of its groups
    expect(incidents[0]?.groups.map((g) => g.group)).toEqual(['mail']);
    const empty = groupIncidents([at(10, 'node1', { code: 'node.left', params: { node: 'node9' } }), at(20, 'node1', { code: 'node.joined', params: { node: 'node9' } })]);
    expect(empty).toMatchObject([{ trigger: { kind: 'node-lost', node: 'node9' }, resolvedAt: '2026-01-01T00:00:20.000Z', groups: [] }]);
  });

  it('a group that gave up on its node after its restarts: one incident until it runs elsewhere', () => {
    const incidents = groupIncidents([
      FAILOVER[0] as ClusterEvent,
      at(50, 'node1', { code: 'health.gave-up', params: { group: 'web', resource: 'web-process', node: 'node1', cause: { kind: 'stopped-running' }, max: 3 } }),
      at(51, 'node2', { code: 'placement.changed', params: { assignments: { web: 'node2', db: 'node1', mail: 'node3' } } }),
      started(53, 'node2', 'web', 'web-process'),
    ]);
    expect(incidents).toMatchObject([
      { trigger: { kind: 'group-failed', group: 'web', node: 'node1' }, resolvedAt: '2026-01-01T00:00:53.000Z', groups: [{ group: 'web', from: 'node1', to: 'node2', downtimeMs: 3_000 }] },
    ]);
  });

  it('a node cut off for a moment that kept its groups running: resolved when it is back, down for 0 s', () => {
    const left = (s: number, by: string, node: string) => at(s, by, { code: 'node.left', params: { node } });
    const incidents = groupIncidents([
      FAILOVER[0] as ClusterEvent,
      left(100, 'node2', 'node1'),
      left(100, 'node3', 'node1'),
      // node1's own view of the split: its agent ran all along, and stopped nothing.
      left(99, 'node1', 'node2'),
      at(103, 'node2', { code: 'node.joined', params: { node: 'node1' } }),
      at(103, 'node1', { code: 'node.joined', params: { node: 'node2' } }),
    ]);
    // node1's view (node2 lost, owning nothing) is an incident of its own, over when node2 is back.
    expect(incidents).toHaveLength(2);
    expect(incidents.find((i) => i.trigger.node === 'node2')).toMatchObject({ resolvedAt: '2026-01-01T00:01:43.000Z', groups: [] });
    expect(incidents.find((i) => i.trigger.node === 'node1')).toMatchObject({
      resolvedAt: '2026-01-01T00:01:43.000Z',
      groups: [
        { group: 'web', to: 'node1', downtimeMs: 0 },
        { group: 'db', to: 'node1', downtimeMs: 0 },
      ],
    });
  });

  it('a node cut off that stopped a group (it lost quorum) is resolved only once it started it again', () => {
    const cutOff = [
      FAILOVER[0] as ClusterEvent,
      at(100, 'node2', { code: 'node.left', params: { node: 'node1' } }),
      at(100, 'node1', { code: 'quorum.lost', params: { votes: 1, expected: 3 } }),
      at(101, 'node1', { code: 'resource.stopped', params: { group: 'web', resource: 'web-process', node: 'node1', reason: 'no-quorum' } }),
      at(103, 'node2', { code: 'node.joined', params: { node: 'node1' } }),
    ];
    const [waiting] = groupIncidents(cutOff);
    expect(waiting?.resolvedAt).toBeNull();
    expect(waiting?.groups.map((g) => [g.group, g.downtimeMs])).toEqual([
      ['web', null],
      ['db', 0],
    ]);
    const [incident] = groupIncidents([...cutOff, started(104, 'node1', 'web', 'web-process')]);
    expect(incident).toMatchObject({
      resolvedAt: '2026-01-01T00:01:44.000Z',
      groups: [
        { group: 'web', downtimeMs: 4_000 },
        { group: 'db', downtimeMs: 0 },
      ],
    });
  });

  it('a node lost again after it came back opens a new incident: the new failure is never hidden in the old one', () => {
    const incidents = groupIncidents([
      FAILOVER[0] as ClusterEvent,
      // Lost and back, its groups never reported started again: the first incident stays open…
      at(100, 'node2', { code: 'node.left', params: { node: 'node1' } }),
      at(110, 'node2', { code: 'node.joined', params: { node: 'node1' } }),
      // …until it is lost again: that is a second incident, with its own fence and move.
      at(200, 'node2', { code: 'node.left', params: { node: 'node1' } }),
      at(201, 'node2', { code: 'fence.confirmed', params: { ...fence, node: 'node1', action: 'off' } }),
      at(202, 'node2', { code: 'placement.changed', params: { assignments: { web: 'node2', db: 'node3', mail: 'node3' } } }),
      started(203, 'node2', 'web', 'web-process'),
      started(204, 'node3', 'db', 'db-process'),
    ]);
    expect(incidents.map((i) => [i.openedAt, i.resolvedAt])).toEqual([
      ['2026-01-01T00:01:40.000Z', '2026-01-01T00:01:50.000Z'],
      ['2026-01-01T00:03:20.000Z', '2026-01-01T00:03:24.000Z'],
    ]);
    expect(incidents[1]).toMatchObject({
      fences: [{ device: 'pdu', ok: true }],
      groups: [
        { group: 'web', from: 'node1', to: 'node2', downtimeMs: 3_000 },
        { group: 'db', from: 'node1', to: 'node3', downtimeMs: 4_000 },
      ],
    });
  });

  it('knows the lost node’s groups from the survivors’ node.left when the placement event died with the leader', () => {
    const [incident, ...others] = groupIncidents([
      // node1 led and placed web on itself; it died before any other node read that event.
      at(100, 'node2', { code: 'node.left', params: { node: 'node1', groups: ['web'] } }),
      at(100, 'node3', { code: 'node.left', params: { node: 'node1', groups: ['web'] } }),
      at(101, 'node2', { code: 'fence.confirmed', params: { ...fence, node: 'node1', action: 'off' } }),
      at(102, 'node2', { code: 'placement.changed', params: { assignments: { web: 'node2' } } }),
      started(104, 'node2', 'web', 'web-process'),
    ]);
    expect(others).toEqual([]);
    expect(incident).toMatchObject({ resolvedAt: '2026-01-01T00:01:44.000Z', groups: [{ group: 'web', from: 'node1', to: 'node2', downtimeMs: 4_000 }] });
  });

  it('a member that records a short loss late, after another recorded the return, does not open a second incident', () => {
    const incidents = groupIncidents([
      FAILOVER[0] as ClusterEvent,
      at(100, 'node2', { code: 'node.left', params: { node: 'node1', groups: ['web', 'db'] } }),
      at(101, 'node2', { code: 'node.joined', params: { node: 'node1' } }),
      at(102, 'node3', { code: 'node.left', params: { node: 'node1', groups: ['web', 'db'] } }),
      at(103, 'node3', { code: 'node.joined', params: { node: 'node1' } }),
    ]);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]?.events).toHaveLength(4);
  });
});
