import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { managementStep, type ManagementAddress, type ResourceDriver, type VipResource } from '@sfha/ha';
import { ClusterConfigService } from '../ha/cluster-config.service';
import { ClusterMembership } from '../ha/cluster-membership.service';
import { JsonLogger } from '../logging/json-logger';
import { MeshFacade } from '../mesh/mesh.facade';
import { RESOURCE_DRIVER } from './resource-driver.provider';

const CHECK_MS = 1_000;
const asVip = (m: ManagementAddress): VipResource => ({ kind: 'vip', name: 'management', address: m.address, interface: m.interface });

/**
 * The management address (issue 12 §6): the quorate leader holds the cluster's one floating
 * address for the dashboard and the API (management-address.ts decides; this runs it). Looked
 * at on every change of the membership or the config, and every second; let go on a stop.
 */
@Injectable()
export class ManagementAddressService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private applied: ManagementAddress | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private stopping = false;

  constructor(
    private readonly configs: ClusterConfigService,
    private readonly membership: ClusterMembership,
    private readonly mesh: MeshFacade,
    @Inject(RESOURCE_DRIVER) private readonly driver: ResourceDriver,
    private readonly logger: JsonLogger,
  ) {}

  onApplicationBootstrap(): void {
    this.membership.onChange(() => this.check());
    this.configs.onCommitted(() => this.check());
    this.timer = setInterval(() => this.check(), CHECK_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    this.check();
    await this.running;
  }

  private check(): void {
    this.running = this.running
      .then(() => this.step())
      .catch((error: unknown) => {
        this.logger.event('warn', 'resource', `management address: ${(error as Error).message}`);
      });
  }

  private async step(): Promise<void> {
    const setting = this.configs.current().config.settings.managementAddress ?? null;
    const view = this.membership.view();
    const self = this.mesh.stateOrNull()?.self.nodeName ?? '';
    const heldNow = setting ? await this.driver.vipHeld(asVip(setting)) : false;
    // Added before this agent (re)started: it is this node's to keep or let go.
    if (setting && heldNow && this.applied === null) this.applied = setting;
    const step = managementStep({ setting, applied: this.applied, heldNow, quorate: view?.quorate ?? false, leader: view?.leader ?? null, self, stopping: this.stopping });
    if (step.release) {
      await this.driver.releaseVip(asVip(step.release));
      this.logger.event('info', 'resource', `management address ${step.release.address} released on ${step.release.interface}`);
      this.applied = null;
    }
    if (step.acquire) {
      if (!(await this.driver.vipHeld(asVip(step.acquire)))) await this.driver.acquireVip(asVip(step.acquire));
      this.logger.event('info', 'resource', `management address ${step.acquire.address} held on ${step.acquire.interface}`);
      this.applied = step.acquire;
    }
  }
}
