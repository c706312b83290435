import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EventsService } from '../events/events.service';
import { NOT_RUNNING, renderCorosyncConf, wrongCorosyncIdentity, type CorosyncDriver, type CorosyncWatch, type QuorumStatus } from '@sfha/ha';
import type { WireGuardDriver } from '@sfha/mesh';
import { serialLoop, type SerialLoop } from '../common/serial-loop';
import type { AgentConfig } from '../config/agent-config';
import { AGENT_CONFIG } from '../config/agent-config.token';
import { JsonLogger } from '../logging/json-logger';
import { SecretRegistry } from '../logging/secret-registry';
import { MeshFacade } from '../mesh/mesh.facade';
import { WIREGUARD_DRIVER } from '../mesh/wireguard-driver.provider';
import { ClusterConfigRepository } from './cluster-config.repository';
import { clusterView, corosyncAuthkey, corosyncNodes, nodeIdFor, type ClusterView } from './cluster-view';
import { COROSYNC_DRIVER } from './corosync-driver.provider';

/** After a Corosync event (quorum may settle just after membership) or while the mesh comes up, look again this soon. */
const SETTLE_RECHECK_MS = 250;
const LOG_FILE = '/var/log/corosync/corosync.log';

/**
 * Keeps Corosync in step with the member list (config rendered, authkey derived from the
 * cluster secret, started, reloaded when members change) and follows membership and quorum:
 * live from Corosync's events (`corosync-cmapctl -T`), each read with `corosync-quorumtool`,
 * and with a poll as fallback. Its view says who leads; listeners hear of every change.
 */
