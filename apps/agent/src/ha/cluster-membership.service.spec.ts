import { DEFAULT_CLUSTER_CONFIG, NOT_RUNNING, type CorosyncDriver, type QuorumStatus } from '@sfha/ha';
import type { EventInput } from '@sfha/contracts';
import type { WireGuardDriver } from '@sfha/mesh';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentConfig } from '../config/agent-config';
import type { EventsService } from '../events/events.service';
import type { JsonLogger } from '../logging/json-logger';
import { SecretRegistry } from '../logging/secret-registry';
import { meshState } from '../mesh/mesh-state';
import type { MeshFacade } from '../mesh/mesh.facade';
import type { ClusterConfigRepository } from './cluster-config.repository';
import { ClusterMembership } from './cluster-membership.service';

const QUORATE: QuorumStatus = { running: true, quorate: true, localNodeId: 1, expectedVotes: 3, totalVotes: 3, quorum: 2, members: [1, 2, 3], ringId: '1.10' };
const ALONE: QuorumStatus = { ...QUORATE, quorate: false, totalVotes: 1, members: [1] };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Corosync as the service sees it: what quorumtool says, reloads that may be refused, one event watch. */
class FakeCorosync implements CorosyncDriver {
  quorumStatus: QuorumStatus = QUORATE;
  refuseReloads = 0;
  reloads = 0;
  quorumReads = 0;
  watch_: { onChange: (key: string) => void; onEnd: (reason: string) => void } | null = null;
  watches = 0;
  private written = false;
  /** corosync.conf changes once (the first write), then stays the same. */
  writeConfig = () => {
    const changed = !this.written;
    this.written = true;
    return changed;
  };
  quorum = () => {
    this.quorumReads++;
    return Promise.resolve(this.quorumStatus);
  };
  starts = 0;
  stops = 0;
  start = () => {
    this.starts++;
    return Promise.resolve();
  };
  stop = () => {
    this.stops++;
    return Promise.resolve();
  };
  reload = () => {
    this.reloads++;
    if (this.refuseReloads-- > 0) return Promise.reject(new Error('corosync-cfgtool -R: Could not reload configuration. Error CS_ERR_TRY_AGAIN'));
    return Promise.resolve();
  };
  watch = (onChange: (key: string) => void, onEnd: (reason: string) => void) => {
    this.watches++;
    this.watch_ = { onChange, onEnd };
    return { stop: () => (this.watch_ = null) };
  };
}

const member = (name: string, ip: string) => ({ name, meshIp: ip, publicKey: `${name}-key`, pendingPublicKey: null, endpoint: null, keepalive: 25, joinedAt: '2026-11-21T00:00:00Z' });

function membership(corosync: FakeCorosync, pollMs = 60_000, recorded: EventInput[] = [], assignments: Record<string, string | null> = {}, mesh_ = { ready: true }) {
  const mesh = {
    stateOrNull: () =>
      meshState(
        { clusterId: 'c', name: 'prod', network: '10.100.0.0/24', secret: 'cluster secret', generation: 3, createdAt: '' },
        { nodeName: 'node1', interface: 'wg-sfha', meshIp: '10.100.0.1', listenPort: 51820, peerApiPort: 7779, mtu: 1420, desiredUp: true },
        [member('node1', '10.100.0.1'), member('node2', '10.100.0.2'), member('node3', '10.100.0.3')],
      ),
    onChanged: () => undefined,
  } as unknown as MeshFacade;
  const config = { committed: () => ({ generation: 1, config: { ...DEFAULT_CLUSTER_CONFIG, assignments } }) } as unknown as ClusterConfigRepository;
  const wireguard = { interfaceReady: (name: string, ip: string) => Promise.resolve(mesh_.ready && name === 'wg-sfha' && ip === '10.100.0.1') } as unknown as WireGuardDriver;
  const events = { record: (e: EventInput) => recorded.push(e) } as unknown as EventsService;
  const logger = { event: (_level: string, _context: string, message: string) => void logged.push(message) } as unknown as JsonLogger;
  const service = new ClusterMembership(mesh, config, corosync, wireguard, new SecretRegistry(), events, logger, { membershipPollMs: pollMs } as AgentConfig);
  return service;
}

let logged: string[] = [];
let running: ClusterMembership | null = null;
afterEach(() => {
  running?.onApplicationShutdown();
  running = null;
  logged = [];
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
