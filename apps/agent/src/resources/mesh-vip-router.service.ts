import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { isMeshVip, meshVipRoutes, type ClusterConfig } from '@sfha/ha';
import { ClusterConfigService } from '../ha/cluster-config.service';
import { JsonLogger } from '../logging/json-logger';
import { MeshFacade } from '../mesh/mesh.facade';

/**
 * Every member routes each mesh VIP to the node its group is assigned to: on every commit of
 * the replicated config (so a move or a takeover reroutes at once, on every node), and at boot.
 */
@Injectable()
export class MeshVipRouter implements OnApplicationBootstrap {
  constructor(
    private readonly configs: ClusterConfigService,
    private readonly mesh: MeshFacade,
    private readonly logger: JsonLogger,
  ) {}

  onApplicationBootstrap(): void {
    this.configs.onCommitted(() => this.route(this.configs.current().config));
    this.route(this.configs.current().config);
  }

  private route(config: ClusterConfig): void {
    const addresses = (config.groups ?? []).flatMap((g) => g.resources.filter(isMeshVip).map((vip) => vip.address.split('/')[0] ?? ''));
    this.mesh.routeVips(meshVipRoutes(config), addresses).catch((error: unknown) => {
      this.logger.event('warn', 'resource', `mesh VIP routes not applied yet (the next mesh reconcile retries): ${(error as Error).message}`);
    });
  }
}
