import type { PlacementBlock } from '@sfha/contracts';

const list = (text: string) => text.split(', ').filter(Boolean);

/**
 * The placement (libs/ha) says in English why a group cannot be placed; the timeline needs it
 * as data to say it in the reader's language. A text this does not know stays as it is.
 * (The pure scheduler is to return these reasons as data; then this goes.)
 */
export function placementBlock(text: string): PlacementBlock {
  let m: RegExpExecArray | null;
  if (text.startsWith('no eligible node (')) return { kind: 'no-eligible-node' };
  if ((m = /^no eligible node left apart from (.+)$/.exec(text))) return { kind: 'only-near', groups: list(m[1] ?? '') };
  if ((m = /^banned on every eligible node \((.*)\)$/.exec(text))) return { kind: 'banned-everywhere', nodes: list(m[1] ?? '') };
  if ((m = /^colocated with (.+), which runs nowhere$/.exec(text))) return { kind: 'anchor-nowhere', anchor: m[1] ?? '' };
  if ((m = /^banned on (.+), where (.+) \(its anchor\) runs$/.exec(text))) return { kind: 'banned-where-anchor-runs', node: m[1] ?? '', anchor: m[2] ?? '' };
  if ((m = /^colocated with (.+), whose node left and is not fenced yet$/.exec(text))) return { kind: 'anchor-awaits-fence', anchor: m[1] ?? '' };
  return { kind: 'other', text };
}
