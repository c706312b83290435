import { describe, expect, it } from 'vitest';
import { renderCorosyncConf } from './corosync-config';

const base = { clusterName: 'prod', tokenMs: 1000, tokenCoefficientMs: 0, logFile: '/var/log/corosync/corosync.log' };
const node = (n: number) => ({ name: `node${n}`, nodeId: n, address: `10.100.0.${n}` });

describe('corosync.conf', () => {
  it('runs knet over the mesh addresses, encrypted, with the token settings', () => {
    const conf = renderCorosyncConf({ ...base, nodes: [node(3), node(1), node(2)] });
    expect(conf).toContain('    transport: knet\n');
    expect(conf).toContain('    crypto_cipher: aes256\n    crypto_hash: sha256\n    token: 1000\n    token_coefficient: 0\n');
    // Only mesh members reach Corosync's port: knet's access list stays off (it once kept a restarted member out).
    expect(conf).toContain('    token_coefficient: 0\n    block_unlisted_ips: no\n    interface {\n');
    expect(conf.indexOf('ring0_addr: 10.100.0.1')).toBeLessThan(conf.indexOf('ring0_addr: 10.100.0.3'));
    expect(conf).not.toContain('two_node');
  });

  it('never puts text after an opening brace (Corosync refuses it)', () => {
    const conf = renderCorosyncConf({ ...base, nodes: [node(1)] });
    for (const line of conf.split('\n')) if (line.includes('{')) expect(line.trim()).toMatch(/^\w+ \{$/);
  });

  it('sets two_node for a two-node cluster', () => {
    expect(renderCorosyncConf({ ...base, nodes: [node(1), node(2)] })).toContain('    provider: corosync_votequorum\n    two_node: 1\n');
  });

  it('refuses duplicate ids and an empty nodelist', () => {
    expect(() => renderCorosyncConf({ ...base, nodes: [node(1), { ...node(2), nodeId: 1 }] })).toThrow('unique');
    expect(() => renderCorosyncConf({ ...base, nodes: [] })).toThrow('at least one node');
  });
});
