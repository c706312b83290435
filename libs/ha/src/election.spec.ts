import { describe, expect, it } from 'vitest';
import { electLeader } from './election';

const member = (nodeId: number, online = true, standby = false) => ({ nodeId, online, standby });

describe('leader election', () => {
  it('picks the lowest node id among online, non-standby members', () => {
    expect(electLeader([member(3), member(1), member(2)], true)).toBe(1);
    expect(electLeader([member(1, false), member(2, true, true), member(3)], true)).toBe(3);
  });

  it('elects nobody without quorum or without an eligible member', () => {
    expect(electLeader([member(1)], false)).toBeNull();
    expect(electLeader([member(1, false), member(2, true, true)], true)).toBeNull();
    expect(electLeader([], true)).toBeNull();
  });
});

describe('leader election with a witness', () => {
  const witness = (nodeId: number, online = true) => ({ nodeId, online, standby: false, witness: true });

  it('never elects a witness while a full member is eligible, even with a lower id', () => {
    expect(electLeader([witness(1), member(2), member(3)], true)).toBe(2);
    expect(electLeader([witness(1), member(2, false), member(3)], true)).toBe(3);
  });

  it('elects the witness when every full member is gone or in standby', () => {
    expect(electLeader([member(1, true, true), member(2, false), witness(3)], true)).toBe(3);
    expect(electLeader([member(1, false), witness(3)], false)).toBeNull();
  });
});
