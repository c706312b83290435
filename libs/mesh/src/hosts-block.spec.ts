import { describe, expect, it } from 'vitest';
import { memberName, renderHostsBlock, withHostsBlock } from './hosts-block';

const HOSTS = '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost\n';
const members = [
  { name: 'node2', meshIp: '10.100.0.2' },
  { name: 'node1', meshIp: '10.100.0.1' },
];

describe('member names in the hosts file', () => {
  it('names a member after its cluster', () => {
    expect(memberName('node2', 'Prod')).toBe('node2.prod.sfha');
  });

  it('appends one sorted block and keeps every other line', () => {
    const block = renderHostsBlock('prod', members, 'node1');
    const file = withHostsBlock(HOSTS, block);
    expect(file).toBe(`${HOSTS}# BEGIN sfha mesh members (managed by sfha-agent: edits here are replaced)\n10.100.0.1\tnode1.prod.sfha\n10.100.0.2\tnode2.prod.sfha\n# END sfha mesh members\n`);
  });

  it('replaces its block in place, leaving lines added after it', () => {
    const once = withHostsBlock(HOSTS, renderHostsBlock('prod', members, 'node1')) + '192.0.2.9\tprinter\n';
    const twice = withHostsBlock(once, renderHostsBlock('prod', [...members, { name: 'node3', meshIp: '10.100.0.3' }], 'node1'));
    expect(twice).toContain('10.100.0.3\tnode3.prod.sfha');
    expect(twice).toContain('192.0.2.9\tprinter');
    expect(twice.match(/BEGIN sfha/g)).toHaveLength(1);
  });

  it('removes its block when the node leaves the cluster, giving the file back as it was', () => {
    expect(withHostsBlock(withHostsBlock(HOSTS, renderHostsBlock('prod', members, 'node1')), null)).toBe(HOSTS);
    expect(renderHostsBlock('prod', [], 'node1')).toBeNull();
    // Removed: the list it last heard no longer has it.
    expect(renderHostsBlock('prod', members, 'node3')).toBeNull();
  });

  it('is idempotent', () => {
    const block = renderHostsBlock('prod', members, 'node1');
    const once = withHostsBlock(HOSTS, block);
    expect(withHostsBlock(once, block)).toBe(once);
  });
});
