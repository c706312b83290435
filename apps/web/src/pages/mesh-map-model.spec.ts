import type { Schemas } from '@sfha/contracts';
import { describe, expect, it } from 'vitest';
import { circleLayout, linkState, nodePairs, sparkPath } from './mesh-map-model';

const peer = (name: string, rttMs: number | null, connected = true) => ({ name, connected, handshakeAgeSeconds: connected ? 5 : null, rttMs });
const map: Schemas['MeshMapDto'] = {
  askedBy: 'node1',
  nodes: ['node1', 'node2', 'node3', 'node4'],
  views: [
    { node: 'node1', answered: true, peers: [peer('node2', 0.8), peer('node3', 140), peer('node4', 1)] },
    // node2 cannot reach node3 (a cut one way), node3 still sees node2.
    { node: 'node2', answered: true, peers: [peer('node1', 0.9), peer('node3', null), peer('node4', 2, false)] },
    { node: 'node3', answered: true, peers: [peer('node1', 150), peer('node2', 1.2)] },
    { node: 'node4', answered: false, peers: [] },
  ],
};

describe('mesh map', () => {
  it('says each direction of a link as its own end sees it, so a one-way cut shows', () => {
    expect(linkState(map, 'node1', 'node2')).toEqual({ state: 'up', rttMs: 0.8 });
    expect(linkState(map, 'node1', 'node3')).toEqual({ state: 'slow', rttMs: 140 });
    expect(linkState(map, 'node2', 'node3')).toEqual({ state: 'down', rttMs: null });
    expect(linkState(map, 'node3', 'node2')).toEqual({ state: 'up', rttMs: 1.2 });
  });

  it('says down without a recent handshake or a peer the member does not list, unknown for a member that did not answer', () => {
    expect(linkState(map, 'node2', 'node4').state).toBe('down');
    expect(linkState(map, 'node3', 'node4').state).toBe('down');
    expect(linkState(map, 'node4', 'node1').state).toBe('unknown');
    expect(linkState(map, 'node9', 'node1').state).toBe('unknown');
  });

  it('lists each pair once and places the nodes on a circle, the first at the top', () => {
    expect(nodePairs(['a', 'b', 'c'])).toEqual([
      ['a', 'b'],
      ['a', 'c'],
      ['b', 'c'],
    ]);
    const layout = circleLayout(['a', 'b'], 100, 100, 50);
    expect(layout.get('a')).toEqual({ x: 100, y: 50 });
    expect(layout.get('b')?.y).toBeCloseTo(150);
  });

  it('draws a sparkline scaled to its largest value, broken where a value is missing', () => {
    expect(sparkPath([0, 10, null, 5], 30, 20)).toBe('M0 20 L10 0 M30 10');
    expect(sparkPath([], 30, 20)).toBe('');
    expect(sparkPath([3], 30, 20)).toBe('M0 0');
  });
});
