import { describe, expect, it } from 'vitest';
import type { PeerApiServer } from '../peer/peer-api.server';
import type { PeerClient } from '../peer/peer-client';
import { node1Mesh } from '../../test/membership-fakes';
import { MeshMapService } from './mesh-map.service';
import type { MeshStatusService } from './mesh-status.service';

const peer = (name: string, rttMs: number | null) => ({ name, connected: true, handshakeAgeSeconds: 4, rttMs, rxBytes: 0, txBytes: 0 });

describe('mesh map', () => {
  it("gathers every member's view of its links: its own, a member's answer, and a member that does not answer marked so (its links are not said to be down)", async () => {
    const status = { status: () => Promise.resolve({ peers: [peer('node2', 1.2), peer('node3', null)] }) } as unknown as MeshStatusService;
    const asked: string[] = [];
    const client = {
      call: (_route: unknown, target: { meshIp: string }) => {
        asked.push(target.meshIp);
        if (target.meshIp === '10.100.0.3') return Promise.reject(new Error('timeout'));
        return Promise.resolve({ ok: true, status: 200, body: { peers: [{ name: 'node1', connected: true, handshakeAgeSeconds: 2, rttMs: 0.9 }] } });
      },
    } as unknown as PeerClient;
    const service = new MeshMapService(node1Mesh(), status, { serve: () => undefined } as unknown as PeerApiServer, client);
    const map = await service.map();
    expect(asked.sort()).toEqual(['10.100.0.2', '10.100.0.3']);
    expect(map).toEqual({
      askedBy: 'node1',
      nodes: ['node1', 'node2', 'node3'],
      views: [
        {
          node: 'node1',
          answered: true,
          peers: [
            { name: 'node2', connected: true, handshakeAgeSeconds: 4, rttMs: 1.2 },
            { name: 'node3', connected: true, handshakeAgeSeconds: 4, rttMs: null },
          ],
        },
        { node: 'node2', answered: true, peers: [{ name: 'node1', connected: true, handshakeAgeSeconds: 2, rttMs: 0.9 }] },
        { node: 'node3', answered: false, peers: [] },
      ],
    });
  });
});
