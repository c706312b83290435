import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { EventsService } from '../events/events.service';
import { decideFence, DEFAULT_FENCE_POLICY, fenceParameterProblems, FenceAgentNotFound, maskedWebhookUrl, SECRET_MASK, SFHA_SUPPLIED_PARAMETERS, unmaskedValues, unmaskedWebhookUrl, webhookProblems, webhookUrlSecrets, type AgentFenceDevice, type FenceAction, type FenceAgentDriver, type FenceAgentMetadata, type FenceDevice, type FenceRun, type FenceWebhookDriver, type WebhookTarget } from '@sfha/ha';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';
import { ClusterConfigService } from '../ha/cluster-config.service';
import { askOnlineMembers } from '../ha/ask-online-members';
import { ClusterMembership } from '../ha/cluster-membership.service';
import { JsonLogger } from '../logging/json-logger';
import { SecretRegistry } from '../logging/secret-registry';
import { MeshReplication } from '../mesh/mesh-replication.service';
import { PeerApiServer } from '../mesh/peer-api/peer-api.server';
import { PeerClient } from '../mesh/peer-api/peer-client';
import type { FenceAgentDto, FenceDeviceDto, FenceEventDto, FencingStatusDto, NodePowerDto, PutFenceDeviceDto } from './dto/fencing.dto';
import { FENCE_AGENT_DRIVER } from './fence-agent-driver.provider';
import { FENCE_WEBHOOK_DRIVER } from './fence-webhook-driver.provider';
import { FenceHistoryRepository, type FenceEvent } from './fence-history.repository';

const HISTORY_PATH = '/peer/v1/fencing/history';

const DEVICE_NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** STONITH: fence devices (in the replicated config), manual fence and unfence, history. */
@Injectable()
export class FencingService implements OnModuleInit {
  private readonly startedAt = Date.now();
  private readonly metadataCache = new Map<string, FenceAgentMetadata>();

  constructor(
    private readonly configs: ClusterConfigService,
    private readonly membership: ClusterMembership,
    private readonly replication: MeshReplication,
    private readonly history: FenceHistoryRepository,
    private readonly peerApi: PeerApiServer,
    private readonly client: PeerClient,
    @Inject(FENCE_AGENT_DRIVER) private readonly driver: FenceAgentDriver,
    @Inject(FENCE_WEBHOOK_DRIVER) private readonly webhookDriver: FenceWebhookDriver,
    private readonly secrets: SecretRegistry,
    private readonly events: EventsService,
    private readonly logger: JsonLogger,
  ) {}

  onModuleInit(): void {
    this.peerApi.register('GET', HISTORY_PATH, (req) => {
      this.replication.authenticate(req);
      return Promise.resolve({ status: 200, body: this.history.recent() });
    });
  }

  /** Every member's fences (those it can reach), newest first: the safety rules count them all. */
  async clusterHistory(): Promise<FenceEventDto[]> {
    const remote = await askOnlineMembers<FenceEvent>({ replication: this.replication, membership: this.membership, client: this.client }, HISTORY_PATH);
    const local = this.history.recent().map((e) => ({ ...e, executedBy: this.replication.state().self.nodeName }));
    return [...local, ...remote.flatMap((r) => r.items.map((e) => ({ ...e, executedBy: r.member })))].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  }

  async agent(name: string): Promise<FenceAgentDto> {
    const meta = await this.metadata(name);
    return { ...meta, parameters: meta.parameters.map((p) => ({ ...p, suppliedBySfha: (SFHA_SUPPLIED_PARAMETERS as readonly string[]).includes(p.name) })) };
  }

  async devices(): Promise<FenceDeviceDto[]> {
    return Promise.all(this.configuredDevices().map((d) => this.masked(d)));
  }

