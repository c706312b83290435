import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { armDecision, petDecision, petIntervalMs, type PetDecision, type WatchdogAdvert } from '@sfha/ha';
import type { AgentConfig } from '../config/agent-config';
import { AGENT_CONFIG } from '../config/agent-config.token';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';
import { ClusterConfigService } from '../ha/cluster-config.service';
import { ClusterMembership } from '../ha/cluster-membership.service';
import { JsonLogger } from '../logging/json-logger';
import { MeshFacade } from '../mesh/mesh.facade';
import { ResourceEngine } from '../resources/resource-engine.service';
import { WATCHDOG_DEVICE_DRIVER, type WatchdogDeviceDriver, type WatchdogHandle } from './watchdog-device';
import { advertToPropose, armTimeout, deviceProblem, deviceTimeoutNow, resolveWatchdogDevice, timeoutLine } from './watchdog-rules';

/** How often the rules are looked at; the device is written at petIntervalMs. */
const CHECK_MS = 250;
/**
 * The HA loop counts as hung after this long without progress. Safety does not rest on it (a
 * node without fresh quorum that runs something is never petted), so it is generous: a slow
 * start while quorate must not reset a machine.
 */
const LOOP_STALL_MS = 30_000;
/** An advert that could not be committed is tried again this often. */
const ADVERT_RETRY_MS = 2_000;
/** A clean stop waits this long for the advert's withdrawal before the magic close. */
const WITHDRAW_WAIT_MS = 3_000;

export interface WatchdogStatus {
  /** What was asked (--watchdog-device): a path, "auto", or null for none. */
  setting: string | null;
  device: string | null;
  armed: boolean;
  timeoutMs: number | null;
  lastPetAt: string | null;
  petting: boolean;
  /** Why it is petted or not, or why it is not armed. */
  why: string;
  /** Why the device cannot be used, said at boot (then it is never armed nor advertised). */
  problem: string | null;
  testing: boolean;
}

/**
 * Watchdog self-fencing on this node (docs/architecture.md, "Watchdog"). It arms the device
 * once this agent has been in a quorate membership, pets it while petDecision says so (the HA
 * loop alive, and fresh quorum or nothing running here), advertises {armed, timeout} in the
 * replicated config (armed only after arming, withdrawn before disarming), and disarms with a
 * magic close on a clean stop once nothing runs here (a stop that failed leaves it armed: the
 * machine resets).
 */
