import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { CONFIG_PROTOCOL, protocolRefusal, type AnnouncedVersion, type ConfigChange } from '@sfha/ha';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';
import { SettingsRepository } from '../database/settings.repository';
import { ClusterConfigService } from '../ha/cluster-config.service';
import { ClusterMembership } from '../ha/cluster-membership.service';
import { JsonLogger } from '../logging/json-logger';
import { MeshFacade } from '../mesh/mesh.facade';
import { PeerApiServer } from '../peer/peer-api.server';
import { PeerClient } from '../peer/peer-client';
import { PEER_ROUTES } from '../peer/peer-routes';
import { AGENT_VERSION } from '../version';

export const VERSION_PATH = PEER_ROUTES.version.path;
const REFRESH_EVERY_MS = 10_000;
/** Where the last announcement of each member is kept, so a restarted agent still knows an old member that is down. */
const SETTINGS_KEY = 'announced_versions';

/** What this node announces. */
export const SELF_ANNOUNCEMENT: AnnouncedVersion = { version: AGENT_VERSION, protocol: CONFIG_PROTOCOL };

function isAnnouncement(body: unknown): body is AnnouncedVersion {
  const b = body as Partial<AnnouncedVersion> | null;
  return typeof b?.version === 'string' && b.version.length <= 64 && Number.isInteger(b.protocol) && (b.protocol ?? 0) >= 1;
}

/**
 * Rolling upgrades (docs/upgrade.md): every member announces its release and the config
 * protocol it speaks on a signed peer route; this node remembers the last announcement of
 * each (a member that is down keeps the one it made). A change that some member cannot
 * understand is refused, where it is proposed and again on the leader.
 */
@Injectable()
export class NodeVersions implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly announced = new Map<string, AnnouncedVersion>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly configs: ClusterConfigService,
    private readonly membership: ClusterMembership,
    private readonly mesh: MeshFacade,
    private readonly peerApi: PeerApiServer,
    private readonly client: PeerClient,
    private readonly settings: SettingsRepository,
    private readonly logger: JsonLogger,
  ) {}

  onModuleInit(): void {
    try {
      const stored = JSON.parse(this.settings.get(SETTINGS_KEY) ?? '{}') as Record<string, unknown>;
      for (const [name, seen] of Object.entries(stored)) if (isAnnouncement(seen)) this.announced.set(name, seen);
    } catch {
      /* unreadable: learnt again from the members */
    }
    this.peerApi.serve(PEER_ROUTES.version, () => Promise.resolve({ body: SELF_ANNOUNCEMENT }));
    this.configs.addGuard((change) => this.check(change));
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.refresh().catch(() => undefined), REFRESH_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Each member's last announcement (this node's own included); null for a member never heard. */
  all(): Record<string, AnnouncedVersion | null> {
    const { members, self } = this.mesh.state();
    return Object.fromEntries(members.map((m) => [m.name, m.name === self.nodeName ? SELF_ANNOUNCEMENT : (this.announced.get(m.name) ?? null)]));
  }

  /** Asks every online member for its announcement (2 s each); a member that does not answer keeps its last one. */
  async refresh(): Promise<void> {
    const state = this.mesh.state();
    const online = new Set(
      this.membership
        .view()
        ?.nodes.filter((n) => n.online)
        .map((n) => n.name) ?? [],
    );
    const others = state.members.filter((m) => m.name !== state.self.nodeName && online.has(m.name));
    await Promise.all(
      others.map(async (m) => {
        const answer = await this.client.call(PEER_ROUTES.version, { meshIp: m.meshIp, port: state.self.peerApiPort }, { timeoutMs: 2_000 }).catch(() => null);
        if (answer?.ok && isAnnouncement(answer.body)) this.remember(m.name, answer.body);
        // 404: a release from before announcements (sfha 0.1.0): it stays "not announced", the oldest protocol.
        else if (answer?.status === 404) this.announced.delete(m.name);
      }),
    );
    this.settings.set(SETTINGS_KEY, JSON.stringify(Object.fromEntries(this.announced)));
  }

  private remember(name: string, seen: AnnouncedVersion): void {
    const before = this.announced.get(name);
    if (before?.version !== seen.version || before.protocol !== seen.protocol) {
      this.logger.event('info', 'cluster', `${name} runs sfha ${seen.version} (config protocol ${seen.protocol})`);
    }
    this.announced.set(name, { version: seen.version, protocol: seen.protocol });
  }

  /** Refuses a change an older member could not understand (fresh answers from the online members first). */
  private async check(change: ConfigChange): Promise<void> {
    const { members } = this.mesh.state();
    const all = this.all();
    const refusal = protocolRefusal(
      change,
      members.map((m) => m.name),
      all,
    );
    if (refusal === null) return;
    await this.refresh();
    const fresh = protocolRefusal(
      change,
      members.map((m) => m.name),
      this.all(),
    );
    if (fresh !== null) throw new DomainError(ErrorCode.MemberTooOld, fresh);
  }
}
