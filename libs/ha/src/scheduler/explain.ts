import { anchorOf, dependenciesOf, groupUp } from '../constraints';
import { DEFAULT_RESTART_POLICY } from '../health';
import { placeGroups } from '../placement';
import { eligibleNodes } from './leader';
import type { Snapshot } from './snapshot';

/** Why a group runs where it runs, or why it is stopped: a code, its parameters, and its words in French and English. */
export interface Explanation {
  group: string;
  owner: string | null;
  code:
    'maintenance' | 'no-quorum' | 'unknown-group' | 'frozen' | 'fence-pending' | 'blocked' | 'unhealthy' | 'waiting-order' | 'handover' | 'pinned' | 'colocated' | 'preferred' | 'sticky' | 'placed';
  params: Record<string, string | number | string[]>;
  text: { fr: string; en: string };
}

const list = (xs: readonly string[]) => xs.join(', ');

/**
 * Explains one group from a snapshot (the committed config, the membership, the nodes' reports
 * and the fence history; no memory needed). Pure. The reasons are the scheduler's own: the
 * placement is recomputed with `placeGroups`, as the leader would.
 */
export function explainGroup(snapshot: Snapshot, name: string): Explanation {
  const config = snapshot.config;
  const group = (config.groups ?? []).find((g) => g.name === name);
  const owner = config.assignments?.[name] ?? null;
  const out = (code: Explanation['code'], params: Explanation['params'], fr: string, en: string): Explanation => ({ group: name, owner, code, params, text: { fr, en } });
  if (!group) return out('unknown-group', {}, `pas de groupe nommé ${name}`, `no group named ${name}`);
  if (config.maintenance)
    return out(
      'maintenance',
      {},
      'mode maintenance : le cluster ne touche à rien (ni démarrage, ni arrêt, ni déplacement)',
      'maintenance mode: the cluster leaves everything alone (no start, stop or move)',
    );
  const view = snapshot.membership;
  if (!view?.quorate) return out('no-quorum', {}, "ce nœud n'a pas le quorum : tout est arrêté dans sa partition", 'this node has no quorum: everything is stopped in its partition');
  const online = view.nodes
    .filter((n) => n.online)
    .sort((a, b) => a.nodeId - b.nodeId)
    .map((n) => n.name);
  const standby = config.standby ?? [];
  const eligible = eligibleNodes(view, standby);
  const bans = config.bans?.[name] ?? [];
  const banNote = { fr: bans.length > 0 ? ` (banni de ${list(bans)} après trop d'échecs)` : '', en: bans.length > 0 ? ` (banned from ${list(bans)} after too many failures)` : '' };
  if (owner && (config.frozen ?? []).includes(owner)) {
    return out(
      'frozen',
      { node: owner },
      `gelé sur ${owner} (politique d'arrêt freeze) : arrêté, il redémarre quand ${owner} revient`,
      `frozen on ${owner} (freeze shutdown policy): stopped, it starts again when ${owner} is back`,
    );
  }
  if (owner && !online.includes(owner)) {
    return out(
      'fence-pending',
      { node: owner },
      `${owner} a quitté le cluster et n'est pas encore confirmé isolé (fence) : ${name} reste arrêté jusque-là`,
      `${owner} left and is not confirmed fenced yet: ${name} stays stopped until it is`,
    );
  }
  if (!owner) {
    const departed = Object.values(config.assignments ?? {}).filter((o): o is string => !!o && !online.includes(o));
    const placed = placeGroups({
      groups: config.groups ?? [],
      assignments: config.assignments ?? {},
      eligible,
      online,
      fenced: departed,
      frozen: config.frozen ?? [],
      moves: config.moves ?? {},
      bans: config.bans ?? {},
      constraints: config.constraints ?? [],
    });
    const why = placed.blocked[name];
    if (why) return out('blocked', { why }, `arrêté : aucun nœud possible (${why})${banNote.fr}`, `stopped: no node can run it (${why})${banNote.en}`);
    const running = Object.entries(snapshot.reports ?? {})
      .filter(([, r]) => r && Object.values(r.running[name] ?? {}).some(Boolean))
      .map(([n]) => n);
    return out(
      'handover',
      { to: placed.assignments[name] ?? '', runningOn: running },
      `en transfert vers ${placed.assignments[name] ?? '?'} : il démarre là-bas une fois arrêté partout${running.length > 0 ? ` (tourne encore sur ${list(running)})` : ''}`,
      `moving to ${placed.assignments[name] ?? '?'}: it starts there once stopped everywhere${running.length > 0 ? ` (still runs on ${list(running)})` : ''}`,
    );
  }
  const report = snapshot.reports?.[owner];
  const health = report?.health[name] ?? {};
  const sick = Object.entries(health)
    .filter(([, h]) => h.status === 'unhealthy')
    .map(([r]) => r);
  if (sick.length > 0) {
    const restarts = Math.max(...sick.map((r) => health[r]?.restarts ?? 0));
    const max = group.restart?.maxRestarts ?? DEFAULT_RESTART_POLICY.maxRestarts;
    return out(
      'unhealthy',
      { node: owner, resources: sick, restarts, max },
      `sur ${owner} mais en mauvaise santé (${list(sick)}) : redémarré sur place ${restarts}/${max} fois, puis déplacé`,
      `on ${owner} but unhealthy (${list(sick)}): restarted there ${restarts}/${max} times, then moved`,
    );
  }
  const deps = dependenciesOf(name, config.constraints ?? []);
  const byName = new Map((config.groups ?? []).map((g) => [g.name, g]));
  const up = (g: string) => {
    const o = config.assignments?.[g];
    const r = o ? snapshot.reports?.[o] : undefined;
    const dep = byName.get(g);
    return !!dep && !!r && groupUp(dep, r.running[g], r.health[g]);
  };
  const running = report ? group.resources.every((r) => report.running[name]?.[r.name]) : true;
  const waiting = deps.filter((d) => !up(d));
  if (!running && waiting.length > 0)
    return out(
      'waiting-order',
      { node: owner, waitingFor: waiting },
      `attribué à ${owner}, attend que ${list(waiting)} soit démarré (contrainte d'ordre)`,
      `assigned to ${owner}, waiting for ${list(waiting)} to be up (order constraint)`,
    );
  const pin = config.moves?.[name];
  if (pin === owner)
    return out(
      'pinned',
      { node: owner },
      `sur ${owner} : déplacé là par un administrateur (sfha resources failover --clear pour lever)${banNote.fr}`,
      `on ${owner}: moved there by an admin (sfha resources failover --clear to lift it)${banNote.en}`,
    );
  const anchor = anchorOf(name, config.constraints ?? []);
  if (anchor !== name) return out('colocated', { node: owner, with: anchor }, `sur ${owner} avec ${anchor} (colocalisation)`, `on ${owner} with ${anchor} (colocation)`);
  if (group.preferredNode === owner) return out('preferred', { node: owner }, `sur ${owner}, son nœud préféré${banNote.fr}`, `on ${owner}, its preferred node${banNote.en}`);
  if (group.preferredNode && group.sticky) {
    return out(
      'sticky',
      { node: owner, preferred: group.preferredNode },
      `sur ${owner} et y reste (stickiness) même si ${group.preferredNode}, son nœud préféré, est disponible${banNote.fr}`,
      `on ${owner} and stays there (stickiness) even though ${group.preferredNode}, its preferred node, is available${banNote.en}`,
    );
  }
  return out(
    'placed',
    { node: owner },
    `sur ${owner}, choisi comme le nœud le moins chargé quand il a été placé, et y reste${banNote.fr}`,
    `on ${owner}, the least loaded node when it was placed, and stays there${banNote.en}`,
  );
}
