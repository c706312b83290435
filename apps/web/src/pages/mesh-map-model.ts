import type { Schemas } from '@sfha/contracts';

export type LinkState = 'up' | 'slow' | 'down' | 'unknown';

/** A round trip from this long counts as slow (a mesh between datacenters stays well under it). */
export const SLOW_RTT_MS = 100;

/**
 * One direction of a link: what `from` sees of `to`. Down when `from` has no recent handshake
 * with `to` or its latest probe got no answer (a cut shows within seconds, long before the
 * handshake ages); unknown when `from` did not answer the node that drew the map. Pure.
 */
export function linkState(map: Schemas['MeshMapDto'], from: string, to: string): { state: LinkState; rttMs: number | null } {
  const view = map.views.find((v) => v.node === from);
  if (!view?.answered) return { state: 'unknown', rttMs: null };
  const peer = view.peers.find((p) => p.name === to);
  if (!peer || !peer.connected || peer.rttMs === null) return { state: 'down', rttMs: null };
  return { state: peer.rttMs >= SLOW_RTT_MS ? 'slow' : 'up', rttMs: peer.rttMs };
}

/** Every unordered pair of nodes, once. */
export function nodePairs(nodes: readonly string[]): [string, string][] {
  return nodes.flatMap((a, i) => nodes.slice(i + 1).map((b): [string, string] => [a, b]));
}

/** Where each node sits on the picture: on a circle, the first at the top, clockwise. */
export function circleLayout(nodes: readonly string[], cx: number, cy: number, r: number): Map<string, { x: number; y: number }> {
  return new Map(
    nodes.map((n, i) => [n, { x: cx + (nodes.length === 1 ? 0 : r * Math.sin((2 * Math.PI * i) / nodes.length)), y: cy - (nodes.length === 1 ? 0 : r * Math.cos((2 * Math.PI * i) / nodes.length)) }]),
  );
}

/**
 * An SVG path through the values, scaled to width × height (the largest value at the top); a
 * missing value (null) breaks the line. Empty when there is nothing to draw.
 */
export function sparkPath(values: readonly (number | null)[], width: number, height: number): string {
  const max = Math.max(0, ...values.filter((v): v is number => v !== null));
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  let path = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    const x = Math.round(i * step * 10) / 10;
    const y = Math.round((max === 0 ? height : height - (v / max) * height) * 10) / 10;
    path += `${pen ? 'L' : 'M'}${x} ${y} `;
    pen = true;
  });
  return path.trim();
}
