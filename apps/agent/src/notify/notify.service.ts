import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { maskedNotifyTarget, notifyTargetProblems, notifyTargetSecrets, targetWants, unmaskedNotifyTarget, type NotifyTarget } from '@sfha/ha';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';
import { ClusterConfigService } from '../ha/cluster-config.service';
import type { Incident } from '../incidents/group-incidents';
import { IncidentsService } from '../incidents/incidents.service';
import { JsonLogger } from '../logging/json-logger';
import { SecretRegistry } from '../logging/secret-registry';
import { MeshFacade } from '../mesh/mesh.facade';
import type { NotifyDeliveryDto, NotifyTargetDto, NotifyTestResultDto, PutNotifyTargetDto } from './dto/notify.dto';
import { NotifyDeliveryRepository, type NotifyDelivery } from './notify-delivery.repository';
import { renderMessage, type NotifyEventKind } from './notify-message';
import { NOTIFY_SENDER } from './notify-sender.provider';
import type { NotifySender } from './notify-sender';
import { retryDelayMs } from './retry-schedule';

/**
 * Notifications (docs/architecture.md "Notifications"): the leader's incident watch announces each
 * incident opened and resolved once (IncidentsService.onChange); this sends one message per target
 * and change, in the background: nothing here is awaited by the watch or the HA engine, every send
 * has a timeout, and a failed one is tried again on the retry schedule. Each attempt goes to the
 * delivery log.
 */
@Injectable()
export class NotifyService implements OnModuleInit, OnApplicationShutdown {
  private readonly retries = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly configs: ClusterConfigService,
    private readonly incidents: IncidentsService,
    private readonly deliveries: NotifyDeliveryRepository,
    private readonly mesh: MeshFacade,
    private readonly secrets: SecretRegistry,
    private readonly logger: JsonLogger,
    @Inject(NOTIFY_SENDER) private readonly sender: NotifySender,
  ) {}

  onModuleInit(): void {
    this.incidents.onChange(({ kind, incident }) => this.announce(kind, incident));
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    for (const timer of this.retries) clearTimeout(timer);
    this.retries.clear();
  }

  targets(): NotifyTargetDto[] {
    return this.configured().map((t) => maskedNotifyTarget(t) as unknown as NotifyTargetDto);
  }

  /** Checked in full (each problem names its field; a script must be executable here), then committed cluster-wide. */
  async put(name: string, dto: PutNotifyTargetDto): Promise<NotifyTargetDto> {
    // The DTO instance carries its unset fields as undefined: they must not erase the defaults.
    const given = Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined));
    const sent = { events: 'incidents', minLevel: 'info', language: 'fr', ...given, name } as unknown as NotifyTarget;
    const stored = this.configured().find((t) => t.name === name);
    const { target, problems } = unmaskedNotifyTarget(sent, stored);
    problems.push(...notifyTargetProblems(target));
    if (problems.length === 0 && target.kind === 'script') problems.push(...(await scriptProblems(target.path)));
    if (problems.length > 0) throw new DomainError(ErrorCode.ValidationFailed, problems.join('; '));
    await this.configs.propose({ kind: 'put-notify-target', target });
    notifyTargetSecrets(target).forEach((s) => this.secrets.add(s));
    this.logger.event('info', 'notify', `notification target ${name} (${target.kind}) configured`);
    return maskedNotifyTarget(target);
  }

  async remove(name: string): Promise<void> {
    this.mustFind(name);
    await this.configs.propose({ kind: 'delete-notify-target', name });
    this.logger.event('info', 'notify', `notification target ${name} removed`);
  }

  /** Sends a test message now, from this node, and says how it went (logged like any delivery). */
  async test(name: string): Promise<NotifyTestResultDto> {
    const target = this.mustFind(name);
    const started = Date.now();
    const error = await this.attempt(target, 'test', null, 1);
    return { ok: error === null, error, ms: Date.now() - started };
  }

  deliveryLog(): NotifyDeliveryDto[] {
    const node = this.mesh.stateOrNull()?.self.nodeName ?? '';
    return this.deliveries.recent().map((d) => ({ ...d, node }));
  }

  /** From the incident watch (leader only): never awaited, never throws. */
  private announce(kind: 'opened' | 'resolved', incident: Incident): void {
    for (const target of this.configured()) {
      const language = target.language;
      const level = renderMessage({ kind, incident, cluster: '', sender: '', target: target.name, language }).level;
      if (!targetWants(target, level)) continue;
      void this.deliver(target.name, kind, incident, 1);
    }
  }

  /** One attempt; on failure the next is scheduled (with the target as configured then). */
  private async deliver(name: string, kind: NotifyEventKind, incident: Incident | null, attempt: number): Promise<void> {
    const target = this.configured().find((t) => t.name === name);
    if (!target || this.stopped) return;
    const error = await this.attempt(target, kind, incident, attempt);
    if (error === null) return;
    const delay = retryDelayMs(attempt);
    if (delay === null) {
      this.logger.event('warn', 'notify', `notification to ${name} given up after ${attempt} attempts: ${error}`);
      return;
    }
    const timer = setTimeout(() => {
      this.retries.delete(timer);
      void this.deliver(name, kind, incident, attempt + 1);
    }, delay);
    timer.unref();
    this.retries.add(timer);
  }

  /** Sends once and logs it; the error (null: delivered). */
  private async attempt(target: NotifyTarget, kind: NotifyEventKind, incident: Incident | null, attempt: number): Promise<string | null> {
    const state = this.mesh.stateOrNull();
    const sender = state?.self.nodeName ?? '';
    const cluster = state?.cluster.name ?? '';
    notifyTargetSecrets(target).forEach((s) => this.secrets.add(s));
    const message = renderMessage({ kind, incident, cluster, sender, target: target.name, language: target.language });
    let error: string | null = null;
    try {
      await this.sender.send(target, message, { cluster, sender, incident });
    } catch (e) {
      error = (e as Error).message || 'failed';
    }
    const delivery: Omit<NotifyDelivery, 'id'> = { target: target.name, incident: incident?.id ?? null, kind, attempt, ok: error === null, error, at: new Date().toISOString() };
    try {
      this.deliveries.record(delivery);
    } catch (e) {
      this.logger.event('warn', 'notify', `delivery log: ${(e as Error).message}`);
    }
    this.logger.event(error === null ? 'info' : 'warn', 'notify', `${kind} ${incident?.id ?? ''} → ${target.name} (attempt ${attempt}): ${error ?? 'delivered'}`);
    return error;
  }

  private configured(): NotifyTarget[] {
    return this.configs.current().config.notifyTargets ?? [];
  }

  private mustFind(name: string): NotifyTarget {
    const target = this.configured().find((t) => t.name === name);
    if (!target) throw new DomainError(ErrorCode.NotFound, `no notification target named ${name}`);
    return target;
  }
}

/** A script target must be an executable file on the node that takes the change (it runs on the leader: install it on every node). */
async function scriptProblems(path: string): Promise<string[]> {
  try {
    if (!(await stat(path)).isFile()) return [`path ${path} is not a file`];
    await access(path, constants.X_OK);
    return [];
  } catch (error) {
    return [(error as NodeJS.ErrnoException).code === 'ENOENT' ? `path ${path} does not exist on this node` : `path ${path} is not executable`];
  }
}
