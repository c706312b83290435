import { describe, expect, it } from 'vitest';
import { simulateBody } from './resources-what-if-model';

describe('what-if request', () => {
  it('is null while every node stays and every group stays', () => {
    expect(simulateBody({ node1: 'none' }, { web: '' })).toBeNull();
    expect(simulateBody({}, {})).toBeNull();
  });

  it('lists the nodes that die, those in standby and the moves as GROUP=NODE', () => {
    expect(simulateBody({ node1: 'kill', node2: 'standby', node3: 'none' }, { web: 'node3', db: '' })).toEqual({ kill: ['node1'], standby: ['node2'], move: ['web=node3'] });
  });
});
