import { describe, expect, it } from 'vitest';
import type { Incident } from './group-incidents';
import { watchIncidents } from './incident-watch';

const incident = (id: string, openedAt: string, resolvedAt: string | null) => ({ id, openedAt, resolvedAt }) as Incident;
const lost = (resolved: boolean) => incident('node1-lost', '2026-01-01T00:01:40.000Z', resolved ? '2026-01-01T00:01:45.000Z' : null);
const old = incident('old', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:05.000Z');
const kinds = (r: ReturnType<typeof watchIncidents>) => r.changes.map((c) => `${c.kind} ${c.incident.id}`);
const follower = { now: false, before: false };
const leader = { now: true, before: true };
const tookOver = { now: true, before: false };

describe('watchIncidents', () => {
  it('the first look after a start only learns what exists', () => {
    const r = watchIncidents(null, [old, lost(false)], leader);
    expect(kinds(r)).toEqual([]);
    expect([...r.known]).toEqual([
      ['old', true],
      ['node1-lost', false],
    ]);
  });

  it('a follower keeps track but announces nothing', () => {
    const r = watchIncidents(new Map([['old', true]]), [old, lost(true)], follower);
    expect(kinds(r)).toEqual([]);
    expect(r.known.get('node1-lost')).toBe(true);
  });

  it('the leader announces an opening, then its resolution, each once', () => {
    const first = watchIncidents(new Map([['old', true]]), [old, lost(false)], leader);
    expect(kinds(first)).toEqual(['opened node1-lost']);
    const second = watchIncidents(first.known, [old, lost(true)], leader);
    expect(kinds(second)).toEqual(['resolved node1-lost']);
    expect(kinds(watchIncidents(second.known, [old, lost(true)], leader))).toEqual([]);
  });

  it('an incident opened and resolved between two looks is announced opened then resolved', () => {
    expect(kinds(watchIncidents(new Map([['old', true]]), [lost(true), old], leader))).toEqual(['opened node1-lost', 'resolved node1-lost']);
  });

  it('a new leader announces the failover that killed the old one, even when it was already resolved at its first look as leader (the lab bug)', () => {
    // As a follower it saw nothing yet; the old leader died and the incident resolved before the new leader's first look.
    expect(kinds(watchIncidents(new Map([['old', true]]), [old, lost(true)], tookOver))).toEqual(['opened node1-lost', 'resolved node1-lost']);
  });

  it('a new leader announces again what is still open (the old leader may have died before announcing it), not what was resolved', () => {
    expect(
      kinds(
        watchIncidents(
          new Map([
            ['old', true],
            ['node1-lost', false],
          ]),
          [old, lost(false)],
          tookOver,
        ),
      ),
    ).toEqual(['opened node1-lost']);
  });
  it('a restarted node that leads announces nothing that opened before it started, even learned late (its first look lacked the others’ events)', () => {
    const restartedAt = '2026-01-01T00:02:00.000Z';
    // First look: only its own events, the failover incident unknown yet; then the others answer.
    expect(kinds(watchIncidents(new Map([['old', true]]), [old, lost(true)], tookOver, restartedAt))).toEqual([]);
    const later = incident('later', '2026-01-01T00:03:00.000Z', null);
    expect(kinds(watchIncidents(new Map([['old', true]]), [old, lost(true), later], leader, restartedAt))).toEqual(['opened later']);
  });
});
