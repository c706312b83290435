import type { ClusterEvent } from '@sfha/contracts';
import { describe, expect, it } from 'vitest';
import { eventsFrom, mergeTimelines } from './merge-timelines';

const ev = (origin: string, id: number, at: string, node = 'node1', user?: string): ClusterEvent => ({
  origin,
  id,
  at: `2026-01-01T00:00:${at}Z`,
  code: 'node.left',
  params: { node },
  category: 'membership',
  severity: 'warn',
  ...(user ? { user } : {}),
});

describe('mergeTimelines', () => {
  it('merges every member’s events newest first, each once (origin + id), ties ordered the same everywhere', () => {
    const node2 = [ev('node2', 8, '05'), ev('node2', 7, '01')];
    const node3 = [ev('node3', 8, '05'), ev('node3', 3, '03')];
    const merged = mergeTimelines([node2, node3, [ev('node2', 8, '05')]], { limit: 10 });
    expect(merged.map((e) => `${e.origin}#${e.id}`)).toEqual(['node2#8', 'node3#8', 'node3#3', 'node2#7']);
    expect(mergeTimelines([node3, node2], { limit: 10 })).toEqual(merged);
    expect(mergeTimelines([node2, node3], { limit: 2 })).toHaveLength(2);
  });

  it('filters by node (recorded by it or about it), category, level and user', () => {
    const list = [ev('node2', 1, '01', 'node1'), ev('node3', 1, '02', 'node3'), ev('node3', 2, '03', 'node1', 'alice')];
    expect(mergeTimelines([list], { limit: 10, node: 'node3' }).map((e) => e.id)).toEqual([2, 1]);
    expect(mergeTimelines([list], { limit: 10, user: 'alice' })).toHaveLength(1);
    expect(mergeTimelines([list], { limit: 10, category: 'fencing' })).toEqual([]);
    expect(mergeTimelines([list], { limit: 10, severity: 'warn' })).toHaveLength(3);
  });

  it('takes from a member only well-formed events it recorded itself', () => {
    expect(eventsFrom('node3', [ev('node3', 1, '01'), ev('node2', 1, '01'), { id: 'x' }, null])).toEqual([ev('node3', 1, '01')]);
    expect(eventsFrom('node3', { not: 'a list' })).toEqual([]);
  });
});