  /** Checked (an agent against its own metadata, a webhook's URL and headers), then committed cluster-wide (quorum required). */
  async putDevice(name: string, dto: PutFenceDeviceDto): Promise<FenceDeviceDto> {
    if (!DEVICE_NAME.test(name)) throw new DomainError(ErrorCode.ValidationFailed, 'name must be 1-63 lowercase letters, digits, dashes or underscores');
    const members = this.replication.state().members.map((m) => m.name);
    const existing = this.configuredDevices().find((d) => d.name === name);
    // A masked secret sent back unchanged keeps the stored value; any other value must be a string.
    const stored = existing?.kind === 'webhook' ? existing.webhook : undefined;
    const url = dto.kind === 'webhook' ? unmaskedWebhookUrl(String(dto.webhook?.url ?? ''), stored?.url) : null;
    const headers = unmaskedValues('webhook header', dto.webhook?.headers ?? {}, stored?.headers);
    const webhook: WebhookTarget | null = url ? { url: url.url, headers: headers.values } : null;
    const agent = dto.agent ?? '';
    const params = unmaskedValues('param', webhook ? {} : (dto.params ?? {}), existing?.kind === 'webhook' ? undefined : existing?.params);
    const problems = [
      ...(url ? [...url.problems, ...headers.problems] : params.problems),
      ...(webhook ? webhookProblems(webhook) : fenceParameterProblems(await this.metadata(agent), params.values)),
      ...Object.keys(dto.hostMap).filter((n) => !members.includes(n)).map((n) => `hostMap: ${n} is not a member (members: ${members.join(', ')})`),
      ...Object.entries(dto.hostMap).filter(([, plug]) => typeof plug !== 'string' || plug === '' || /[\r\n]/.test(plug)).map(([n]) => `hostMap: the plug of ${n} must be a one-line name`),
    ];
    if (Object.keys(dto.hostMap).length === 0) problems.push('hostMap must name at least one node and its plug');
    if (problems.length > 0) throw new DomainError(ErrorCode.ValidationFailed, problems.join('; '));
    const common = { name, hostMap: dto.hostMap, timeoutSeconds: dto.timeoutSeconds ?? 30 };
    const device: FenceDevice = webhook ? { ...common, kind: 'webhook', webhook } : { ...common, kind: 'agent', agent, params: params.values };
    await this.configs.propose({ kind: 'put-fence-device', device });
    this.logger.event('info', 'fencing', `fence device ${name} (${webhook ? 'webhook' : agent}) configured`, { nodes: Object.keys(dto.hostMap) });
    return this.masked(device);
  }

  async deleteDevice(name: string): Promise<void> {
    if (!this.configuredDevices().some((d) => d.name === name)) throw new DomainError(ErrorCode.FenceDeviceNotFound, `no fence device named ${name}`);
    await this.configs.propose({ kind: 'delete-fence-device', name });
  }

  async status(): Promise<FencingStatusDto> {
    const members = this.replication.state().members.map((m) => m.name);
    const nodes: NodePowerDto[] = await Promise.all(
      members.map(async (node) => {
        const device = this.deviceFor(node);
        if (!device) return { node, device: null, power: 'no-device' as const };
        const run = await this.runDevice(device, 'status', node);
        return { node, device: device.name, power: run.exitCode === 0 ? ('on' as const) : run.exitCode === 2 ? ('off' as const) : ('unknown' as const) };
      }),
    );
    const { settings } = this.configs.current().config;
    return { enabled: this.configuredDevices().length > 0, devices: await this.devices(), nodes, policy: { ...DEFAULT_FENCE_POLICY, minDelayMs: settings.fenceMinDelayMs, startupGraceMs: settings.fenceStartupGraceMs, stormLimit: settings.fenceStormLimit } };
  }

