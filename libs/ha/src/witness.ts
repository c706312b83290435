/**
 * Member roles (docs/design.md, "Witness"). A full member votes in Corosync's quorum and runs
 * groups; a witness is a full Corosync node with one vote, over the mesh like any member, that
 * never runs a group and leads only when no full member can.
 */
export const MEMBER_ROLES = ['full', 'witness'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export function isMemberRole(value: unknown): value is MemberRole {
  return typeof value === 'string' && (MEMBER_ROLES as readonly string[]).includes(value);
}

/** The problem with an unknown role given by a user, or null. Pure. */
export function memberRoleProblem(value: unknown): string | null {
  return value === undefined || isMemberRole(value) ? null : `role must be one of ${MEMBER_ROLES.join(', ')} (got ${typeof value === 'string' ? value : JSON.stringify(value)})`;
}

/**
 * Why a group may not be pinned on (moved to) or prefer `node`, or null: a witness never runs
 * a group. Pure.
 */
export function witnessPlacementProblem(group: string, node: string | null | undefined, witnesses: readonly string[]): string | null {
  return node && witnesses.includes(node) ? `${node} is a witness: it votes for quorum and never runs a group, so ${group} cannot be placed on it` : null;
}