@Injectable()
export class WatchdogService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly device: string | null;
  private problem: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private handle: WatchdogHandle | null = null;
  private armedTimeoutMs = 0;
  private joinedQuorate = false;
  private lastPetAt: number | null = null;
  private decision: PetDecision | null = null;
  private notArmedWhy = 'not yet in a quorate cluster';
  private testing = false;
  private stopping = false;
  private proposing = false;
  private lastProposalAt = 0;

  constructor(
    @Inject(AGENT_CONFIG) private readonly agentConfig: AgentConfig,
    @Inject(WATCHDOG_DEVICE_DRIVER) private readonly driver: WatchdogDeviceDriver,
    private readonly configs: ClusterConfigService,
    private readonly membership: ClusterMembership,
    private readonly engine: ResourceEngine,
    private readonly mesh: MeshFacade,
    private readonly logger: JsonLogger,
  ) {
    this.device = resolveWatchdogDevice(agentConfig.watchdogDevice, (path) => driver.facts(path).exists);
  }

  onApplicationBootstrap(): void {
    if (this.device === null) {
      this.notArmedWhy = this.agentConfig.watchdogDevice === 'auto' ? 'no watchdog device (auto: /dev/watchdog is not present)' : 'no watchdog device (--watchdog-device none)';
      return;
    }
    this.problem = deviceProblem(this.device, this.driver.facts(this.device));
    // One clear line at boot; the device is then never armed nor advertised.
    if (this.problem) return this.logger.event('error', 'watchdog', `watchdog not armed: ${this.problem}`);
    this.logger.event('info', 'watchdog', `watchdog device ${this.device}: armed once this node is in a quorate cluster`);
    this.timer = setInterval(() => this.check(), CHECK_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    if (!this.handle) return;
    if (!this.engine.runsNothing()) {
      // Never disarm while something may still run here: the leader will count on the reset.
      this.logger.event('error', 'watchdog', `stopping with resources still running here: the watchdog stays armed, the machine resets within ${this.armedTimeoutMs / 1000} s`);
      return;
    }
    this.handle.write('.');
    await Promise.race([this.withdraw(), new Promise((resolve) => setTimeout(resolve, WITHDRAW_WAIT_MS))]);
    this.handle.magicClose();
    this.handle = null;
    this.logger.event('info', 'watchdog', 'watchdog disarmed (magic close): a clean stop never resets the machine');
  }

  status(): WatchdogStatus {
    const armed = this.handle !== null;
    return {
      setting: this.agentConfig.watchdogDevice,
      device: this.device,
      armed,
      timeoutMs: armed ? this.armedTimeoutMs : null,
      lastPetAt: this.lastPetAt === null ? null : new Date(this.lastPetAt).toISOString(),
      petting: armed && !this.testing && (this.decision?.pet ?? false),
      why: this.problem ?? (!armed ? this.notArmedWhy : this.testing ? 'test: petting stopped on request, the machine resets' : (this.decision?.why ?? 'armed')),
      problem: this.problem,
      testing: this.testing,
    };
  }

  /** {@link status} with every member's advert and fence devices. */
  clusterStatus(): WatchdogStatus & { nodes: { node: string; armed: boolean; timeoutMs: number | null; fenceDevices: string[] }[] } {
    const { config } = this.configs.current();
    const members = this.mesh.stateOrNull()?.members.map((m) => m.name) ?? [];
    const nodes = members.map((node) => {
      const advert = config.watchdogs?.[node];
      return {
        node,
        armed: advert?.armed ?? false,
        timeoutMs: advert?.armed ? advert.timeoutMs : null,
        fenceDevices: (config.fenceDevices ?? []).filter((d) => d.hostMap[node] !== undefined).map((d) => d.name),
      };
    });
    return { ...this.status(), nodes };
  }

  /** `sfha node watchdog test --force`: stops petting; the machine resets within the timeout. */
  test(force: boolean): { resetsWithinMs: number } {
    if (!this.handle) throw new DomainError(ErrorCode.ValidationFailed, `the watchdog is not armed here (${this.status().why}): nothing to test`);
    if (!force)
      throw new DomainError(ErrorCode.ValidationFailed, `this stops petting the watchdog: the machine resets within ${this.armedTimeoutMs / 1000} s, without a clean stop. Repeat with force to do it`);
    this.testing = true;
    this.logger.event('warn', 'watchdog', `watchdog test: petting stopped on request, the machine resets within ${this.armedTimeoutMs / 1000} s`);
    return { resetsWithinMs: this.armedTimeoutMs };
  }

  private self(): string | null {
    return this.mesh.stateOrNull()?.self.nodeName ?? null;
  }

  private check(): void {
    if (this.stopping || !this.device) return;
    const now = Date.now();
    const view = this.membership.view();
    const wantedTimeoutMs = this.configs.current().config.settings.watchdogTimeoutMs;
    if (view?.quorate) this.joinedQuorate = true;
    if (!this.handle) {
      const verdict = armDecision({ deviceConfigured: this.problem === null, joinedQuorateCluster: this.joinedQuorate && this.self() !== null });
      if (!verdict.arm) return void (this.notArmedWhy = verdict.why);
      this.arm(this.device, wantedTimeoutMs);
      if (!this.handle) return;
    }
    const viewAgeMs = now - this.membership.viewReadAt();
    const fresh = viewAgeMs <= this.armedTimeoutMs / 2;
    const decided = petDecision({ now, loopProgressAt: this.engine.lastProgressAt(), loopStallMs: LOOP_STALL_MS, quorate: (view?.quorate ?? false) && fresh, runsNothing: this.engine.runsNothing() });
    // Quorum counted out only for staleness: say so, not "no quorum".
    const next =
      !decided.pet && view?.quorate && !fresh
        ? { pet: false as const, why: `the membership view is ${(viewAgeMs / 1000).toFixed(1)} s old (Corosync not read in time) and resources run here` }
        : decided;
    if (this.decision && this.decision.pet !== next.pet)
      this.logger.event(
        next.pet ? 'info' : 'warn',
        'watchdog',
        next.pet ? `watchdog petted again: ${next.why}` : `watchdog no longer petted: ${next.why} (the machine resets in ${this.armedTimeoutMs / 1000} s unless that changes)`,
      );
    this.decision = next;
    if (this.decision.pet && !this.testing && now - (this.lastPetAt ?? 0) >= petIntervalMs(this.armedTimeoutMs)) {
      if (this.handle?.write('.')) this.lastPetAt = now;
    }
    this.followTimeout(wantedTimeoutMs);
    this.syncAdvert(wantedTimeoutMs);
  }

  private arm(device: string, clusterTimeoutMs: number): void {
    const facts = this.driver.facts(device);
    const timeout = armTimeout(clusterTimeoutMs, facts.kind === 'character-device' ? this.driver.deviceTimeoutMs(device) : null, facts.kind);
    if (!timeout.ok) return this.refuse(`${device}: ${timeout.why}`);
    try {
      this.handle = this.driver.open(device);
    } catch (error) {
      return this.refuse(`cannot open ${device}: ${(error as Error).message}`);
    }
    this.armedTimeoutMs = timeout.timeoutMs;
    this.handle.write(timeoutLine(timeout.timeoutMs));
    this.lastPetAt = Date.now();
    this.logger.event('info', 'watchdog', `watchdog armed: ${device}, timeout ${timeout.timeoutMs / 1000} s`);
  }

  private refuse(problem: string): void {
    this.problem = problem;
    this.logger.event('error', 'watchdog', `watchdog not armed: ${problem}`);
  }

  /** A FIFO follows the cluster's timeout (a longer one once advertised); a character device keeps its own. */
  private followTimeout(wantedTimeoutMs: number): void {
    const self = this.self();
    if (!this.handle || !self || !this.device || this.driver.facts(this.device).kind === 'character-device') return;
    const next = deviceTimeoutNow(this.armedTimeoutMs, wantedTimeoutMs, this.configs.current().config.watchdogs?.[self]);
    if (next === this.armedTimeoutMs) return;
    if (this.handle.write(timeoutLine(next))) {
      this.logger.event('info', 'watchdog', `watchdog timeout ${this.armedTimeoutMs / 1000} s → ${next / 1000} s`);
      this.armedTimeoutMs = next;
    }
  }

  private syncAdvert(wantedTimeoutMs: number): void {
    const self = this.self();
    if (!self || this.proposing || Date.now() - this.lastProposalAt < ADVERT_RETRY_MS || !this.configs.knowsCluster()) return;
    const armed = this.handle && this.device ? { device: this.device, timeoutMs: this.armedTimeoutMs } : null;
    const keep = this.driver.facts(this.device ?? '').kind === 'character-device' ? this.armedTimeoutMs : wantedTimeoutMs;
    const advert = advertToPropose(armed, keep, this.configs.current().config.watchdogs?.[self]);
    if (advert) void this.propose(self, advert);
  }

  private async propose(self: string, advert: WatchdogAdvert): Promise<void> {
    this.proposing = true;
    this.lastProposalAt = Date.now();
    try {
      await this.configs.propose({ kind: 'watchdog', node: self, advert });
      this.logger.event('info', 'watchdog', `watchdog advertised: ${advert.armed ? `armed, ${advert.timeoutMs / 1000} s` : 'disarmed'}`);
    } catch (error) {
      this.logger.event('warn', 'watchdog', `could not advertise the watchdog (${advert.armed ? 'armed' : 'disarmed'}): ${(error as Error).message}`);
    } finally {
      this.proposing = false;
    }
  }

  /** Before the magic close: the cluster stops counting on this watchdog (best effort: without quorum the 2× rule still holds, as nothing runs here). */
  private async withdraw(): Promise<void> {
    const self = this.self();
    const committed = self ? this.configs.current().config.watchdogs?.[self] : undefined;
    if (!self || !committed?.armed || !this.membership.view()?.quorate) return;
    await this.configs.propose({ kind: 'watchdog', node: self, advert: { ...committed, armed: false } }).catch((error: Error) => {
      this.logger.event('warn', 'watchdog', `could not withdraw the watchdog advert before stopping: ${error.message}`);
    });
  }
}
