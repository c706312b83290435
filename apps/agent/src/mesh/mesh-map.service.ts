import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { PeerApiServer } from '../peer/peer-api.server';
import { PeerClient } from '../peer/peer-client';
import { PEER_ROUTES } from '../peer/peer-routes';
import type { LinkView } from '../peer/peer-schemas';
import type { MeshHistoryDto, MeshMapDto, MemberLinkViewDto } from './dto/mesh-map.dto';
import { MeshStatusService } from './mesh-status.service';
import { MeshFacade } from './mesh.facade';
import { PeerHistory } from './peer-history';

const SAMPLE_EVERY_MS = 30_000;
/** One hour of samples. */
const KEEP_SAMPLES = 120;
const ASK_TIMEOUT_MS = 1_500;

/**
 * The mesh as a whole (every member's view of its links, for the dashboard's picture and
 * matrix) and the last hour of this node's links (RTT and traffic, sampled every 30 s).
 */
@Injectable()
export class MeshMapService implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly history = new PeerHistory(KEEP_SAMPLES);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly mesh: MeshFacade,
    private readonly status: MeshStatusService,
    private readonly peerApi: PeerApiServer,
    private readonly client: PeerClient,
  ) {}

  onModuleInit(): void {
    this.peerApi.serve(PEER_ROUTES.linkView, async () => ({ body: await this.ownView() }));
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sample().catch(() => undefined), SAMPLE_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async map(): Promise<MeshMapDto> {
    const { self, members } = this.mesh.state();
    const ask = async (name: string, meshIp: string): Promise<MemberLinkViewDto> => {
      if (name === self.nodeName) return { node: name, answered: true, ...(await this.ownView()) };
      const answer = await this.client.call(PEER_ROUTES.linkView, { meshIp, port: self.peerApiPort }, { timeoutMs: ASK_TIMEOUT_MS }).catch(() => null);
      return answer?.ok ? { node: name, answered: true, peers: answer.body.peers } : { node: name, answered: false, peers: [] };
    };
    return { askedBy: self.nodeName, nodes: members.map((m) => m.name), views: await Promise.all(members.map((m) => ask(m.name, m.meshIp))) };
  }

  historyView(): MeshHistoryDto {
    const { self, members } = this.mesh.state();
    return {
      periodSeconds: SAMPLE_EVERY_MS / 1000,
      peers: members.filter((m) => m.name !== self.nodeName).map((m) => ({ name: m.name, samples: this.history.series(m.name) })),
    };
  }

  private async ownView(): Promise<LinkView> {
    const { peers } = await this.status.status();
    return { peers: peers.map((p) => ({ name: p.name, connected: p.connected, handshakeAgeSeconds: p.handshakeAgeSeconds, rttMs: p.rttMs })) };
  }

  private async sample(): Promise<void> {
    if (!this.mesh.stateOrNull()) return;
    const { peers } = await this.status.status();
    this.history.record(
      Date.now(),
      peers.map((p) => ({ name: p.name, rttMs: p.rttMs, rxBytes: p.rxBytes, txBytes: p.txBytes })),
    );
  }
}
