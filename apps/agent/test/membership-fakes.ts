import { DEFAULT_CLUSTER_CONFIG, type CorosyncDriver, type QuorumStatus } from '@sfha/ha';
import type { EventInput } from '@sfha/contracts';
import type { WireGuardDriver } from '@sfha/mesh';
import type { AgentConfig } from '../src/config/agent-config';
import type { EventsService } from '../src/events/events.service';
import type { ClusterConfigRepository } from '../src/ha/cluster-config.repository';
import { ClusterMembership } from '../src/ha/cluster-membership.service';
import type { JsonLogger } from '../src/logging/json-logger';
import { SecretRegistry } from '../src/logging/secret-registry';
import { meshState } from '../src/mesh/mesh-state';
import type { MeshFacade } from '../src/mesh/mesh.facade';

/** Unit-test fixtures: node1 of a three-member mesh, its membership service over a scripted Corosync. */
export const QUORATE: QuorumStatus = { running: true, quorate: true, localNodeId: 1, expectedVotes: 3, totalVotes: 3, quorum: 2, members: [1, 2, 3], ringId: '1.10' };
export const ALONE: QuorumStatus = { ...QUORATE, quorate: false, totalVotes: 1, members: [1] };

/** Corosync as the service sees it: what quorumtool says, reloads that may be refused, one event watch. */
export class FakeCorosync implements CorosyncDriver {
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

export const member = (name: string, ip: string) => ({ name, meshIp: ip, publicKey: `${name}-key`, pendingPublicKey: null, endpoint: null, keepalive: 25, joinedAt: '2026-11-21T00:00:00Z' });

/** node1's mesh: the three members, its interface up. */
export function node1Mesh(): MeshFacade {
  const state = () =>
    meshState(
      { clusterId: 'c', name: 'prod', network: '10.100.0.0/24', secret: 'cluster secret', generation: 3, createdAt: '' },
      { nodeName: 'node1', interface: 'wg-sfha', meshIp: '10.100.0.1', listenPort: 51820, peerApiPort: 7779, mtu: 1420, desiredUp: true },
      [member('node1', '10.100.0.1'), member('node2', '10.100.0.2'), member('node3', '10.100.0.3')],
    );
  return { state, stateOrNull: state, onChanged: () => undefined } as unknown as MeshFacade;
}

export function membership(corosync: FakeCorosync, pollMs = 60_000, recorded: EventInput[] = [], assignments: Record<string, string | null> = {}, mesh_ = { ready: true }) {
  const mesh = node1Mesh();
  const config = { committed: () => ({ generation: 1, config: { ...DEFAULT_CLUSTER_CONFIG, assignments } }) } as unknown as ClusterConfigRepository;
  const wireguard = { interfaceReady: (name: string, ip: string) => Promise.resolve(mesh_.ready && name === 'wg-sfha' && ip === '10.100.0.1') } as unknown as WireGuardDriver;
  const events = { record: (e: EventInput) => recorded.push(e) } as unknown as EventsService;
  const logger = { event: (_level: string, _context: string, message: string) => void logged.push(message) } as unknown as JsonLogger;
  const service = new ClusterMembership(mesh, config, corosync, wireguard, new SecretRegistry(), events, logger, { membershipPollMs: pollMs } as AgentConfig);
  return service;
}

/** What the services under test logged (cleared by the spec after each test). */
export const logged: string[] = [];
