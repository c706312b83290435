import type { ConfigChangeSummary, FailureCause, PlacementBlock, StopHereReason, StopReason } from './event-catalogue';
import { names, type EventTexts } from './event-text';

const block = (b: PlacementBlock): string => {
  switch (b.kind) {
    case 'no-eligible-node':
      return 'aucun nœud éligible (en ligne, avec quorum, hors veille)';
    case 'only-near':
      return `aucun nœud éligible à l’écart de ${names(b.groups)}`;
    case 'banned-everywhere':
      return `exclu de tous les nœuds éligibles (${names(b.nodes)})`;
    case 'anchor-nowhere':
      return `colocalisé avec ${b.anchor}, qui ne tourne nulle part`;
    case 'banned-where-anchor-runs':
      return `exclu de ${b.node}, où tourne ${b.anchor} (son ancre)`;
    case 'anchor-awaits-fence':
      return `colocalisé avec ${b.anchor}, dont le nœud est parti sans être encore isolé`;
    case 'other':
      return `raison non traduite : ${b.text}`;
  }
};

const STOP_HERE: Record<StopHereReason, string> = {
  'failover-policy': "politique d'arrêt failover, le cluster les reprend",
  'no-other-node': 'aucun autre nœud éligible pour les prendre',
  'no-quorum': 'pas de quorum',
  maintenance: 'mode maintenance',
};
const STOP: Record<StopReason, string> = {
  'no-quorum': 'pas de quorum',
  'config-not-current': 'configuration pas à jour',
  'not-assigned': 'placé ailleurs',
  removed: 'retiré de la configuration',
  'agent-stopping': "l'agent s'arrête",
};
const COULD_NOT = { start: 'n’a pas pu démarrer', stop: 'n’a pas pu s’arrêter', failed: 'n’a pas pu être redémarrée', 'check-health': 'n’a pas pu être vérifiée' } as const;
const STATUS = { healthy: 'saine', unhealthy: 'en échec', unknown: 'd’état inconnu' } as const;
const votes = (p: { votes: number | null; expected: number | null }) => (p.votes === null || p.expected === null ? '' : ` (${p.votes}/${p.expected} votes)`);
const cause = (c: FailureCause): string => (c.kind === 'stopped-running' ? 'elle s’est arrêtée' : `en échec : ${c.detail}`);

const change = (c: ConfigChangeSummary): string => {
  switch (c.kind) {
    case 'settings':
      return `réglages ${JSON.stringify(c.patch)}`;
    case 'put-fence-device':
      return `équipement de fencing ${c.device} (${c.agent}) enregistré`;
    case 'delete-fence-device':
      return `équipement de fencing ${c.device} retiré`;
    case 'put-group':
      return `groupe ${c.group} enregistré`;
    case 'delete-group':
      return `groupe ${c.group} retiré`;
    case 'move':
      return c.node ? `groupe ${c.group} déplacé vers ${c.node}` : `groupe ${c.group} libéré`;
    case 'standby':
      return `${c.node} ${c.on ? 'mis en veille' : 'sorti de veille'}`;
    case 'maintenance':
      return `maintenance ${c.on ? 'activée' : 'terminée'}`;
    case 'put-constraint':
      return `contrainte ${c.id} enregistrée`;
    case 'delete-constraint':
      return `contrainte ${c.id} retirée`;
    case 'other':
      return c.name;
  }
};

