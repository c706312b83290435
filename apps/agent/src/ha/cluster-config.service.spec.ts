import { DEFAULT_CLUSTER_CONFIG, type ConfigChange } from '@sfha/ha';
import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ALONE, FakeCorosync, logged, membership, node1Mesh, QUORATE } from '../../test/membership-fakes';
import { applyMigrations, loadMigrations } from '../database/migrator';
import type { EventsService } from '../events/events.service';
import type { JsonLogger } from '../logging/json-logger';
import type { MeshJoinService } from '../mesh/mesh-join.service';
import type { PeerApiServer, PeerCall, PeerReply } from '../peer/peer-api.server';
import type { PeerClient } from '../peer/peer-client';
import { PEER_ROUTES, type PeerRoute } from '../peer/peer-routes';
import { ClusterConfigRepository } from './cluster-config.repository';
import { ClusterConfigService } from './cluster-config.service';
import type { ClusterMembership } from './cluster-membership.service';

/** The real repository on an in-memory SQLite database with the agent's migrations, at generation 4. */
function repositoryAtGeneration4(): ClusterConfigRepository {
  const db = new BetterSqlite3(':memory:');
  applyMigrations(db, loadMigrations(join(__dirname, '../database/migrations')));
  const repo = new ClusterConfigRepository(db);
  repo.commit({ generation: 4, config: DEFAULT_CLUSTER_CONFIG });
  return repo;
}

/** node2 and node3 answer every peer call: they hold generation 4, store and apply what the leader sends. */
const followers = {
  call: (route: PeerRoute) => {
    if (route === PEER_ROUTES.config) return Promise.resolve({ ok: true, status: 200, body: { generation: 4, config: DEFAULT_CLUSTER_CONFIG } });
    if (route === PEER_ROUTES.prepareConfig) return Promise.resolve({ ok: true, status: 200, body: { stored: true } });
    return Promise.resolve({ ok: true, status: 200, body: { committed: 5 } });
  },
} as unknown as PeerClient;

type Handler = (call: PeerCall<unknown>) => Promise<PeerReply<unknown>>;

function leaderNode1(membershipService: ClusterMembership) {
  const handlers = new Map<string, Handler>();
  const peerApi = { serve: (route: PeerRoute, handler: Handler) => void handlers.set(route.path, handler) } as unknown as PeerApiServer;
  const quiet = { record: () => undefined, event: () => undefined } as unknown as EventsService & JsonLogger;
  const join = { onJoined: () => undefined } as unknown as MeshJoinService;
  const service = new ClusterConfigService(repositoryAtGeneration4(), membershipService, node1Mesh(), peerApi, followers, quiet, quiet, join);
  service.onModuleInit();
  const propose = (change: ConfigChange) => {
    const handler = handlers.get(PEER_ROUTES.proposeConfig.path);
    if (!handler) throw new Error('the proposal route is not served');
    return handler({ body: change, caller: 'node2', remoteIp: '10.100.0.2' });
  };
  return { service, propose };
}

let running: ClusterMembership | null = null;
afterEach(() => {
  running?.onApplicationShutdown();
  running = null;
  logged.length = 0;
});

describe('cluster config on the leader', () => {
  it('commits a change forwarded by a member that counts it as leader while its own view still says no quorum (it had just joined: chaos suite, webhook fencing lab)', async () => {
    const corosync = new FakeCorosync();
    corosync.quorumStatus = ALONE;
    const membershipService = (running = membership(corosync));
    membershipService.onApplicationBootstrap();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(membershipService.view()?.quorate).toBe(false);
    // Corosync has formed the three-node membership; no event has reached node1's agent yet.
    corosync.quorumStatus = QUORATE;
    const { service, propose } = leaderNode1(membershipService);
    const reply = await propose({ kind: 'settings', patch: { tokenMs: 1500 } });
    expect(reply.body).toMatchObject({ generation: 5, config: { settings: { tokenMs: 1500 } } });
    expect(service.current().generation).toBe(5);
  });

  it('still refuses a forwarded change, changing nothing, when its partition stays without quorum', async () => {
    const corosync = new FakeCorosync();
    corosync.quorumStatus = ALONE;
    const membershipService = (running = membership(corosync));
    membershipService.onApplicationBootstrap();
    const { service, propose } = leaderNode1(membershipService);
    await expect(propose({ kind: 'settings', patch: { tokenMs: 1500 } })).rejects.toThrow("this node's partition has no quorum");
    expect(service.current().generation).toBe(4);
  });
});
