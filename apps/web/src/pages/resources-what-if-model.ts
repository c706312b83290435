import type { Schemas } from '@sfha/contracts';

export type NodeEvent = 'none' | 'kill' | 'standby';

/** The simulation request for the chosen events, or null when none is chosen. Pure. */
export function simulateBody(nodeEvents: Readonly<Record<string, NodeEvent>>, moves: Readonly<Record<string, string>>): Schemas['SimulateDto'] | null {
  const nodesWith = (event: NodeEvent) =>
    Object.entries(nodeEvents)
      .filter(([, e]) => e === event)
      .map(([node]) => node);
  const kill = nodesWith('kill');
  const standby = nodesWith('standby');
  const move = Object.entries(moves)
    .filter(([, node]) => node !== '')
    .map(([group, node]) => `${group}=${node}`);
  if (kill.length + standby.length + move.length === 0) return null;
  return { kill, standby, move };
}