export const EVENT_TEXT_FR: EventTexts = {
  'quorum.gained': (p) => `quorum atteint${votes(p)}`,
  'quorum.lost': (p) => `quorum perdu${votes(p)}`,
  'node.joined': (p) => `${p.node} a rejoint le cluster`,
  'node.left': (p) => `${p.node} a quitté le cluster${p.groups?.length ? ` (il faisait tourner ${p.groups.join(', ')})` : ''}`,
  'node.draining': (p) => `${p.node} s'arrête : ses groupes partent d'abord sur d'autres nœuds (${p.groups.join(', ')})`,
  'node.drained': (p) => `${p.node} vidé en ${(p.ms / 1000).toFixed(1)} s : ses groupes tournent ailleurs, il s'arrête`,
  'node.drain-timeout': (p) => `${p.node} s'arrête avant que ses groupes soient partis (${p.groups.join(', ')}) après ${(p.ms / 1000).toFixed(0)} s`,
  'node.stopping-groups': (p) => `${p.node} arrête ses groupes sur place (${p.groups.join(', ')}) : ${STOP_HERE[p.reason]}`,
  'node.undrained-at-start': (p) => `${p.node} est de retour après un arrêt vidé : il n'est plus en veille`,
  'node.frozen': (p) => `${p.node} s'arrête avec la politique freeze : ${p.groups.join(', ')} arrêtés et gardés pour lui (ni déplacement ni fencing) jusqu'à son retour`,
  'node.thawed-at-start': (p) => `${p.node} est de retour après un arrêt gelé : ses groupes redémarrent`,
  'leader.elected': (p) => `leader : ${p.leader}`,
  'leader.none': () => 'aucun leader (pas de quorum)',
  'config.changed': (p) => `configuration modifiée : ${change(p.change)} (génération ${p.generation})`,
  'mesh.member-joined': (p) => `${p.node} a rejoint le mesh${p.role === 'witness' ? ' comme témoin' : ''} (invité par ${p.invitedBy})`,
  'auth.password-set': () => 'mot de passe administrateur défini (premier démarrage)',
  'auth.password-changed': () => 'mot de passe administrateur changé',
  'fence.departed-fenced': (p) => `${p.node} est parti en possédant des ressources : isolé, ses groupes sont déplacés`,
  'fence.watchdog-confirmed': (p) =>
    `${p.node} est considéré isolé par son watchdog : ${p.waitedMs} ms depuis son départ (2 × son délai de ${p.timeoutMs} ms), il a redémarré ou ne fait plus rien tourner`,
  'fence.departed-not-fenced': (p) => `${p.node} est parti en possédant des ressources et n’a pas pu être isolé : ses groupes restent arrêtés (${p.error})`,
  'fence.confirmed': (p) => `${p.node} isolé (${p.action === 'off' ? 'éteint' : 'redémarré'}) par ${p.device} : confirmé en ${p.ms} ms`,
  'fence.failed': (p) => `${p.node} isolé (${p.action === 'off' ? 'éteint' : 'redémarré'}) par ${p.device} : ÉCHEC en ${p.ms} ms`,
  'unfence.confirmed': (p) => `${p.node} rallumé par ${p.device} : confirmé en ${p.ms} ms`,
  'unfence.failed': (p) => `${p.node} rallumé par ${p.device} : ÉCHEC en ${p.ms} ms`,
  'placement.changed': (p) =>
    `placement : ${Object.entries(p.assignments)
      .map(([g, n]) => `${g} → ${n ?? 'nulle part'}`)
      .join(', ')}`,
  'group.unplaceable': (p) => `${p.group} ne peut pas être placé : ${block(p.reason)}`,
  'group.waiting': (p) => `${p.group} attend le groupe ${names(p.waitingFor)} (ordre) avant de démarrer sur ${p.node}`,
  'resource.started': (p) => `${p.group}/${p.resource} démarrée sur ${p.node}`,
  'resource.stopped': (p) => `${p.group}/${p.resource} arrêtée sur ${p.node} (${STOP[p.reason]})`,
  'resource.action-failed': (p) => `${p.group}/${p.resource} ${COULD_NOT[p.step]} sur ${p.node} : ${p.error}`,
  'health.changed': (p) => `${p.group}/${p.resource} ${STATUS[p.status]} sur ${p.node} (${p.detail})`,
  'health.restarted': (p) =>
    `${p.group}/${p.resource} en panne sur ${p.node} (${cause(p.cause)}) : ${p.restartError ? `redémarrage échoué : ${p.restartError}` : 'redémarrée sur place'} (${p.attempt}/${p.max})`,
  'health.gave-up': (p) => `${p.group}/${p.resource} en panne sur ${p.node} (${cause(p.cause)}) au-delà de ${p.max} redémarrage(s) : ${p.group} quitte ${p.node}`,
  'user.created': (p) => `utilisateur ${p.name} créé (${p.role})`,
  'user.removed': (p) => `utilisateur ${p.name} supprimé`,
  'user.role-changed': (p) => `l’utilisateur ${p.name} est désormais ${p.role}`,
  'user.password-changed': (p) => `mot de passe de ${p.name} changé`,
  'user.sessions-ended': (p) => `sessions de ${p.name} fermées`,
  'api-token.created': (p) => `jeton d’API « ${p.name} » de ${p.owner} créé (${p.role})`,
  'api-token.revoked': (p) => `jeton d’API « ${p.name} » de ${p.owner} révoqué`,
  'user.totp-enabled': (p) => `double authentification activée pour ${p.name}`,
  'user.totp-disabled': (p) => `double authentification désactivée pour ${p.name}`,
  'auth.recovery-code-used': (p) => `${p.name} s’est connecté avec un code de secours (il en reste ${p.left})`,
  'auth.user-locked': (p) => `utilisateur ${p.name} bloqué ${p.minutes} min après ${p.failures} échecs de connexion`,
  'event.legacy': (p) => `(ancien format) ${p.text}`,
};
