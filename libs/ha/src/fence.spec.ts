import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { fenceParameterProblems, parseFenceMetadata, renderFenceStdin } from './fence-agent';
import { decideFence } from './fence-policy';

const virsh = parseFenceMetadata(execFileSync('fence_virsh', ['-o', 'metadata'], { encoding: 'utf8' }));

describe('fence agent metadata', () => {
  it('reads a real agent: parameters, types, secrets, actions', () => {
    expect(virsh.name).toBe('fence_virsh');
    expect(virsh.parameters.find((p) => p.name === 'ip')).toMatchObject({ required: true, type: 'string', deprecated: false });
    expect(virsh.parameters.find((p) => p.name === 'inet4_only')).toMatchObject({ type: 'boolean', required: false });
    expect(virsh.parameters.find((p) => p.name === 'password')).toMatchObject({ secret: true });
    expect(virsh.parameters.find((p) => p.name === 'cmd_prompt')).toMatchObject({ deprecated: true });
    expect(virsh.actions).toEqual(expect.arrayContaining(['on', 'off', 'reboot', 'status', 'metadata']));
  });

  it('checks device parameters against it, naming every problem', () => {
    expect(fenceParameterProblems(virsh, { ip: '192.0.2.9', username: 'root', password: 'x' })).toEqual([]);
    expect(fenceParameterProblems(virsh, { username: 'root', inet4_only: 'maybe', frobnicate: '1', plug: 'vm1' })).toEqual([
      'inet4_only must be a boolean (1 or 0)',
      'fence_virsh has no parameter "frobnicate"',
      '"plug" is set by sfha for each node, not on the device',
      'ip is required by fence_virsh',
    ]);
    expect(fenceParameterProblems(virsh, { ip: 'a\nb', username: 'root' })).toEqual(['ip must be on one line']);
  });

  it('speaks the stdin protocol', () => {
    expect(renderFenceStdin({ ip: '192.0.2.9', username: 'root' }, 'off', 'vm3')).toBe('ip=192.0.2.9\nusername=root\naction=off\nplug=vm3\n');
  });
});

describe('fence safety rules', () => {
  const base = { node: 'node3', manual: false, quorate: true, now: 1_000_000, clusterKnown: true, history: [] };

  it('fences when quorate, knowing the cluster, without recent fences', () => {
    expect(decideFence(base)).toEqual({ ok: true });
  });

  it('never fences without quorum', () => {
    expect(decideFence({ ...base, quorate: false })).toMatchObject({ ok: false, rule: 'quorum' });
  });

  it('refuses an automatic fence by a node that does not know the cluster yet, not by a young one that does', () => {
    expect(decideFence({ ...base, clusterKnown: false })).toMatchObject({ ok: false, rule: 'grace', retryAfterMs: null });
    expect(decideFence({ ...base, clusterKnown: false, manual: true })).toEqual({ ok: true });
  });

  it('keeps a minimum delay between fences of one node', () => {
    expect(decideFence({ ...base, history: [{ node: 'node3', at: 970_000 }] })).toMatchObject({ ok: false, rule: 'min-delay', retryAfterMs: 30_000, reason: 'node3 was fenced 30 s ago: wait 30 s' });
    expect(decideFence({ ...base, history: [{ node: 'node2', at: 970_000 }] })).toEqual({ ok: true });
  });

  it('stops a fencing storm', () => {
    const history = [
      { node: 'a', at: 800_000 },
      { node: 'b', at: 850_000 },
      { node: 'c', at: 900_000 },
    ];
    expect(decideFence({ ...base, history })).toMatchObject({ ok: false, rule: 'storm', retryAfterMs: 100_000 });
  });
});
