import type { Schemas } from '@sfha/contracts';
import { describe, expect, it } from 'vitest';
import { en } from '../i18n/messages.en';
import { fr } from '../i18n/messages.fr';
import { overviewAlerts } from './overview-alerts';

const cluster: Schemas['ClusterStatusDto'] = {
  clusterName: 'prod',
  corosyncRunning: true,
  quorate: true,
  expectedVotes: 3,
  totalVotes: 3,
  quorum: 2,
  leader: 'node1',
  nodes: [],
  mixedVersions: false,
};
const peer = (name: string, connected: boolean): Schemas['MeshPeerStatusDto'] => ({
  name,
  meshIp: '10.100.0.2',
  publicKey: 'k',
  endpoint: null,
  configuredEndpoint: null,
  endpointProblem: null,
  latestHandshakeAt: null,
  handshakeAgeSeconds: null,
  rxBytes: 0,
  txBytes: 0,
  keepalive: 25,
  rttMs: null,
  connected,
  role: 'full',
});
const mesh = (peers: Schemas['MeshPeerStatusDto'][]) => ({ peers }) as unknown as Schemas['MeshStatusDto'];
const group = (owner: string | null, health: Schemas['ResourceStateDto']['health']) =>
  ({
    name: 'web',
    preferredNode: null,
    sticky: true,
    owner,
    movedTo: null,
    bannedOn: [],
    resources: [{ name: 'vip', kind: 'vip', detail: '', running: true, health, healthDetail: null, restarts: 0 }],
  }) as unknown as Schemas['GroupStateDto'];
const fencing = (devices: number, nodes: Schemas['NodePowerDto'][]) => ({ enabled: devices > 0, devices: [], nodes, levels: [], policy: {} }) as Schemas['FencingStatusDto'];

describe('overviewAlerts', () => {
  it('says nothing for a healthy cluster, or before anything is loaded', () => {
    expect(overviewAlerts({}, fr)).toEqual([]);
    expect(overviewAlerts({ cluster, mesh: mesh([peer('node2', true)]), groups: [group('node1', 'healthy')], fencing: fencing(1, [{ node: 'node2', device: 'pdu', power: 'on' }]) }, fr)).toEqual([]);
  });

  it('raises no quorum, a peer without handshake, a failed resource and fencing off', () => {
    const alerts = overviewAlerts({ cluster: { ...cluster, quorate: false }, mesh: mesh([peer('node3', false)]), groups: [group('node2', 'unhealthy')], fencing: fencing(0, []) }, fr);
    expect(alerts.map((a) => a.id)).toEqual(['quorum', 'resource:web/vip', 'peer:node3', 'fencing']);
    expect(alerts[2]?.text).toBe('Le pair node3 n’a pas de handshake WireGuard récent : vérifiez son adresse publique et le port UDP.');
  });

  it('names a stopped group, Corosync down, and each node without a fence device', () => {
    const alerts = overviewAlerts(
      { cluster: { ...cluster, corosyncRunning: false, quorate: false }, groups: [group(null, null)], fencing: fencing(1, [{ node: 'node3', device: null, power: 'no-device' }]) },
      en,
    );
    expect(alerts.map((a) => a.text)).toEqual(['Corosync is not running on this node: it takes no part in the cluster.', 'Group web runs on no node.', 'No fence device for node node3.']);
  });

  it('with the watchdogs known: warns of each node with neither a fence device nor an armed watchdog, and no more of fencing off', () => {
    const node = (name: string, armed: boolean, fenceDevices: string[]) => ({ node: name, armed, timeoutMs: armed ? 5000 : null, fenceDevices });
    const watchdog = { nodes: [node('node1', true, []), node('node2', false, ['pdu']), node('node3', false, [])] } as unknown as Schemas['WatchdogStatusDto'];
    const alerts = overviewAlerts({ cluster, fencing: fencing(0, []), watchdog }, en);
    expect(alerts.map((a) => a.id)).toEqual(['unprotected:node3']);
    expect(alerts[0]?.text).toBe('Node node3 has neither a fence device nor an armed watchdog: if it fails, its groups stay stopped until it comes back.');
  });

  it('never warns of a witness without fencing: it runs no group', () => {
    const node = (name: string) => ({ node: name, armed: false, timeoutMs: null, fenceDevices: [] });
    const watchdog = { nodes: [node('node3'), node('wit')] } as unknown as Schemas['WatchdogStatusDto'];
    const wit = { name: 'wit', nodeId: 3, meshIp: '10.100.0.3', role: 'witness', online: true, leader: false, self: false, version: null, configProtocol: null } as const;
    const withWitness: Schemas['ClusterStatusDto'] = { ...cluster, nodes: [wit] };
    expect(overviewAlerts({ cluster: withWitness, watchdog }, en).map((a) => a.id)).toEqual(['unprotected:node3']);
  });
});
