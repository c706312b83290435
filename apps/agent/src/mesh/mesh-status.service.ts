import { Inject, Injectable } from '@nestjs/common';
import { handshakeAgeSeconds, isConnected, publicKeyOf, type WgPeerState, type WireGuardDriver } from '@sfha/mesh';
import type { MeshStatusDto } from './dto/mesh.dto';
import { EndpointResolver } from './endpoint-resolver';
import { MeshKeyStore } from './mesh-key-store';
import { MeshProbe } from './mesh-probe.service';
import { MeshReplication } from './mesh-replication.service';
import { WIREGUARD_DRIVER } from './wireguard-driver.provider';

/** The live view of the mesh: the stored members joined with what WireGuard reports now. */
@Injectable()
export class MeshStatusService {
  constructor(
    private readonly replication: MeshReplication,
    private readonly keys: MeshKeyStore,
    private readonly probe: MeshProbe,
    private readonly endpoints: EndpointResolver,
    @Inject(WIREGUARD_DRIVER) private readonly driver: WireGuardDriver,
  ) {}

  async status(): Promise<MeshStatusDto> {
    const { cluster, self, members, me } = this.replication.state();
    const up = await this.driver.interfaceExists(self.interface);
    const live = up ? (await this.driver.dump(self.interface)).peers : [];
    const now = Math.floor(Date.now() / 1000);
    const key = this.keys.read('current');
    return {
      clusterName: cluster.name,
      network: cluster.network,
      interface: self.interface,
      up,
      desiredUp: self.desiredUp,
      self: {
        name: self.nodeName,
        role: me?.role ?? 'full',
        meshIp: self.meshIp,
        publicKey: key ? publicKeyOf(key) : (me?.publicKey ?? ''),
        endpoint: me?.endpoint ?? null,
        listenPort: self.listenPort,
        pendingPublicKey: me?.pendingPublicKey ?? null,
      },
      peers: members
        .filter((m) => m.name !== self.nodeName)
        .map((m) => {
          const peer: WgPeerState | undefined = live.find((p) => p.publicKey === m.publicKey);
          const handshake = peer?.latestHandshake ?? null;
          return {
            name: m.name,
            role: m.role ?? 'full',
            meshIp: m.meshIp,
            publicKey: m.publicKey,
            endpoint: peer?.endpoint ?? m.endpoint,
            configuredEndpoint: m.endpoint,
            endpointProblem: m.endpoint ? (this.endpoints.last(m.endpoint)?.problem ?? null) : null,
            latestHandshakeAt: handshake === null ? null : new Date(handshake * 1000).toISOString(),
            handshakeAgeSeconds: handshakeAgeSeconds(handshake, now),
            rxBytes: peer?.rxBytes ?? 0,
            txBytes: peer?.txBytes ?? 0,
            keepalive: m.keepalive,
            rttMs: this.probe.rttMs(m.name),
            connected: isConnected(handshake, now),
          };
        }),
    };
  }
}
