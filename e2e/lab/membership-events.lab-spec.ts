import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cluster, formCluster, online, timed } from './cluster-helpers';
import { lab, labOk } from './lab-runner';

/**
 * Membership is followed from Corosync's events (`corosync-cmapctl -T`), the poll is only a
 * fallback: with the agents' poll set to its maximum, a minute, every change below is still
 * seen in seconds, so only the events can explain it.
 */
const POLL_MS = '60000';

beforeAll(async () => {
  process.env.SFHA_MEMBERSHIP_POLL_MS = POLL_MS;
  await formCluster();
});

afterAll(() => {
  delete process.env.SFHA_MEMBERSHIP_POLL_MS;
  lab('down');
});

describe('membership from Corosync events, with a 1-minute fallback poll', () => {
  it('forms the cluster at once: a created or joined cluster wakes Corosync, joins are seen live', () => {
    for (const node of ['node1', 'node2', 'node3']) expect(cluster(node)).toMatchObject({ quorate: true, leader: 'node1', expectedVotes: 3 });
  });

  it('sees a killed node leave within seconds, and the leader move', async () => {
    labOk('kill', 'node1');
    const ms = await timed(
      'node2 and node3 to see node1 gone and node2 lead',
      () =>
        ['node2', 'node3'].every((n) => {
          const c = cluster(n);
          return c.quorate && c.leader === 'node2' && !c.nodes.find((x) => x.name === 'node1')?.online;
        }),
      45_000,
    );
    // Corosync itself needs ~2.2 s (token 1000 ms + consensus); a poll could take up to 60 s.
    expect(ms).toBeLessThan(10_000);
  });

  it('sees it come back', async () => {
    labOk('start', 'node1');
    await timed('every node to see the three online', () => ['node1', 'node2', 'node3'].every((n) => online(n).length === 3), 30_000);
    expect(cluster('node3').leader).toBe('node1');
  });
});