@Injectable()
export class ClusterMembership implements OnApplicationBootstrap, OnApplicationShutdown {
  private loop: SerialLoop | null = null;
  private watch: CorosyncWatch | null = null;
  private settleTimer: NodeJS.Timeout | null = null;
  private current: ClusterView | null = null;
  /** When the view was last read from Corosync (or set for lack of a mesh). */
  private readAt = 0;
  private epoch = 0;
  /** The ring id of the membership last read from Corosync. */
  private ringId: string | null = null;
  /** corosync.conf may have changed since Corosync last read it (true at boot: the agent may have restarted mid-reload). */
  private reloadDue = true;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly mesh: MeshFacade,
    private readonly config: ClusterConfigRepository,
    @Inject(COROSYNC_DRIVER) private readonly corosync: CorosyncDriver,
    @Inject(WIREGUARD_DRIVER) private readonly wireguard: WireGuardDriver,
    private readonly secrets: SecretRegistry,
    private readonly events: EventsService,
    private readonly logger: JsonLogger,
    @Inject(AGENT_CONFIG) private readonly agentConfig: AgentConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.loop = serialLoop(
      this.agentConfig.membershipPollMs,
      () => this.tick(),
      (error) => this.logger.event('warn', 'cluster', `membership: ${error.message}`),
    );
    // A cluster created or joined, a member added or removed: Corosync follows at once.
    this.mesh.onChanged(() => this.loop?.wake());
  }

  onApplicationShutdown(): void {
    this.loop?.stop();
    this.stopWatch();
    if (this.settleTimer) clearTimeout(this.settleTimer);
  }

  /** Called after every change of the view (quorum, members online, leader). */
  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  /** Counts leader changes seen here: a leader must re-adopt the config after any change. */
  leaderEpoch(): number {
    return this.epoch;
  }

  /** When the latest view was read: a view older than a few polls is stale (the watchdog pets on fresh quorum only). */
  viewReadAt(): number {
    return this.readAt;
  }

  /** The latest view, or null when this node is in no cluster. */
  view(): ClusterView | null {
    return this.current;
  }

  /**
   * Resolves true once the view is quorate with a leader (at once if it is), false after `ms`.
   * A member that has just joined hears of quorum a moment after the others count it in
   * (Corosync settles quorum after membership; this node reads it on the next event): a
   * change the others forward to it in that moment waits for its view instead of being refused.
   */
  whenQuorate(ms: number): Promise<boolean> {
    const quorate = () => !!this.current?.quorate && !!this.current.leader;
    if (quorate()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (ok: boolean) => {
        clearTimeout(timer);
        this.listeners.delete(check);
        resolve(ok);
      };
      const check = () => {
        if (quorate()) done(true);
      };
      const timer = setTimeout(() => done(false), ms);
      this.listeners.add(check);
      // Look now rather than at the next poll.
      this.loop?.wake();
    });
  }

  async tick(): Promise<void> {
    const state = this.mesh.stateOrNull();
    const isMember = state?.members.some((m) => m.name === state.self.nodeName) ?? false;
    const wanted = !!state && isMember && state.self.desiredUp;
    // Up with its address, not merely created: Corosync finds its own node by its addresses.
    if (!state || !wanted || !(await this.wireguard.interfaceReady(state.self.interface, state.self.meshIp))) {
      // The mesh is on its way up (the reconciler creates the interface): look again soon.
      this.stopWatch();
      if (wanted) this.recheckSoon();
      // Published before anything that can fail or take time: no mesh, no quorum, right now.
      this.publish(state ? clusterView(state.self.nodeName, state.members, state.cluster.network, NOT_RUNNING) : null);
      if (state && (await this.corosync.quorum()).running) {
        await this.corosync.stop();
        this.logger.event('info', 'cluster', 'corosync stopped (no mesh)');
      }
      return;
    }
    const authkey = corosyncAuthkey(state.cluster.secret);
    this.secrets.add(authkey.toString('base64'));
    const { settings } = this.config.committed().config;
    const conf = renderCorosyncConf({
      clusterName: state.cluster.name,
      nodes: corosyncNodes(state.members, state.cluster.network),
      tokenMs: settings.tokenMs,
      tokenCoefficientMs: settings.tokenCoefficientMs,
      logFile: LOG_FILE,
    });
    // A reload refused (CS_ERR_TRY_AGAIN while a membership forms) stays due until it succeeds.
    if (this.corosync.writeConfig(conf, authkey)) this.reloadDue = true;
    const viewOf = (quorum: QuorumStatus) => clusterView(state.self.nodeName, state.members, state.cluster.network, quorum, this.config.committed().config.standby ?? []);
    let quorum: QuorumStatus = await this.corosync.quorum();
    const wrongIdentity = wrongCorosyncIdentity(quorum, nodeIdFor(state.self.meshIp, state.cluster.network));
    if (wrongIdentity) {
      // It would never join the others: stopped now, started again at the next look.
      this.stopWatch();
      this.publish(viewOf(NOT_RUNNING));
      await this.corosync.stop();
      this.logger.event('warn', 'cluster', `${wrongIdentity}: restarting it`);
      this.recheckSoon();
      return;
    }
    // What Corosync says is published first, whatever fails next (a start, a reload): the
    // engine must never act on an older view.
    this.noteRing(quorum);
    this.publish(viewOf(quorum));
    if (!quorum.running) {
      await this.corosync.start();
      this.logger.event('info', 'cluster', 'corosync started', { nodes: state.members.length });
      this.reloadDue = false;
      quorum = await this.corosync.quorum();
      this.noteRing(quorum);
      this.publish(viewOf(quorum));
    }
    if (quorum.running) this.ensureWatch();
    if (this.reloadDue) {
      try {
        await this.corosync.reload();
      } catch (error) {
        this.recheckSoon();
        throw error;
      }
      this.reloadDue = false;
      this.logger.event('info', 'cluster', 'corosync nodelist reloaded', { nodes: state.members.map((m) => m.name) });
    }
  }

  /** Follows Corosync's events while it runs: each one brings the next look forward. */
  private ensureWatch(): void {
    if (this.watch) return;
    // A change between the last look and the watch's start has no event: look once more.
    this.recheckSoon();
    this.watch = this.corosync.watch(
      () => {
        this.loop?.wake();
        this.recheckSoon();
      },
      (reason) => {
        this.watch = null;
        if (reason === 'stopped') return;
        // Corosync stopped or restarted: look now (and start a new watch) rather than at the next poll.
        this.logger.event('debug', 'cluster', `corosync event watch ended: ${reason}`);
        this.loop?.wake();
      },
    );
  }

  private recheckSoon(): void {
    if (this.settleTimer) clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => this.loop?.wake(), SETTLE_RECHECK_MS);
  }

  private stopWatch(): void {
    this.watch?.stop();
    this.watch = null;
  }

  /**
   * A new Corosync membership is a new leadership epoch even when the leader's name is the
   * same: a leader paused past the token (SIGSTOP, a VM frozen) comes back into a membership
   * whose other members elected another leader and committed without it meanwhile. It must
   * adopt the highest committed config again before it acts (found by the chaos suite).
   */
  private noteRing(quorum: QuorumStatus): void {
    if (quorum.ringId === null) return;
    if (this.ringId !== null && this.ringId !== quorum.ringId) this.epoch++;
    this.ringId = quorum.ringId;
  }

  /** The groups the committed config places on `node`: a lost node's incident knows them even when the leader that placed them died with it. */
  private groupsOn(node: string): string[] {
    return Object.entries(this.config.committed().config.assignments ?? {})
      .filter(([, owner]) => owner === node)
      .map(([group]) => group)
      .sort();
  }

  /** Stores the view, logs what changed (quorum, nodes coming and going, the leader) and tells the listeners. */
  private publish(next: ClusterView | null): void {
    const previous = this.current;
    this.current = next;
    this.readAt = Date.now();
    if (!next) return;
    if (JSON.stringify(previous) !== JSON.stringify(next)) for (const listener of this.listeners) listener();
    if (previous?.quorate !== next.quorate) this.events.record({ code: next.quorate ? 'quorum.gained' : 'quorum.lost', params: { votes: next.totalVotes, expected: next.expectedVotes } });
    for (const node of next.nodes) {
      const before = previous?.nodes.find((n) => n.name === node.name);
      if (before && before.online !== node.online) {
        this.events.record(node.online ? { code: 'node.joined', params: { node: node.name } } : { code: 'node.left', params: { node: node.name, groups: this.groupsOn(node.name) } });
      }
    }
    if ((previous?.leader ?? null) !== next.leader) this.epoch++;
    if ((previous?.leader ?? null) !== next.leader) this.events.record(next.leader ? { code: 'leader.elected', params: { leader: next.leader } } : { code: 'leader.none', params: {} });
  }
}
