import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { EventsService } from '../events/events.service';
import {
  decideFence,
  DEFAULT_FENCE_POLICY,
  fenceLevelProblems,
  fenceParameterProblems,
  fenceSteps,
  FenceAgentNotFound,
  maskedWebhookUrl,
  SECRET_MASK,
  SFHA_SUPPLIED_PARAMETERS,
  unmaskedValues,
  unmaskedWebhookUrl,
  webhookProblems,
  webhookUrlSecrets,
  type AgentFenceDevice,
  type FenceAction,
  type FenceAgentDriver,
  type FenceAgentMetadata,
  type FenceDevice,
  type FenceRun,
  type FenceWebhookDriver,
  type WebhookTarget,
} from '@sfha/ha';
import { currentActor } from '../auth/actor-context';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';
import { ClusterConfigService } from '../ha/cluster-config.service';
import { askOnlineMembers } from '../ha/ask-online-members';
import { ClusterMembership } from '../ha/cluster-membership.service';
import { JsonLogger } from '../logging/json-logger';
import { SecretRegistry } from '../logging/secret-registry';
import { MeshFacade } from '../mesh/mesh.facade';
import { PeerApiServer } from '../peer/peer-api.server';
import { PeerClient } from '../peer/peer-client';
import { PEER_ROUTES } from '../peer/peer-routes';
import type { FenceAgentDto, FenceDeviceDto, FenceEventDto, FenceLevelDto, FencingStatusDto, NodePowerDto, PutFenceDeviceDto } from './dto/fencing.dto';
import { FENCE_AGENT_DRIVER } from './fence-agent-driver.provider';
import { FENCE_WEBHOOK_DRIVER } from './fence-webhook-driver.provider';
import { FenceHistoryRepository } from './fence-history.repository';

const DEVICE_NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** STONITH: fence devices (in the replicated config), manual fence and unfence, history. */
@Injectable()
export class FencingService implements OnModuleInit {
  private readonly metadataCache = new Map<string, FenceAgentMetadata>();

  constructor(
    private readonly configs: ClusterConfigService,
    private readonly membership: ClusterMembership,
    private readonly mesh: MeshFacade,
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
    this.peerApi.serve(PEER_ROUTES.fenceHistory, () => Promise.resolve({ body: this.history.recent() }));
  }

