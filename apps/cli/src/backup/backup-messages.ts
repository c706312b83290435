import type { Lang } from '../i18n';

const fr = {
  exported: (file: string, generation: number, secrets: boolean) =>
    `configuration (génération ${generation}) écrite dans ${file} (0600)${secrets ? ", AVEC les secrets : gardez ce fichier à l'abri" : ', secrets masqués'}`,
  unreadable: (file: string, why: string) => `impossible de lire ${file} (${why})`,
  unwritable: (file: string, why: string) => `impossible d'écrire ${file} (${why})`,
  noChange: 'rien à changer : le cluster a déjà cette configuration',
  dryRun: (n: number) => `simulation : ${n} changement(s), rien n'a été appliqué (sans --dry-run pour appliquer)`,
  imported: (n: number, generation: number) => `configuration importée en un seul changement : ${n} changement(s), génération ${generation}`,
  backedUp: (file: string, node: string, size: number) => `sauvegarde de ${node} écrite dans ${file} (0600, ${size} octets)`,
  agentRunning: (url: string) => `l'agent tourne encore (${url}) : arrêtez-le d'abord (systemctl stop sfha-agent), puis relancez sfha restore`,
  replaces: (cluster: string) => `ce nœud détient déjà l'état du cluster ${cluster} : --force pour le remplacer par la sauvegarde`,
  restored: (node: string, cluster: string, meshIp: string, at: string) =>
    `${node} restauré (cluster ${cluster}, mesh ${meshIp}, sauvegarde du ${at}) : démarrez l'agent (systemctl start sfha-agent), il rejoint le cluster et rattrape la configuration`,
  badArchive: (why: string) => `sauvegarde refusée, rien n'a changé : ${why}`,
  outsideCluster: 'hors cluster',
};

const en: typeof fr = {
  exported: (file, generation, secrets) => `configuration (generation ${generation}) written to ${file} (0600)${secrets ? ', WITH its secrets: keep this file safe' : ', secrets masked'}`,
  unreadable: (file, why) => `cannot read ${file} (${why})`,
  unwritable: (file, why) => `cannot write ${file} (${why})`,
  noChange: 'nothing to change: the cluster already has this configuration',
  dryRun: (n) => `dry run: ${n} change(s), nothing was applied (without --dry-run to apply)`,
  imported: (n, generation) => `configuration imported as one change: ${n} change(s), generation ${generation}`,
  backedUp: (file, node, size) => `backup of ${node} written to ${file} (0600, ${size} bytes)`,
  agentRunning: (url) => `the agent is still running (${url}): stop it first (systemctl stop sfha-agent), then run sfha restore again`,
  replaces: (cluster) => `this node already holds the state of cluster ${cluster}: --force replaces it with the backup`,
  restored: (node, cluster, meshIp, at) =>
    `${node} restored (cluster ${cluster}, mesh ${meshIp}, backup of ${at}): start the agent (systemctl start sfha-agent); it rejoins the cluster and catches up with the config`,
  badArchive: (why) => `backup refused, nothing changed: ${why}`,
  outsideCluster: 'outside any cluster',
};

export type BackupMessages = typeof fr;
export const BACKUP_MESSAGES: Record<Lang, BackupMessages> = { fr, en };
