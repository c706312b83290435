import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formCluster, lanClient, until } from './cluster-helpers';
import { LAB_BIN_DIR, machineUrl } from './lab-layout';
import { lab, labOk, sfhaJson } from './lab-runner';
import { waitFor } from './lab-system';

const VIP = '192.0.2.100';
interface Incident {
  id: string;
  trigger: { kind: string; node: string };
  openedAt: string;
  resolvedAt: string | null;
  fences: { node: string; device: string; ok: boolean }[];
  groups: { group: string; from: string; to: string | null; downtimeMs: number | null }[];
}

let token = '';
/** node2's /metrics, as Prometheus scrapes it (admin token). */
const metrics = async () => (await fetch(`${machineUrl(2)}/metrics`, { headers: { authorization: `Bearer ${token}` } })).text();

beforeAll(async () => {
  await formCluster();
  sfhaJson('node1', 'config', 'set', '--fence-startup-grace-ms', '0', '--fence-min-delay-ms', '5000');
  sfhaJson('node1', 'stonith', 'device-set', 'lab', '--agent', 'fence_sfha_lab', '--host', 'node1=node1', '--host', 'node2=node2', '--host', 'node3=node3');
  const setupCode = labOk('setup-code', 'node2').trim();
  const answer = await fetch(`${machineUrl(2)}/api/v1/auth/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ password: 'incidents lab password', setupCode }),
  });
  token = ((await answer.json()) as { accessToken: string }).accessToken;
});

afterAll(() => {
  lab('down');
});

describe('incidents and the cluster metrics through a failover', () => {
  it('a killed owner: one incident on every node (lost, fenced, moved, served again, downtime), and /metrics follows it', async () => {
    sfhaJson('node1', 'resources', 'group-set', 'web', '--vip', `${VIP}/24`, '--process', `${LAB_BIN_DIR}/lab-web-server 8080`, '--prefer', 'node1');
    await until('the client to reach node1 through the VIP', () => lanClient(VIP, 8080) === 'node1');
    const before = await metrics();
    expect(before).toContain('sfha_cluster_quorate 1\n');
    expect(before).toContain('sfha_cluster_leader{node="node1"} 1\n');
    expect(before).toContain('sfha_group_owner{group="web",node="node1"} 1\n');
    expect(sfhaJson<Incident[]>('node2', 'incidents')).toEqual([]);

    const killedAt = Date.now();
    labOk('kill', 'node1');
    await until('the client to be served by node2 or node3', () => ['node2', 'node3'].includes(lanClient(VIP, 8080) ?? ''), 60_000);
    const servedMs = Date.now() - killedAt;
    await until('the incident resolved on node2', () => sfhaJson<Incident[]>('node2', 'incidents')[0]?.resolvedAt != null, 20_000);
    const [incident, ...others] = sfhaJson<Incident[]>('node2', 'incidents');
    expect(others).toEqual([]);
    expect(incident).toMatchObject({ trigger: { kind: 'node-lost', node: 'node1' }, fences: [{ node: 'node1', device: 'lab', ok: true }] });
    const [web] = incident?.groups ?? [];
    expect(web).toMatchObject({ group: 'web', from: 'node1' });
    expect(['node2', 'node3']).toContain(web?.to);
    // Measured from the loss seen by the membership: less than what the client saw from the kill.
    expect(web?.downtimeMs).toBeGreaterThan(0);
    expect(web?.downtimeMs).toBeLessThan(servedMs);
    process.stdout.write(`incident: web down ${web?.downtimeMs} ms (client back ${servedMs} ms after the kill)\n`);
    // node3 computes the same incident from the same merged timeline (it re-reads the others' every 3 s).
    const same = () => JSON.stringify(sfhaJson<Incident[]>('node3', 'incidents')) === JSON.stringify(sfhaJson<Incident[]>('node2', 'incidents'));
    await until("node3's incidents to catch up with node2's", same, 15_000);
    expect(sfhaJson<Incident[]>('node3', 'incidents')).toEqual(sfhaJson<Incident[]>('node2', 'incidents'));

    await waitFor('the leader to observe the failover', async () => (await metrics()).includes('sfha_failover_duration_seconds_count{group="web"} 1\n'), 15_000);
    const after = await metrics();
    expect(after).toContain('sfha_cluster_leader{node="node2"} 1\n');
    expect(after).toContain('sfha_cluster_is_leader 1\n');
    expect(after).toContain('sfha_cluster_member_online{node="node1"} 0\n');
    expect(after).toContain(`sfha_group_owner{group="web",node="${web?.to}"} 1\n`);
    expect(after).toContain('sfha_fences_total{node="node1",action="off",result="ok"} 1\n');
    expect(after).toContain('sfha_incident_duration_seconds_count 1\n');
    expect(after).toMatch(/^sfha_peer_latest_handshake_age_seconds\{peer="node3"\} \d+$/m);
  });
});