  /** Every member's fences (those it can reach), newest first: the safety rules count them all. */
  async clusterHistory(): Promise<FenceEventDto[]> {
    const remote = await askOnlineMembers({ mesh: this.mesh, membership: this.membership, client: this.client }, PEER_ROUTES.fenceHistory);
    const local = this.history.recent().map((e) => ({ ...e, executedBy: this.mesh.state().self.nodeName }));
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
    const members = this.mesh.state().members.map((m) => m.name);
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
      ...Object.keys(dto.hostMap)
        .filter((n) => !members.includes(n))
        .map((n) => `hostMap: ${n} is not a member (members: ${members.join(', ')})`),
      ...Object.entries(dto.hostMap)
        .filter(([, plug]) => typeof plug !== 'string' || plug === '' || /[\r\n]/.test(plug))
        .map(([n]) => `hostMap: the plug of ${n} must be a one-line name`),
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

  /** Each member's devices in the order they are tried (its levels if set, else every device naming it, by name). */
  levels(): FenceLevelDto[] {
    const set = this.configs.current().config.fenceLevels ?? {};
    return this.mesh.state().members.map((m) => ({ node: m.name, devices: this.devicesFor(m.name).map((d) => d.name), custom: set[m.name] !== undefined }));
  }

  /** Sets the order in which `node`'s devices are tried (empty: back to every device naming it, by name); quorum required. */
  async setLevels(node: string, devices: string[]): Promise<FenceLevelDto[]> {
    const members = this.mesh.state().members.map((m) => m.name);
    const problems = fenceLevelProblems(node, devices, this.configuredDevices(), members);
    if (problems.length > 0) throw new DomainError(members.includes(node) ? ErrorCode.ValidationFailed : ErrorCode.MemberNotFound, problems.join('; '));
    await this.configs.propose({ kind: 'fence-levels', node, devices });
    this.logger.event('info', 'fencing', devices.length > 0 ? `fencing levels of ${node}: ${devices.join(', ')}` : `fencing levels of ${node}: every device naming it`);
    return this.levels();
  }

  async status(): Promise<FencingStatusDto> {
    const members = this.mesh.state().members.map((m) => m.name);
    const nodes: NodePowerDto[] = await Promise.all(
      members.map(async (node) => {
        const device = this.deviceFor(node);
        if (!device) return { node, device: null, power: 'no-device' as const };
        const run = await this.runDevice(device, 'status', node);
        return { node, device: device.name, power: run.exitCode === 0 ? ('on' as const) : run.exitCode === 2 ? ('off' as const) : ('unknown' as const) };
      }),
    );
    const { settings } = this.configs.current().config;
    return {
      enabled: this.configuredDevices().length > 0,
      devices: await this.devices(),
      nodes,
      levels: this.levels(),
      policy: { ...DEFAULT_FENCE_POLICY, minDelayMs: settings.fenceMinDelayMs, stormLimit: settings.fenceStormLimit },
    };
  }

  /**
   * Powers `node` off (or reboots it, or on again) through its devices in level order, within the
   * safety rules: a device that fails is recorded and the next one is tried (`pcs stonith level`);
   * the first that confirms ends it. Every device failed: FENCE_FAILED naming each.
   */
  async fence(node: string, action: 'off' | 'reboot' | 'on', requestedBy: 'admin' | 'leader'): Promise<FenceEventDto> {
    const members = this.mesh.state().members.map((m) => m.name);
    if (!members.includes(node)) throw new DomainError(ErrorCode.MemberNotFound, `no member named ${node} (members: ${members.join(', ')})`);
    const devices = this.devicesFor(node);
    if (devices.length === 0) throw new DomainError(ErrorCode.NoFenceDevice, `no fence device can fence ${node}: configure one (sfha stonith device-set)`);
    const now = Date.now();
    if (action !== 'on') {
      const { settings } = this.configs.current().config;
      const policy = { ...DEFAULT_FENCE_POLICY, minDelayMs: settings.fenceMinDelayMs, stormLimit: settings.fenceStormLimit };
      const decision = decideFence(
        {
          node,
          manual: requestedBy === 'admin',
          quorate: this.membership.view()?.quorate ?? false,
          now,
          clusterKnown: this.configs.knowsCluster(),
          history: (await this.clusterHistory()).filter((e) => e.action !== 'on').map((e) => ({ node: e.node, at: Date.parse(e.startedAt) })),
        },
        policy,
      );
      if (!decision.ok) throw new DomainError(decision.rule === 'quorum' ? ErrorCode.NoQuorum : ErrorCode.FenceRefused, decision.reason);
    }
    // The history names who asked: the user or token of the request, or the leader.
    const requester = requestedBy === 'admin' ? (currentActor() ?? 'admin') : requestedBy;
    const failures: string[] = [];
    for (const device of devices) {
      const event = await this.runLevel(device, node, action, requester);
      if (event.ok) return { ...event, executedBy: this.mesh.state().self.nodeName };
      failures.push(
        `${device.kind === 'webhook' ? 'the webhook' : 'the fence agent'}${devices.length > 1 ? ` of ${device.name}` : ''} did not confirm ${action} of ${node} (exit code ${event.exitCode}): ${event.output}`,
      );
    }
    throw new DomainError(ErrorCode.FenceFailed, failures.join('; then '));
  }

  /**
   * A departed owner the leader counts as fenced by its watchdog (sbd's rule): in the fence
   * history like a device's fence, device `watchdog`, started when it left, lasting the wait.
   */
  recordWatchdogFence(node: string, waitedMs: number, timeoutMs: number): void {
    const finishedAt = Date.now();
    this.history.record({
      node,
      action: 'off',
      device: 'watchdog',
      requestedBy: 'leader',
      startedAt: new Date(finishedAt - waitedMs).toISOString(),
      finishedAt: new Date(finishedAt).toISOString(),
      ok: true,
      exitCode: 0,
      output: `no word from ${node} for ${waitedMs} ms, 2 × its watchdog timeout of ${timeoutMs} ms: it has reset or runs nothing`,
      durationMs: waitedMs,
    });
  }

  /** One device's attempt, recorded in the history and the timeline whatever its result. */
  private async runLevel(device: FenceDevice, node: string, action: 'off' | 'reboot' | 'on', requester: string): Promise<Omit<FenceEventDto, 'executedBy'>> {
    const startedAt = new Date().toISOString();
    this.logger.event('warn', 'fencing', `${action === 'on' ? 'unfencing' : 'fencing'} ${node} (${action}) with ${device.name}`, { requestedBy: requester });
    const run = await this.runDevice(device, action, node);
    const event = this.history.record({
      node,
      action,
      device: device.name,
      requestedBy: requester,
      startedAt,
      finishedAt: new Date().toISOString(),
      ok: run.exitCode === 0,
      exitCode: run.exitCode,
      output: run.output,
      durationMs: run.durationMs,
    });
    const fence = { node, device: device.name, ms: run.durationMs, requestedBy: requester, exitCode: run.exitCode };
    this.events.record(
      action === 'on' ? { code: event.ok ? 'unfence.confirmed' : 'unfence.failed', params: fence } : { code: event.ok ? 'fence.confirmed' : 'fence.failed', params: { ...fence, action } },
    );
    return event;
  }

  /** One path for both kinds: same exit codes (0 done / on, 2 off), same timeout, same masking. */
  private runDevice(device: FenceDevice, action: FenceAction, node: string): Promise<FenceRun> {
    const plug = device.hostMap[node] ?? node;
    const options = { timeoutMs: device.timeoutSeconds * 1000, secrets: this.secretsOf(device) };
    if (device.kind === 'webhook') {
      return this.webhookDriver.run(device.webhook, { action, node, plug, device: device.name, cluster: this.mesh.state().cluster.name }, options);
    }
    return this.driver.run(device.agent, device.params, action, plug, options);
  }

  private configuredDevices(): FenceDevice[] {
    return this.configs.current().config.fenceDevices ?? [];
  }

  /** The first device tried for `node` (its power is read through it). */
  private deviceFor(node: string): FenceDevice | undefined {
    return this.devicesFor(node)[0];
  }

  /** `node`'s devices in level order (libs/ha fence-levels.ts). */
  private devicesFor(node: string): FenceDevice[] {
    const config = this.configs.current().config;
    const devices = this.configuredDevices();
    return fenceSteps(node, devices, config.fenceLevels ?? {}, undefined).flatMap((step) => devices.filter((d) => step.kind === 'device' && d.name === step.device));
  }

  /** A fence agent's metadata (cached); FENCE_AGENT_NOT_FOUND when it is not installed here. */
  async metadata(agent: string): Promise<FenceAgentMetadata> {
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
      return {
        ...common,
        kind: 'webhook',
        agent: null,
        params: {},
        webhook: { url: maskedWebhookUrl(device.webhook.url), headers: Object.fromEntries(Object.keys(device.webhook.headers).map((k) => [k, SECRET_MASK])) },
      };
    }
    return { ...common, kind: 'agent', agent: device.agent, params: await this.maskedParams(device), webhook: null };
  }

  private async maskedParams(device: AgentFenceDevice): Promise<Record<string, string>> {
    await this.metadata(device.agent).catch(() => undefined);
    const secret = new Set(this.secretsOf(device));
    return Object.fromEntries(Object.entries(device.params).map(([k, v]) => [k, secret.has(v) ? SECRET_MASK : v]));
  }
}
