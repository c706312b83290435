import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formCluster, online, until } from './cluster-helpers';
import { lab, labOk, sfhaJson } from './lab-runner';

interface Event {
  id: number;
  at: string;
  origin: string;
  code: string;
  params: Record<string, unknown>;
  message: string;
}

const NODES = ['node1', 'node2', 'node3'];
const timeline = (node: string) => sfhaJson<Event[]>(node, 'events', '--limit', '1000');
const keys = (events: Event[]) => events.map((e) => `${e.origin}#${e.id}`);

beforeAll(async () => {
  await formCluster();
});

afterAll(() => {
  lab('heal');
  lab('down');
});

describe('one cluster timeline', () => {
  it('every node serves every member’s events, merged, each once', async () => {
    // node2 and node3 each recorded node1's invitation-less view of their own joins: every origin is there.
    await until('every origin in node1’s timeline', () => new Set(timeline('node1').map((e) => e.origin)).size === 3, 20_000);
    const merged = timeline('node2');
    expect(new Set(keys(merged)).size).toBe(merged.length);
    expect([...merged].sort((a, b) => b.at.localeCompare(a.at) || a.origin.localeCompare(b.origin) || b.id - a.id)).toEqual(merged);
    // The local scope is one origin only.
    expect(new Set(sfhaJson<Event[]>('node2', 'events', '--local', '--limit', '1000').map((e) => e.origin))).toEqual(new Set(['node2']));
  });

  it('what a member recorded while cut off appears everywhere once it is back, and every node shows the same history', async () => {
    // node3 may have lost quorum before (alone at its first start): only a loss after the cut counts.
    const local3 = () => sfhaJson<Event[]>('node3', 'events', '--local', '--limit', '50');
    const before = Math.max(0, ...local3().map((e) => e.id));
    const lostAfterCut = () => local3().find((e) => e.code === 'quorum.lost' && e.id > before);
    labOk('partition', 'node1,node2', 'node3');
    await until('node3 to lose quorum', () => lostAfterCut() !== undefined, 45_000);
    const lost = lostAfterCut();
    // Cut off: the others cannot see it yet.
    expect(keys(timeline('node1'))).not.toContain(`node3#${lost?.id}`);
    labOk('heal');
    await until('the three back together', () => NODES.every((n) => online(n).length === 3), 60_000);
    await until('node3’s quorum loss in node1’s timeline', () => keys(timeline('node1')).includes(`node3#${lost?.id}`), 20_000);
    // Same history on every node (up to the events of the last seconds, still arriving).
    const settledBefore = new Date(Date.now() - 1_000).toISOString();
    await new Promise((r) => setTimeout(r, 3_000));
    const views = NODES.map((n) => keys(timeline(n).filter((e) => e.at < settledBefore)));
    expect(views[1]).toEqual(views[0]);
    expect(views[2]).toEqual(views[0]);
    expect(timeline('node2').find((e) => e.origin === 'node3' && e.code === 'quorum.lost')?.message).toBe('quorum lost');
  });
});
