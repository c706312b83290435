import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cluster, fenceOf, lanClient, online, token, until } from './cluster-helpers';
import { LAB_BIN_DIR } from './lab-layout';
import { lab, labOk, sfhaJson } from './lab-runner';
import { sleep } from './lab-system';

const VIP = '192.0.2.101';
const client = () => lanClient(VIP, 8081);

beforeAll(async () => {
  labOk('down');
  labOk('up', '2');
  sfhaJson('node1', 'init', '--cluster', 'pair', '--mesh', '--ip', '10.100.0.1/24');
  sfhaJson('node2', 'join', token('node1'));
  await until('both nodes in a quorate membership', () => online('node1').length === 2 && cluster('node2').quorate);
  sfhaJson('node1', 'config', 'set', '--fence-startup-grace-ms', '0', '--fence-min-delay-ms', '5000');
  sfhaJson('node1', 'stonith', 'device-set', 'lab', '--agent', 'fence_sfha_lab', '--host', 'node1=node1', '--host', 'node2=node2');
  sfhaJson('node1', 'resources', 'group-set', 'web', '--vip', `${VIP}/24`, '--process', `${LAB_BIN_DIR}/lab-web-server 8081`, '--prefer', 'node1');
  await until('the service on node1', () => client() === 'node1');
});
afterAll(() => {
  lab('down');
});

describe('a two-node cluster with fencing (two_node)', () => {
  it('survives the loss of node1: node2 keeps quorum, fences node1, takes the service', async () => {
    expect(cluster('node1')).toMatchObject({ quorate: true, expectedVotes: 2 });
    labOk('kill', 'node1');
    await until('node2 to serve', () => client() === 'node2', 60_000);
    expect(cluster('node2')).toMatchObject({ quorate: true, leader: 'node2' });
    expect(fenceOf('node2', 'node1')).toMatchObject({ ok: true, requestedBy: 'leader' });
  });

  it('survives the loss of node2 once node1 is back', async () => {
    sfhaJson('node2', 'stonith', 'unfence', 'node1');
    await until('node1 back', () => online('node2').length === 2, 60_000);
    await sleep(6_000); // past the minimum delay between fences
    labOk('kill', 'node2');
    await until('node1 to serve', () => client() === 'node1', 60_000);
    expect(cluster('node1')).toMatchObject({ quorate: true, leader: 'node1' });
    expect(fenceOf('node1', 'node2')).toMatchObject({ ok: true, requestedBy: 'leader' });
  });
});
