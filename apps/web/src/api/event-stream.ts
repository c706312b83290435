import type { Schemas } from '@sfha/contracts';

export type ClusterEvent = Schemas['EventDto'];

/**
 * Splits a Server-Sent Events byte stream (already decoded to text) into the JSON `data`
 * of each message. Keeps the unfinished tail for the next chunk.
 */
export class SseParser {
  private buffer = '';

  push(chunk: string): ClusterEvent[] {
    this.buffer += chunk.replace(/\r\n?/g, '\n');
    const blocks = this.buffer.split('\n\n');
    this.buffer = blocks.pop() ?? '';
    return blocks.flatMap((block) => {
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).replace(/^ /, ''))
        .join('\n');
      if (!data) return [];
      try {
        return [JSON.parse(data) as ClusterEvent];
      } catch {
        return [];
      }
    });
  }
}

/**
 * The query-key roots an event of this category may have changed. Each domain's keys start
 * with its root (`['cluster', …]`, `['resources', …]`…), so invalidating the root refreshes it.
 */
const ROOTS_BY_CATEGORY: Record<string, readonly string[]> = {
  membership: ['cluster', 'mesh', 'resources', 'fencing'],
  leader: ['cluster', 'resources'],
  resource: ['resources'],
  health: ['resources'],
  fencing: ['fencing', 'cluster'],
  mesh: ['mesh', 'cluster'],
  admin: ['cluster', 'resources', 'fencing', 'mesh'],
};

export function rootsToRefresh(category: string): string[] {
  return ['events', ...(ROOTS_BY_CATEGORY[category] ?? ['cluster', 'mesh', 'resources', 'fencing'])];
}
