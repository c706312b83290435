import type { ConfigChange } from './cluster-config';

/**
 * The config protocol this build speaks: the set of change kinds and config fields it
 * understands. It goes up by one whenever a release adds a change kind or a config field
 * that an older member would drop or misread. Members announce it with their version.
 *
 * 1: sfha 0.1.0 (settings, fence devices, groups, placement, moves, standby, bans,
 *    maintenance, constraints).
 * 2: fencing levels and watchdog adverts (with their config fields), whole-config
 *    replacement (`sfha config import`).
 * 3: cluster-wide users and API tokens (identity.ts), with their config fields.
 * 4: notification targets (notify-targets.ts), with their config field.
 * 5: a recovery code spent as its own change (`use-recovery-code`), single-use cluster-wide.
 * 6: the management address setting (management-address.ts).
 * 7: the `freeze` shutdown policy and the frozen nodes (config field and change kind): an
 *    older member would refuse the policy and, worse, fence a frozen node and start its
 *    groups elsewhere.
 */
export const CONFIG_PROTOCOL = 7;

/** The protocol that brought the `freeze` shutdown policy. */
const FREEZE_PROTOCOL = 7;

/**
 * The protocol a member needs to understand a change. Exhaustive: a new change kind does
 * not compile until it says which protocol brought it (usually {@link CONFIG_PROTOCOL}).
 */
const CHANGE_PROTOCOL: Record<ConfigChange['kind'], number> = {
  settings: 1,
  'put-fence-device': 1,
  'delete-fence-device': 1,
  'put-group': 1,
  'delete-group': 1,
  assign: 1,
  move: 1,
  standby: 1,
  freeze: FREEZE_PROTOCOL,
  maintenance: 1,
  ban: 1,
  'put-constraint': 1,
  'delete-constraint': 1,
  'fence-levels': 2,
  watchdog: 2,
  replace: 2,
  'put-user': 3,
  'delete-user': 3,
  'put-api-token': 3,
  'delete-api-token': 3,
  'use-recovery-code': 5,
  'put-notify-target': 4,
  'delete-notify-target': 4,
};

/** What a member said about itself; `null` when it was never heard (counted as protocol 1). */
export interface AnnouncedVersion {
  version: string;
  protocol: number;
}

/** The oldest protocol any member may run: the base one, understood by every release. */
export const BASE_PROTOCOL = 1;

/** The protocol a change needs. Pure. */
export function changeProtocol(change: ConfigChange): number {
  if (change.kind === 'settings' && change.patch?.managementAddress !== undefined) return 6;
  const byKind = CHANGE_PROTOCOL[change.kind] ?? CONFIG_PROTOCOL;
  // A value, not only a kind, can be new: an older member refuses or misreads the freeze policy.
  const policy = change.kind === 'settings' ? change.patch?.shutdownPolicy : change.kind === 'replace' ? change.config?.settings?.shutdownPolicy : undefined;
  return policy === 'freeze' ? Math.max(byKind, FREEZE_PROTOCOL) : byKind;
}

/**
 * Why a change must wait for an upgrade, or null when every member understands it. A member
 * never heard from counts as the base protocol: it may come back running the oldest release. Pure.
 */
export function protocolRefusal(change: ConfigChange, members: readonly string[], announced: Readonly<Record<string, AnnouncedVersion | null | undefined>>): string | null {
  const needed = changeProtocol(change);
  const behind = members
    .map((name) => ({ name, seen: announced[name] ?? null }))
    .filter(({ seen }) => (seen?.protocol ?? BASE_PROTOCOL) < needed)
    .map(({ name, seen }) => (seen ? `${name} runs sfha ${seen.version} (config protocol ${seen.protocol})` : `${name} has not announced its version (counted as config protocol ${BASE_PROTOCOL})`));
  if (behind.length === 0) return null;
  return `this change (${change.kind}) needs config protocol ${needed} on every member, and ${behind.join(', ')}: upgrade every member first`;
}

/** The versions seen in the cluster, for status: true when members run different releases. Pure. */
export function mixedVersions(announced: Readonly<Record<string, AnnouncedVersion | null | undefined>>): boolean {
  return (
    new Set(
      Object.values(announced)
        .filter((a): a is AnnouncedVersion => !!a)
        .map((a) => a.version),
    ).size > 1
  );
}
