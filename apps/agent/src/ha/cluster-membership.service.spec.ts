import { NOT_RUNNING } from '@sfha/ha';
import type { EventInput } from '@sfha/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { ALONE, FakeCorosync, logged, membership, QUORATE } from '../../test/membership-fakes';
import type { ClusterMembership } from './cluster-membership.service';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let running: ClusterMembership | null = null;
afterEach(() => {
  running?.onApplicationShutdown();
  running = null;
  logged.length = 0;
});

describe('cluster membership', () => {
  it('publishes what Corosync says even while a nodelist reload is refused, and retries the reload until it succeeds', async () => {
    const corosync = new FakeCorosync();
    corosync.refuseReloads = 2;
    const service = membership(corosync);
    await expect(service.tick()).rejects.toThrow('CS_ERR_TRY_AGAIN');
    expect(service.view()?.quorate).toBe(true);

    corosync.quorumStatus = ALONE; // quorum lost while the reload is still refused
    await expect(service.tick()).rejects.toThrow('CS_ERR_TRY_AGAIN');
    expect(service.view()?.quorate).toBe(false);

    await service.tick();
    await service.tick();
    expect(corosync.reloads).toBe(3); // refused twice, done once, then no longer due
  });

  it('follows Corosync events at once, with a 60 s poll, and restarts the watch when it ends', async () => {
    const corosync = new FakeCorosync();
    const service = (running = membership(corosync));
    const changes: (boolean | undefined)[] = [];
    service.onChange(() => changes.push(service.view()?.quorate));
    service.onApplicationBootstrap();
    await sleep(400);
    expect(service.view()?.quorate).toBe(true);
    expect(corosync.watches).toBe(1);

    corosync.quorumStatus = ALONE;
    corosync.watch_?.onChange('runtime.members.2.status');
    await sleep(50);
    expect(service.view()?.quorate).toBe(false); // seen at once, not at the next poll
    expect(changes).toEqual([true, false]);

    corosync.watch_?.onEnd('corosync-cmapctl ended (exit 1)');
    await sleep(50);
    expect(corosync.watches).toBe(2); // a new watch, without waiting for the poll
  });

  it('whenQuorate looks again at once when the view lags behind Corosync, and says false after the wait when quorum does not come', async () => {
    const corosync = new FakeCorosync();
    corosync.quorumStatus = ALONE;
    const service = (running = membership(corosync));
    service.onApplicationBootstrap();
    await sleep(100);
    expect(service.view()?.quorate).toBe(false);
    corosync.quorumStatus = QUORATE; // no event, and the poll is 60 s away: true within 5 s means it looked at once
    expect(await service.whenQuorate(5_000)).toBe(true);
    expect(await service.whenQuorate(5_000)).toBe(true); // at once

    corosync.quorumStatus = ALONE;
    corosync.watch_?.onChange('runtime.members.2.status');
    await sleep(50);
    expect(await service.whenQuorate(200)).toBe(false);
  });

  it('starts a new leadership epoch when Corosync forms a new membership, even with the same leader', async () => {
    const corosync = new FakeCorosync();
    const service = membership(corosync);
    await service.tick();
    const epoch = service.leaderEpoch();
    await service.tick();
    expect(service.leaderEpoch()).toBe(epoch);
    // node1 was paused past the token: the others formed a ring without it and took it back in.
    corosync.quorumStatus = { ...QUORATE, ringId: '1.18' };
    await service.tick();
    expect(service.view()?.leader).toBe('node1');
    expect(service.leaderEpoch()).toBe(epoch + 1);
  });

  it('says no quorum and watches nothing when Corosync does not run', async () => {
    const corosync = new FakeCorosync();
    corosync.quorumStatus = NOT_RUNNING;
    corosync.start = () => Promise.reject(new Error('corosync did not start'));
    const service = membership(corosync);
    await expect(service.tick()).rejects.toThrow('did not start');
    expect(service.view()).toMatchObject({ quorate: false, corosyncRunning: false });
    expect(corosync.watches).toBe(0);
  });

  it('starts Corosync only once the mesh interface is up with its address (a lab bug: started a moment before, it took another node id)', async () => {
    const corosync = new FakeCorosync();
    corosync.quorumStatus = NOT_RUNNING;
    const mesh = { ready: false };
    const service = membership(corosync, 60_000, [], {}, mesh);
    await service.tick();
    expect(corosync.starts).toBe(0);
    expect(service.view()).toMatchObject({ quorate: false, corosyncRunning: false });
    mesh.ready = true;
    await service.tick();
    expect(corosync.starts).toBe(1);
  });

  it('restarts a Corosync that runs as another node id, publishing no quorum meanwhile', async () => {
    const corosync = new FakeCorosync();
    // Back from a fence, it runs alone as node 3 (the nodelist's last entry): never joins the others.
    corosync.quorumStatus = { ...ALONE, localNodeId: 3, members: [3] };
    const service = membership(corosync);
    await service.tick();
    expect(corosync.stops).toBe(1);
    expect(corosync.starts).toBe(0);
    expect(service.view()).toMatchObject({ quorate: false, corosyncRunning: false });
    expect(logged).toContain('Corosync runs as node id 3, but this node is 1 (it started before the mesh address was up): restarting it');
    corosync.quorumStatus = NOT_RUNNING;
    await service.tick();
    expect(corosync.starts).toBe(1);
    expect(corosync.stops).toBe(1);
  });

  it('records a node leaving with the groups the committed config placed on it (its incident needs them if the leader died with it)', async () => {
    const corosync = new FakeCorosync();
    const recorded: EventInput[] = [];
    const service = membership(corosync, 60_000, recorded, { web: 'node2', db: 'node3', api: 'node2' });
    await service.tick();
    corosync.quorumStatus = { ...QUORATE, totalVotes: 2, members: [1, 3], ringId: '1.14' };
    await service.tick();
    expect(recorded.filter((e) => e.code === 'node.left')).toEqual([{ code: 'node.left', params: { node: 'node2', groups: ['api', 'web'] } }]);
  });
});