  /** Powers `node` off (or reboots it) through its device, within the safety rules. */
  async fence(node: string, action: 'off' | 'reboot' | 'on', requestedBy: 'admin' | 'leader'): Promise<FenceEventDto> {
    const members = this.replication.state().members.map((m) => m.name);
    if (!members.includes(node)) throw new DomainError(ErrorCode.MemberNotFound, `no member named ${node} (members: ${members.join(', ')})`);
    const device = this.deviceFor(node);
    if (!device) throw new DomainError(ErrorCode.NoFenceDevice, `no fence device can fence ${node}: configure one (sfha stonith device-set)`);
    const now = Date.now();
    if (action !== 'on') {
      const { settings } = this.configs.current().config;
      const policy = { ...DEFAULT_FENCE_POLICY, minDelayMs: settings.fenceMinDelayMs, startupGraceMs: settings.fenceStartupGraceMs, stormLimit: settings.fenceStormLimit };
      const decision = decideFence({
        node,
        manual: requestedBy === 'admin',
        quorate: this.membership.view()?.quorate ?? false,
        now,
        agentStartedAt: this.startedAt,
        history: (await this.clusterHistory()).filter((e) => e.action !== 'on').map((e) => ({ node: e.node, at: Date.parse(e.startedAt) })),
      }, policy);
      if (!decision.ok) throw new DomainError(decision.rule === 'quorum' ? ErrorCode.NoQuorum : ErrorCode.FenceRefused, decision.reason);
    }
    this.logger.event('warn', 'fencing', `${action === 'on' ? 'unfencing' : 'fencing'} ${node} (${action}) with ${device.name}`, { requestedBy });
    const run = await this.runDevice(device, action, node);
    const event = this.history.record({
      node,
      action,
      device: device.name,
      requestedBy,
      startedAt: new Date(now).toISOString(),
      finishedAt: new Date().toISOString(),
      ok: run.exitCode === 0,
      exitCode: run.exitCode,
      output: run.output,
      durationMs: run.durationMs,
    });
    this.events.record('fencing', event.ok ? 'warn' : 'error', `${node} ${action === 'on' ? 'unfenced' : `fenced (${action})`}: ${event.ok ? 'confirmed' : 'FAILED'} in ${run.durationMs} ms`, { node, action, device: device.name, requestedBy, exitCode: run.exitCode });
    if (!event.ok) throw new DomainError(ErrorCode.FenceFailed, `${device.kind === 'webhook' ? 'the webhook' : 'the fence agent'} did not confirm ${action} of ${node} (exit code ${run.exitCode}): ${run.output}`);
    return { ...event, executedBy: this.replication.state().self.nodeName };
  }

  /** One path for both kinds: same exit codes (0 done / on, 2 off), same timeout, same masking. */
  private runDevice(device: FenceDevice, action: FenceAction, node: string): Promise<FenceRun> {
    const plug = device.hostMap[node] ?? node;
    const options = { timeoutMs: device.timeoutSeconds * 1000, secrets: this.secretsOf(device) };
    if (device.kind === 'webhook') {
      return this.webhookDriver.run(device.webhook, { action, node, plug, device: device.name, cluster: this.replication.state().cluster.name }, options);
    }
    return this.driver.run(device.agent, device.params, action, plug, options);
  }

  private configuredDevices(): FenceDevice[] {
    return this.configs.current().config.fenceDevices ?? [];
  }

  private deviceFor(node: string): FenceDevice | undefined {
    return this.configuredDevices().find((d) => d.hostMap[node] !== undefined);
  }

  private async metadata(agent: string): Promise<FenceAgentMetadata> {
    const cached = this.metadataCache.get(agent);
    if (cached) return cached;
    try {
      const meta = await this.driver.metadata(agent);
      this.metadataCache.set(agent, meta);
      return meta;
    } catch (error) {
      if (error instanceof FenceAgentNotFound) throw new DomainError(ErrorCode.FenceAgentNotFound, error.message);
      throw error;
    }
  }

  private secretsOf(device: FenceDevice): string[] {
    if (device.kind === 'webhook') {
      const values = [...Object.values(device.webhook.headers), ...webhookUrlSecrets(device.webhook.url)];
      values.forEach((v) => this.secrets.add(v));
      return values;
    }
    const meta = this.metadataCache.get(device.agent);
    const values = Object.entries(device.params)
      .filter(([k]) => meta?.parameters.find((p) => p.name === k)?.secret ?? /pass|key|token/i.test(k))
      .map(([, v]) => v);
    values.forEach((v) => this.secrets.add(v));
    return values;
  }

  private async masked(device: FenceDevice): Promise<FenceDeviceDto> {
    const common = { name: device.name, hostMap: device.hostMap, timeoutSeconds: device.timeoutSeconds };
    if (device.kind === 'webhook') {
      this.secretsOf(device); // the log masks them from now on, not only once a fence ran
      return { ...common, kind: 'webhook', agent: null, params: {}, webhook: { url: maskedWebhookUrl(device.webhook.url), headers: Object.fromEntries(Object.keys(device.webhook.headers).map((k) => [k, SECRET_MASK])) } };
    }
    return { ...common, kind: 'agent', agent: device.agent, params: await this.maskedParams(device), webhook: null };
  }

  private async maskedParams(device: AgentFenceDevice): Promise<Record<string, string>> {
    await this.metadata(device.agent).catch(() => undefined);
    const secret = new Set(this.secretsOf(device));
    return Object.fromEntries(Object.entries(device.params).map(([k, v]) => [k, secret.has(v) ? SECRET_MASK : v]));
  }
}
