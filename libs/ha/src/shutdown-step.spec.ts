import { describe, expect, it } from 'vitest';
import { shutdownStep, type ShutdownFacts } from './shutdown-step';

const facts = (patch: Partial<ShutdownFacts> = {}): ShutdownFacts => ({
  self: 'node1',
  policy: 'migrate',
  quorate: true,
  online: ['node1', 'node2', 'node3'],
  standby: [],
  maintenance: false,
  assignedHere: ['web', 'db'],
  ...patch,
});

describe('what a stopping node does with its groups', () => {
  it('migrate (default): hands its groups over when another eligible member is online', () => {
    expect(shutdownStep(facts())).toEqual({ kind: 'migrate', groups: ['db', 'web'] });
  });

  it('says so and stops the groups when no other member can take them', () => {
    expect(shutdownStep(facts({ online: ['node1'] }))).toEqual({ kind: 'stop-here', why: 'no-other-node', groups: ['db', 'web'] });
    expect(shutdownStep(facts({ standby: ['node2', 'node3'] }))).toMatchObject({ why: 'no-other-node' });
  });

  it('failover policy: stops and leaves (the cluster recovers them, fence first)', () => {
    expect(shutdownStep(facts({ policy: 'failover' }))).toMatchObject({ kind: 'stop-here', why: 'failover-policy' });
  });

  it('freeze policy: freezes the node and stops its groups here, even with no other member (they wait for it)', () => {
    expect(shutdownStep(facts({ policy: 'freeze' }))).toEqual({ kind: 'freeze', groups: ['db', 'web'] });
    expect(shutdownStep(facts({ policy: 'freeze', online: ['node1'] }))).toEqual({ kind: 'freeze', groups: ['db', 'web'] });
    // No quorum: the freeze cannot be committed; nothing of its own to freeze: nothing to say.
    expect(shutdownStep(facts({ policy: 'freeze', quorate: false }))).toMatchObject({ kind: 'stop-here', why: 'no-quorum' });
    expect(shutdownStep(facts({ policy: 'freeze', assignedHere: [] }))).toMatchObject({ kind: 'stop-here', why: 'nothing-here' });
  });

  it('no handover without quorum or in maintenance; nothing to do when it runs nothing', () => {
    expect(shutdownStep(facts({ quorate: false }))).toMatchObject({ kind: 'stop-here', why: 'no-quorum' });
    expect(shutdownStep(facts({ maintenance: true }))).toMatchObject({ kind: 'stop-here', why: 'maintenance' });
    expect(shutdownStep(facts({ assignedHere: [] }))).toEqual({ kind: 'stop-here', why: 'nothing-here', groups: [] });
  });
});
