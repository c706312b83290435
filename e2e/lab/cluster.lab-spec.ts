import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { privateDirSource } from './lab-layout';
import { lab, labOk, sfha, sfhaJson } from './lab-runner';
import { cluster, formCluster, online, timed } from './cluster-helpers';

const corosyncFile = (node: string, file: string) => join(privateDirSource(node, '/etc/corosync'), file);
beforeAll(formCluster);
afterAll(() => {
  lab('heal');
  lab('down');
});

describe('Corosync over the mesh', () => {
  it('forms one quorate membership of the three nodes, led by node1, seen the same from every node', async () => {
    for (const node of ['node1', 'node2', 'node3']) {
      await timed(`${node} to see a quorate membership of 3`, () => {
        const c = cluster(node);
        return c.quorate && c.nodes.every((n) => n.online);
      });
      expect(cluster(node)).toMatchObject({ quorate: true, leader: 'node1', expectedVotes: 3 });
    }
  });

  it('runs knet on the mesh addresses with one authkey (0400) on every node', () => {
    const conf = readFileSync(corosyncFile('node2', 'corosync.conf'), 'utf8');
    for (const ip of ['10.100.0.1', '10.100.0.2', '10.100.0.3']) expect(conf).toContain(`ring0_addr: ${ip}`);
    expect(conf).toContain('crypto_cipher: aes256');
    expect(conf).toContain('block_unlisted_ips: no');
    const keys = ['node1', 'node2', 'node3'].map((n) => readFileSync(corosyncFile(n, 'authkey')));
    expect(keys[0]?.length).toBe(256);
    expect(keys[1]?.equals(keys[0] as Buffer) && keys[2]?.equals(keys[0] as Buffer)).toBe(true);
    expect(statSync(corosyncFile('node3', 'authkey')).mode & 0o777).toBe(0o400);
  });

  it('takes quorum from a node cut off from the others, keeps it on the majority, and heals', async () => {
    labOk('partition', 'node1,node2', 'node3');
    const lost = await timed('node3 to lose quorum', () => !cluster('node3').quorate);
    expect(cluster('node3')).toMatchObject({ quorate: false, leader: null });
    await timed('node1 to see node3 leave', () => !online('node1').includes('node3'));
    expect(cluster('node1')).toMatchObject({ quorate: true, leader: 'node1' });
    labOk('heal');
    const healed = await timed('node3 back in a quorate membership', () => cluster('node3').quorate && online('node3').length === 3, 30_000);
    process.stdout.write(`membership: quorum lost after ${lost} ms, regained ${healed} ms after heal\n`);
  });

  it('moves the leadership when node1 dies, and back when it returns', async () => {
    labOk('kill', 'node1');
    const moved = await timed('node2 to lead', () => cluster('node2').leader === 'node2');
    // Each node polls Corosync once a second: node3 may see it a moment later.
    await timed('node3 to agree', () => cluster('node3').leader === 'node2');
    expect(cluster('node3')).toMatchObject({ quorate: true, leader: 'node2' });
    labOk('start', 'node1');
    await timed('node1 to lead again', () => cluster('node2').leader === 'node1' && cluster('node1').leader === 'node1', 40_000);
    process.stdout.write(`leader moved ${moved} ms after node1 was killed\n`);
  });

  it('refuses a config change on a cut-off minority; commits one made on the majority everywhere, the minority after healing', async () => {
    const config = (node: string) => sfhaJson<{ generation: number; settings: { tokenMs: number } }>(node, 'config', 'show');
    const token = (node: string) => /token: (\d+)/.exec(readFileSync(corosyncFile(node, 'corosync.conf'), 'utf8'))?.[1];
    labOk('partition', 'node1,node2', 'node3');
    await timed('node3 to lose quorum', () => !cluster('node3').quorate);
    expect(sfha('node3', 'config', 'set', '--token-ms', '2000').stderr).toContain('(HTTP 409, NO_QUORUM)');
    expect(config('node3').generation).toBe(0);
    // Made on node2, which is not the leader: it goes to node1, which commits it on a majority.
    expect(sfhaJson('node2', 'config', 'set', '--token-ms', '1500')).toMatchObject({ generation: 1, settings: { tokenMs: 1500 } });
    expect(config('node1')).toMatchObject({ generation: 1, settings: { tokenMs: 1500 } });
    await timed('corosync on node1 and node2 to use token 1500', () => token('node1') === '1500' && token('node2') === '1500');
    expect(token('node3')).toBe('1000');
    labOk('heal');
    await timed('node3 to catch up with generation 1', () => config('node3').generation === 1, 40_000);
    await timed('corosync on node3 to use token 1500', () => token('node3') === '1500');
  });

  it('refuses invalid settings with a clear 400', () => {
    const run = sfha('node1', 'config', 'set', '--token-ms', '5');
    expect(run.stderr).toContain('(HTTP 400, VALIDATION_FAILED): tokenMs must be a whole number of ms from 200 to 60000');
  });

  it('reloads the nodelist everywhere when a member is removed', async () => {
    expect(sfha('node1', 'mesh', 'remove-peer', 'node3').code).toBe(0);
    for (const node of ['node1', 'node2']) {
      await timed(`${node}'s corosync.conf without node3`, () => !readFileSync(corosyncFile(node, 'corosync.conf'), 'utf8').includes('10.100.0.3'));
      expect(readFileSync(corosyncFile(node, 'corosync.conf'), 'utf8')).toContain('two_node: 1');
    }
    await timed('node1 to count two expected votes', () => cluster('node1').expectedVotes === 2 && cluster('node1').quorate);
  });
});
