import { describe, expect, it } from 'vitest';
import { memberRoleProblem, witnessPlacementProblem } from './witness';

describe('member roles', () => {
  it('accepts full and witness, names the choices for anything else', () => {
    expect(memberRoleProblem('witness')).toBeNull();
    expect(memberRoleProblem(undefined)).toBeNull();
    expect(memberRoleProblem('arbiter')).toBe('role must be one of full, witness (got arbiter)');
  });

  it('refuses a group on a witness, naming both', () => {
    expect(witnessPlacementProblem('web', 'wit', ['wit'])).toMatch(/^wit is a witness: .* web cannot be placed on it$/);
    expect(witnessPlacementProblem('web', 'node1', ['wit'])).toBeNull();
    expect(witnessPlacementProblem('web', null, ['wit'])).toBeNull();
  });
});
