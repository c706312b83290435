import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { WireGuardDriver } from '@sfha/mesh';
import { JsonLogger } from '../logging/json-logger';
import { EndpointResolver } from './endpoint-resolver';
import { MeshKeyStore } from './mesh-key-store';
import { meshState } from './mesh-state';
import { MeshRepository } from './mesh.repository';
import { desiredPeers } from './member-list';
import { PeerApiServer } from '../peer/peer-api.server';
import { WIREGUARD_DRIVER } from './wireguard-driver.provider';

const RECONCILE_EVERY_MS = 10_000;

/**
 * Makes the host match the node's stored mesh state: interface, key, port, address, peers,
 * peer API. Runs at boot (so the mesh comes back after a restart), every 10 s (so it comes
 * back after wireguard-go dies, and so that members' DNS endpoints are re-resolved), and after
 * every change. Runs are serialized.
 */
@Injectable()
export class MeshReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private queue: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private notBefore = 0;
  /** Mesh VIPs per owning member (set by the HA side from the replicated config). */
  private vipRoutes: Readonly<Record<string, readonly string[]>> = {};
  /** Every configured mesh VIP, placed or not: never handed to a joining node. */
  private vipAddresses: readonly string[] = [];

  constructor(
    private readonly repo: MeshRepository,
    private readonly keys: MeshKeyStore,
    @Inject(WIREGUARD_DRIVER) private readonly driver: WireGuardDriver,
    private readonly peerApi: PeerApiServer,
    private readonly endpoints: EndpointResolver,
    private readonly logger: JsonLogger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.repo.cluster()) void this.reconcile().catch(() => undefined);
    this.timer = setInterval(() => {
      if (this.repo.cluster()) void this.reconcile().catch(() => undefined);
    }, RECONCILE_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Holds every reconcile back for up to `ms` (a redeem answer must leave before its tunnel changes). */
  defer(ms: number): void {
    this.notBefore = Date.now() + ms;
  }

  /** Ends a {@link defer} early: reconciles may run after `ms`. */
  release(ms = 0): void {
    this.notBefore = Date.now() + ms;
  }

  /** The mesh VIPs of the cluster config (addresses without prefix). */
  meshVips(): readonly string[] {
    return this.vipAddresses;
  }

  /** Routes each mesh VIP to its owner (its peer's allowed-IPs); reconciles at once when they changed. */
  routeVips(routes: Readonly<Record<string, readonly string[]>>, addresses: readonly string[]): Promise<void> {
    this.vipAddresses = addresses;
    const canonical = (r: Readonly<Record<string, readonly string[]>>) =>
      JSON.stringify(
        Object.entries(r)
          .filter(([, ips]) => ips.length > 0)
          .sort(([a], [b]) => a.localeCompare(b)),
      );
    if (canonical(routes) === canonical(this.vipRoutes)) return Promise.resolve();
    this.vipRoutes = routes;
    return this.repo.cluster() ? this.reconcile() : Promise.resolve();
  }

  /** Applies the stored state now; rejects with the driver's error (callers map it). */
  reconcile(): Promise<void> {
    const run = this.queue.then(() => this.apply());
    this.queue = run.catch((error: unknown) => {
      this.logger.event('warn', 'mesh', `mesh reconcile failed: ${(error as Error).message}`);
    });
    return run;
  }

  private async apply(): Promise<void> {
    const wait = this.notBefore - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const state = meshState(this.repo.cluster(), this.repo.self(), this.repo.members());
    if (!state) {
      await this.peerApi.stop();
      return;
    }
    const { self } = state;
    if (!self.desiredUp) {
      await this.peerApi.stop();
      await this.driver.deleteInterface(self.interface);
      return;
    }
    if (!this.keys.read('current')) throw new Error(`the mesh private key is missing (${this.keys.path('current')})`);
    const { created } = await this.driver.ensureInterface({
      name: self.interface,
      privateKeyFile: this.keys.path('current'),
      listenPort: self.listenPort,
      address: `${self.meshIp}/${state.prefix}`,
      mtu: self.mtu,
    });
    if (created) this.logger.event('info', 'mesh', `interface ${self.interface} created`, { meshIp: self.meshIp, port: self.listenPort });
    const resolved = await this.endpoints.resolveAll(state.members.filter((m) => m.name !== self.nodeName).map((m) => m.endpoint));
    const endpointOf = (endpoint: string | null) => (endpoint === null ? null : (resolved.get(endpoint)?.endpoint ?? null));
    const peers = desiredPeers(self.nodeName, state.members, this.repo.pendingInvitations(new Date().toISOString()), this.vipRoutes, endpointOf);
    const changes = await this.driver.applyPeers(self.interface, peers);
    if (changes.length > 0) this.logger.event('info', 'mesh', `peers updated: ${changes.length} change(s)`);
    await this.peerApi.listen(self.meshIp, self.peerApiPort);
  }
}
