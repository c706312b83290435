export type Lang = 'fr' | 'en';

const fr = {
  help: `sfha — haute disponibilité pour serveurs Linux

Usage : sfha [options] <commande>

Commandes :
  status            état de ce nœud (agent, compte admin, cluster)

Options :
  --lang=fr|en      langue des messages (défaut fr, ou $SFHA_LANG)
  --json            sortie JSON, pour les scripts
  --url URL         adresse de l'agent (défaut : celle écrite par l'agent)
  --data-dir DIR    répertoire de l'agent (défaut /var/lib/sfha, ou $SFHA_DATA_DIR)
  -h, --help        cette aide
  --version         version de sfha`,
  unknownCommand: (c: string) => `commande inconnue « ${c} » (voir sfha --help)`,
  unknownOption: (o: string) => `option inconnue « ${o} » (voir sfha --help)`,
  missingValue: (o: string) => `${o} attend une valeur`,
  badLang: (l: string) => `langue « ${l} » non prise en charge : fr ou en`,
  noCommand: 'aucune commande : voir sfha --help',
  credentialMissing: (f: string) => `pas d'identifiant local (${f}) : l'agent sfha a-t-il démarré sur ce nœud ?`,
  credentialDenied: (f: string) => `lecture de ${f} refusée : lancez sfha en root`,
  credentialBroken: (f: string) => `${f} est illisible : redémarrez l'agent sfha pour le réécrire`,
  unreachable: (u: string, why: string) => `impossible de joindre l'agent sur ${u} (${why}) : est-il démarré ?`,
  apiError: (m: string) => `l'agent a refusé : ${m}`,
  status: {
    node: 'Nœud',
    version: 'Version',
    agent: 'Agent',
    running: (d: string) => `en marche depuis ${d}`,
    admin: 'Compte admin',
    adminSet: 'configuré',
    adminUnset: 'à créer (premier démarrage : ouvrez le tableau de bord)',
    cluster: 'Cluster',
    member: 'membre',
    noCluster: 'aucun (sfha init pour en créer un, sfha join pour en rejoindre un)',
    health: 'Santé',
  },
};

const en: typeof fr = {
  help: `sfha — high availability for Linux servers

Usage: sfha [options] <command>

Commands:
  status            this node's state (agent, admin account, cluster)

Options:
  --lang=fr|en      message language (default fr, or $SFHA_LANG)
  --json            JSON output, for scripts
  --url URL         the agent's address (default: the one the agent wrote)
  --data-dir DIR    the agent's directory (default /var/lib/sfha, or $SFHA_DATA_DIR)
  -h, --help        this help
  --version         sfha's version`,
  unknownCommand: (c) => `unknown command "${c}" (see sfha --help)`,
  unknownOption: (o) => `unknown option "${o}" (see sfha --help)`,
  missingValue: (o) => `${o} needs a value`,
  badLang: (l) => `language "${l}" is not supported: fr or en`,
  noCommand: 'no command: see sfha --help',
  credentialMissing: (f) => `no local credential (${f}): has the sfha agent started on this node?`,
  credentialDenied: (f) => `reading ${f} was denied: run sfha as root`,
  credentialBroken: (f) => `${f} is unreadable: restart the sfha agent to rewrite it`,
  unreachable: (u, why) => `cannot reach the agent at ${u} (${why}): is it running?`,
  apiError: (m) => `the agent refused: ${m}`,
  status: {
    node: 'Node',
    version: 'Version',
    agent: 'Agent',
    running: (d) => `running for ${d}`,
    admin: 'Admin account',
    adminSet: 'set',
    adminUnset: 'not yet created (first run: open the dashboard)',
    cluster: 'Cluster',
    member: 'member',
    noCluster: 'none (sfha init to create one, sfha join to join one)',
    health: 'Health',
  },
};

export type Messages = typeof fr;
export const MESSAGES: Record<Lang, Messages> = { fr, en };
