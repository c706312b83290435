import { describe, expect, it } from 'vitest';
import { rootsToRefresh, SseParser } from './event-stream';

const event = { id: 7, at: '2026-01-01T00:00:00.000Z', category: 'mesh', severity: 'info', message: 'node2 joined', fields: {} };

describe('SseParser', () => {
  it('yields each message once it is complete, across chunk boundaries', () => {
    const parser = new SseParser();
    const wire = `id: 7\nevent: mesh\ndata: ${JSON.stringify(event)}\n\n`;
    expect(parser.push(wire.slice(0, 20))).toEqual([]);
    expect(parser.push(wire.slice(20))).toEqual([event]);
  });

  it('reads several messages in one chunk, CRLF line ends, and skips comments and bad JSON', () => {
    const parser = new SseParser();
    const second = { ...event, id: 8 };
    const got = parser.push(`: keepalive\r\n\r\ndata: {broken\n\ndata: ${JSON.stringify(event)}\r\n\r\ndata: ${JSON.stringify(second)}\n\n`);
    expect(got.map((e) => e.id)).toEqual([7, 8]);
  });
});

describe('rootsToRefresh', () => {
  it('refreshes the timeline and the domains of the category', () => {
    expect(rootsToRefresh('resource')).toEqual(['events', 'resources']);
    expect(rootsToRefresh('mesh')).toEqual(['events', 'mesh', 'cluster']);
  });

  it('refreshes every domain for a category it does not know', () => {
    expect(rootsToRefresh('something-new')).toEqual(['events', 'cluster', 'mesh', 'resources', 'fencing']);
  });
});
