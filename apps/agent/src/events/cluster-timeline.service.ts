import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { ClusterEvent } from '@sfha/contracts';
import { askOnlineMembers } from '../ha/ask-online-members';
import { ClusterMembership } from '../ha/cluster-membership.service';
import { MeshFacade } from '../mesh/mesh.facade';
import { PeerApiServer } from '../peer/peer-api.server';
import { PeerClient } from '../peer/peer-client';
import { PEER_ROUTES } from '../peer/peer-routes';
import type { EventFilter } from './events.repository';
import { EventsService } from './events.service';
import { eventsFrom, mergeTimelines } from './merge-timelines';

/** How much of its own timeline a member gives the others. */
const SHARED = 1_000;

/**
 * The cluster timeline: this node's events and those of every member it can reach (signed
 * peer API), merged. A member out of reach is shown as it was last seen; what it recorded
 * while cut off appears once it is back. The mesh and membership services are looked up when
 * needed (the events module sits below them: they record events).
 */
@Injectable()
export class ClusterTimeline implements OnApplicationBootstrap {
  private readonly lastSeen = new Map<string, ClusterEvent[]>();

  constructor(
    private readonly events: EventsService,
    private readonly modules: ModuleRef,
  ) {}

  onApplicationBootstrap(): void {
    this.modules.get(PeerApiServer, { strict: false }).serve(PEER_ROUTES.events, () => Promise.resolve({ body: this.events.list({ limit: SHARED }) }));
  }

  /** Every member's events (newest first, filtered); only this node's when it has no cluster. */
  async list(filter: Omit<EventFilter, 'afterId'>): Promise<ClusterEvent[]> {
    const local = this.events.list(filter);
    const mesh = this.modules.get(MeshFacade, { strict: false });
    let members: string[];
    try {
      members = mesh.state().members.map((m) => m.name);
    } catch {
      return local; // not in a cluster
    }
    const answers = await askOnlineMembers({ mesh, membership: this.modules.get(ClusterMembership, { strict: false }), client: this.modules.get(PeerClient, { strict: false }) }, PEER_ROUTES.events);
    for (const { member, items } of answers) if (items.length > 0) this.lastSeen.set(member, eventsFrom(member, items));
    for (const name of this.lastSeen.keys()) if (!members.includes(name)) this.lastSeen.delete(name);
    return mergeTimelines([local, ...this.lastSeen.values()], filter);
  }
}
