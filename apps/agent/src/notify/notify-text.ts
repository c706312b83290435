import type { NotifyLanguage } from '@sfha/ha';

/** Every sentence a notification can say; one implementation per language, so a missing one fails to compile. */
export interface NotifyText {
  opened: string;
  resolved: string;
  test: string;
  nodeLost: (node: string) => string;
  groupFailed: (group: string, node: string) => string;
  openedAt: (at: string) => string;
  resolvedAt: (at: string, duration: string) => string;
  fenceOk: (node: string, device: string, ms: string) => string;
  fenceFailed: (node: string, device: string, ms: string) => string;
  noFence: string;
  groupWaiting: (group: string, from: string) => string;
  groupMoving: (group: string, from: string, to: string) => string;
  groupServed: (group: string, from: string, to: string, downtime: string) => string;
  noGroup: string;
  testBody: (target: string, node: string) => string;
  sentBy: (node: string) => string;
  reference: (id: string) => string;
  seconds: (ms: number) => string;
}

const seconds = (ms: number, decimal: string) => `${(ms / 1000).toFixed(1).replace('.', decimal)} s`;

export const NOTIFY_TEXT: Record<NotifyLanguage, NotifyText> = {
  fr: {
    opened: 'incident ouvert',
    resolved: 'incident résolu',
    test: 'message de test',
    nodeLost: (node) => `nœud ${node} perdu`,
    groupFailed: (group, node) => `groupe ${group} en échec sur ${node}`,
    openedAt: (at) => `Ouvert à ${at}.`,
    resolvedAt: (at, duration) => `Résolu à ${at}, après ${duration}.`,
    fenceOk: (node, device, ms) => `Fencing de ${node} par ${device} : confirmé en ${ms}.`,
    fenceFailed: (node, device, ms) => `Fencing de ${node} par ${device} : ÉCHEC après ${ms}.`,
    noFence: 'Aucun fencing.',
    groupWaiting: (group, from) => `Groupe ${group} (sur ${from}) : en attente d’un nœud.`,
    groupMoving: (group, from, to) => `Groupe ${group} : ${from} → ${to}, démarrage en cours.`,
    groupServed: (group, from, to, downtime) => `Groupe ${group} : ${from} → ${to}, interruption ${downtime}.`,
    noGroup: 'Aucun groupe concerné.',
    testBody: (target, node) => `Message de test de la cible « ${target} », envoyé par ${node}. Si vous le lisez, elle fonctionne.`,
    sentBy: (node) => `Envoyé par ${node} (leader).`,
    reference: (id) => `Incident ${id}.`,
    seconds: (ms) => seconds(ms, ','),
  },
  en: {
    opened: 'incident opened',
    resolved: 'incident resolved',
    test: 'test message',
    nodeLost: (node) => `node ${node} lost`,
    groupFailed: (group, node) => `group ${group} failed on ${node}`,
    openedAt: (at) => `Opened at ${at}.`,
    resolvedAt: (at, duration) => `Resolved at ${at}, after ${duration}.`,
    fenceOk: (node, device, ms) => `Fence of ${node} through ${device}: confirmed in ${ms}.`,
    fenceFailed: (node, device, ms) => `Fence of ${node} through ${device}: FAILED after ${ms}.`,
    noFence: 'No fence.',
    groupWaiting: (group, from) => `Group ${group} (on ${from}): waiting for a node.`,
    groupMoving: (group, from, to) => `Group ${group}: ${from} → ${to}, starting.`,
    groupServed: (group, from, to, downtime) => `Group ${group}: ${from} → ${to}, down for ${downtime}.`,
    noGroup: 'No group affected.',
    testBody: (target, node) => `Test message of target "${target}", sent by ${node}. If you read this, it works.`,
    sentBy: (node) => `Sent by ${node} (leader).`,
    reference: (id) => `Incident ${id}.`,
    seconds: (ms) => seconds(ms, '.'),
  },
};
