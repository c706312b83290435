import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ClusterConfigService } from '../ha/cluster-config.service';
import { ClusterMembership } from '../ha/cluster-membership.service';
import { MeshFacade } from '../mesh/mesh.facade';
import { ResourceEngine } from '../resources/resource-engine.service';
import type { ClusterSnapshot } from './cluster-samples';

/**
 * Reads the cluster's state for a scrape. The services are looked up when scraped (not
 * injected) so the metrics module depends on no domain module; each part that cannot be read
 * (no cluster yet, mesh down) is left out rather than failing the scrape.
 */
@Injectable()
export class ClusterSnapshotReader {
  constructor(private readonly modules: ModuleRef) {}

  async read(): Promise<ClusterSnapshot> {
    const find = <T>(type: new (...args: never[]) => T): T | null => {
      try {
        return this.modules.get(type, { strict: false });
      } catch {
        return null;
      }
    };
    const attempt = <T>(read: () => T): T | null => {
      try {
        return read();
      } catch {
        return null;
      }
    };
    const config = attempt(() => find(ClusterConfigService)?.current() ?? null);
    const peers = await (
      find(MeshFacade)
        ?.status()
        .then((s) => s.peers) ?? Promise.resolve([])
    ).catch(() => []);
    return {
      self: attempt(() => find(MeshFacade)?.state().self.nodeName ?? null),
      view: attempt(() => find(ClusterMembership)?.view() ?? null),
      generation: config?.generation ?? null,
      groups: config?.config.groups ?? [],
      assignments: config?.config.assignments ?? {},
      local: attempt(() => find(ResourceEngine)?.report() ?? null),
      peers,
    };
  }
}
