import { renderEvent } from '@sfha/contracts';
import { describe, expect, it } from 'vitest';
import { placementBlock } from './placement-block';

// The placement's own sentences (libs/ha/src/placement.ts): each becomes data and renders back the same in English.
const SAID = [
  'no eligible node (online, quorate, not in standby)',
  'no eligible node left apart from db, cache',
  'banned on every eligible node (node1, node2)',
  'colocated with db, which runs nowhere',
  'banned on node2, where db (its anchor) runs',
  'colocated with db, whose node left and is not fenced yet',
];

describe('placementBlock', () => {
  it('turns every reason the placement gives into data that reads back the same', () => {
    for (const text of SAID) {
      const reason = placementBlock(text);
      expect(reason.kind, text).not.toBe('other');
      expect(renderEvent('en', { code: 'group.unplaceable', params: { group: 'app', reason } })).toBe(`app cannot be placed: ${text}`);
    }
    expect(placementBlock('banned on node2, where db (its anchor) runs')).toEqual({ kind: 'banned-where-anchor-runs', node: 'node2', anchor: 'db' });
  });

  it('keeps an unknown reason as text', () => {
    expect(placementBlock('the moon is full')).toEqual({ kind: 'other', text: 'the moon is full' });
  });
});
