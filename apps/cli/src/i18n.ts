export type Lang = 'fr' | 'en';

const fr = {
  help: `sfha — haute disponibilité pour serveurs Linux

Usage : sfha [options] <commande>

Commandes :
  status                                   état de ce nœud (agent, compte admin, cluster)
  init --cluster NOM --mesh --ip CIDR      crée un cluster dont ce nœud est le premier membre
       [--port N] [--endpoint HÔTE:PORT] [--keepalive S]
  join LIEN [--endpoint HÔTE:PORT]         rejoint un cluster avec un lien d'invitation
  mesh status                              pairs : endpoint, dernier handshake, trafic, RTT
  mesh token [--expires 1h] [--ip IP]      crée une invitation (lien sfha-join:// à usage unique)
  mesh invitations | mesh revoke ID        liste / révoque les invitations de ce nœud
  mesh up | mesh down                      monte / arrête l'interface du mesh
  mesh add-peer --name N --endpoint H:P --pubkey CLÉ --ip IP
  mesh remove-peer NOM                     retire un membre de tous les nœuds
  mesh set-endpoint HÔTE:PORT              change l'adresse où les autres joignent ce nœud
  mesh rotate-keys [--prepare|--commit|--cleanup]   renouvelle la clé WireGuard de ce nœud
  config show | config set [--token-ms MS] [--token-coefficient-ms MS] [--fence-startup-grace-ms MS] [--fence-min-delay-ms MS] [--fence-storm-limit N]
                                                   configuration répliquée du cluster (quorum requis)
  resources [list] | resources group-set NOM [--vip CIDR[@iface]]… [--mesh-vip IP]… [--process "CMD"]… [--systemd UNITÉ]… [--prefer NŒUD]
      [--health-http URL | --health-tcp HÔTE:PORT | --health-systemd UNITÉ] [--max-restarts N] [--no-sticky] | resources group-remove NOM
  health                                           santé des ressources, redémarrages locaux
  constraints [list] | constraints remove ID       contraintes entre groupes
  constraints add colocation G AVEC | anti-colocation G AVEC | order PREMIER ENSUITE
  events [--category C] [--limit N] [--follow]    le journal des événements (en direct avec --follow)
  failover GROUPE NŒUD | failover --clear GROUPE   déplace un groupe (épinglé) / le libère
  standby NŒUD | unstandby NŒUD                    met un nœud en veille / l'en sort
  maintenance on|off                               le cluster laisse les ressources tranquilles
  stonith status | history | agent fence_…         fencing : état, historique, paramètres d'un agent
  stonith device-set NOM --agent fence_… [--param k=v]… --host nœud=prise…
  stonith device-set NOM --webhook URL [--header-file FICHIER] [--header "Nom: valeur"]… --host nœud=prise…
  stonith fence NŒUD [--reboot] | stonith unfence NŒUD

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
  apiError: (status: number, code: string, m: string) => `l'agent a refusé (HTTP ${status}, ${code}) : ${m}`,
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
  usage: (u: string) => `usage : sfha ${u}`,
  admin: {
    moving: (g: string, n: string) => `${g} va sur ${n} (arrêt d'abord, puis démarrage là-bas) ; épinglé jusqu'à sfha failover --clear ${g}`,
    cleared: (g: string) => `${g} n'est plus épinglé (il reste où il tourne)`,
    standby: (n: string) => `${n} en veille : ses groupes partent, il ne sera pas leader`,
    unstandby: (n: string) => `${n} n'est plus en veille`,
    maintenanceOn: 'maintenance ACTIVE : le cluster ne touche plus aux ressources',
    maintenanceOff: 'maintenance terminée : le cluster gère de nouveau les ressources',
  },
  resources: {
    none: 'aucune ressource : sfha resources group-set NOM --vip 192.0.2.100/24 …',
    header: ['GROUPE', 'RESSOURCE', 'TYPE', 'DÉTAIL', 'PROPRIÉTAIRE', 'ÉTAT', 'SANTÉ'],
    healthHeader: ['GROUPE', 'RESSOURCE', 'PROPRIÉTAIRE', 'SANTÉ', 'DÉTAIL', 'REDÉMARRAGES', 'EXCLU DE'],
    nowhere: 'nulle part',
    running: 'en marche',
    stopped: 'ARRÊTÉE',
    set: (n: string, owner: string) => `groupe ${n} enregistré ; placé sur ${owner}`,
    removed: (n: string) => `groupe ${n} retiré (ses ressources s'arrêtent)`,
  },
  constraints: {
    none: 'aucune contrainte : sfha constraints add colocation web db | anti-colocation a b | order db web',
    header: ['ID', 'TYPE', 'RÈGLE'],
    rule: (kind: string, a: string, b: string) =>
      kind === 'order' ? `${b} démarre une fois ${a} en marche, et s'arrête avant lui` : kind === 'colocation' ? `${a} tourne sur le nœud de ${b}` : `${a} ne tourne jamais sur le nœud de ${b}`,
    added: (id: string, rule: string) => `contrainte ${id} ajoutée : ${rule}`,
    removed: (id: string) => `contrainte ${id} retirée`,
  },
  stonith: {
    enabled: (d: string) => `fencing actif : ${d}`,
    disabled: 'fencing INACTIF : aucun équipement configuré (sfha stonith device-set)',
    statusHeader: ['NŒUD', 'ÉQUIPEMENT', 'ALIMENTATION'],
    power: { on: 'allumé', off: 'ÉTEINT', unknown: 'inconnue', 'no-device': 'pas d\'équipement' } as Record<string, string>,
    fenced: (n: string, d: string, ms: number) => `${n} isolé (éteint) par ${d} en ${ms} ms`,
    unfenced: (n: string, ms: number) => `${n} rallumé en ${ms} ms`,
    noHistory: 'aucun fencing',
    historyHeader: ['DÉBUT', 'NŒUD', 'ACTION', 'ÉQUIPEMENT', 'PAR', 'RÉSULTAT', 'DURÉE'],
    failed: 'ÉCHEC',
    badPair: (o: string, v: string) => `${o} attend clé=valeur, reçu « ${v} »`,
    // The value is not echoed: it is usually a secret.
    badHeader: '--header attend « Nom: valeur » (par ex. « Authorization: Bearer … »)',
    headerFileUnreadable: (f: string, reason: string) => `impossible de lire le fichier d'en-têtes ${f} (${reason})`,
    deviceSet: (n: string, nodes: string) => `équipement ${n} configuré pour ${nodes}`,
    deviceRemoved: (n: string) => `équipement ${n} retiré`,
    paramHeader: ['PARAMÈTRE', 'TYPE', 'REQUIS', 'DESCRIPTION'],
  },
  config: {
    generation: 'Génération',
    committed: (g: number) => `configuration du cluster validée (génération ${g}) et appliquée sur les nœuds`,
    notNumber: (o: string) => `${o} attend un nombre entier de millisecondes`,
  },
  clusterStatus: {
    quorum: 'Quorum',
    quorate: (votes: number, expected: number, needed: number) => `oui (${votes}/${expected} votes, ${needed} requis)`,
    notQuorate: (votes: number, needed: number) => `NON (${votes} vote(s), ${needed} requis) : rien ne tourne ici`,
    corosyncDown: 'corosync ne répond pas',
    leader: 'Leader',
    noLeader: 'aucun',
    header: 'NŒUD         ID   IP MESH          ÉTAT',
    online: 'en ligne',
    offline: 'hors ligne',
    leaderTag: 'leader',
    selfTag: 'ce nœud',
  },
  mesh: {
    created: (c: string, ip: string) => `cluster « ${c} » créé ; ce nœud a l'adresse mesh ${ip}`,
    inviteNext: 'Invitez un nœud : sfha mesh token',
    joined: (c: string, ip: string, ms: number) => `cluster « ${c} » rejoint en ${ms} ms ; adresse mesh ${ip}`,
    handshakes: (ok: string, all: number) => `handshakes : ${ok || 'aucun'} (${all} membre(s))`,
    token: 'Lien d\'invitation (à usage unique, à ne partager qu\'avec le nouveau nœud) :',
    tokenFor: (ip: string, until: string) => `pour l'adresse ${ip}, valable jusqu'au ${until}. Sur le nouveau nœud : sfha join <lien>`,
    cluster: 'Cluster',
    self: 'Ce nœud',
    iface: (name: string, up: boolean) => `interface ${name} : ${up ? 'active' : 'arrêtée'}`,
    header: ['PAIR', 'IP MESH', 'ENDPOINT', 'HANDSHAKE', 'RTT', 'REÇU', 'ENVOYÉ', 'ÉTAT'],
    ago: (s: number) => `il y a ${s} s`,
    never: 'jamais',
    connected: 'connecté',
    disconnected: 'déconnecté',
    noPeers: 'aucun pair pour l\'instant : sfha mesh token crée une invitation',
    invHeader: ['ID', 'ADRESSE', 'EXPIRE', 'ÉTAT', 'UTILISÉE PAR'],
    noInvitations: 'aucune invitation',
    statuses: { pending: 'en attente', used: 'utilisée', revoked: 'révoquée', expired: 'expirée' } as Record<string, string>,
    revoked: (id: string) => `invitation ${id} révoquée`,
    up: 'mesh monté',
    down: 'mesh arrêté',
    peerAdded: (n: string) => `membre ${n} ajouté`,
    peerRemoved: (n: string) => `membre ${n} retiré de tous les nœuds`,
    endpointSet: (e: string) => `les autres nœuds joignent maintenant ce nœud sur ${e}`,
    rotated: (phase: string, key: string) => `rotation (${phase}) faite ; clé publique en service : ${key}`,
    pending: (key: string) => `nouvelle clé préparée : ${key} (sfha mesh rotate-keys --commit pour l'appliquer)`,
  },
};

const en: typeof fr = {
  help: `sfha — high availability for Linux servers

Usage: sfha [options] <command>

Commands:
  status                                   this node's state (agent, admin account, cluster)
  init --cluster NAME --mesh --ip CIDR     create a cluster with this node as first member
       [--port N] [--endpoint HOST:PORT] [--keepalive S]
  join LINK [--endpoint HOST:PORT]         join a cluster with an invitation link
  mesh status                              peers: endpoint, latest handshake, transfer, RTT
  mesh token [--expires 1h] [--ip IP]      create an invitation (one-time sfha-join:// link)
  mesh invitations | mesh revoke ID        list / revoke this node's invitations
  mesh up | mesh down                      bring the mesh interface up / down
  mesh add-peer --name N --endpoint H:P --pubkey KEY --ip IP
  mesh remove-peer NAME                    remove a member from every node
  mesh set-endpoint HOST:PORT              change where the others reach this node
  mesh rotate-keys [--prepare|--commit|--cleanup]   renew this node's WireGuard key
  config show | config set [--token-ms MS] [--token-coefficient-ms MS] [--fence-startup-grace-ms MS] [--fence-min-delay-ms MS] [--fence-storm-limit N]
                                                   the replicated cluster configuration (quorum needed)
  resources [list] | resources group-set NAME [--vip CIDR[@iface]]… [--mesh-vip IP]… [--process "CMD"]… [--systemd UNIT]… [--prefer NODE]
      [--health-http URL | --health-tcp HOST:PORT | --health-systemd UNIT] [--max-restarts N] [--no-sticky] | resources group-remove NAME
  health                                           resources' health, local restarts
  constraints [list] | constraints remove ID       constraints between groups
  constraints add colocation G WITH | anti-colocation G WITH | order FIRST THEN
  events [--category C] [--limit N] [--follow]    the event timeline (live with --follow)
  failover GROUP NODE | failover --clear GROUP     move a group (pinned) / unpin it
  standby NODE | unstandby NODE                    put a node in standby / take it out
  maintenance on|off                               the cluster leaves resources alone
  stonith status | history | agent fence_…         fencing: state, history, an agent's parameters
  stonith device-set NAME --agent fence_… [--param k=v]… --host node=plug…
  stonith device-set NAME --webhook URL [--header-file FILE] [--header "Name: value"]… --host node=plug…
  stonith fence NODE [--reboot] | stonith unfence NODE

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
  apiError: (status, code, m) => `the agent refused (HTTP ${status}, ${code}): ${m}`,
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
  usage: (u) => `usage: sfha ${u}`,
  admin: {
    moving: (g, n) => `${g} is moving to ${n} (stopped first, then started there); pinned until sfha failover --clear ${g}`,
    cleared: (g) => `${g} is no longer pinned (it stays where it runs)`,
    standby: (n) => `${n} in standby: its groups move away, it will not lead`,
    unstandby: (n) => `${n} is out of standby`,
    maintenanceOn: 'maintenance ON: the cluster leaves the resources alone',
    maintenanceOff: 'maintenance OFF: the cluster manages the resources again',
  },
  resources: {
    none: 'no resources: sfha resources group-set NAME --vip 192.0.2.100/24 …',
    header: ['GROUP', 'RESOURCE', 'KIND', 'DETAIL', 'OWNER', 'STATE', 'HEALTH'],
    healthHeader: ['GROUP', 'RESOURCE', 'OWNER', 'HEALTH', 'DETAIL', 'RESTARTS', 'BANNED ON'],
    nowhere: 'nowhere',
    running: 'running',
    stopped: 'STOPPED',
    set: (n, owner) => `group ${n} saved; placed on ${owner}`,
    removed: (n) => `group ${n} removed (its resources stop)`,
  },
  constraints: {
    none: 'no constraints: sfha constraints add colocation web db | anti-colocation a b | order db web',
    header: ['ID', 'KIND', 'RULE'],
    rule: (kind, a, b) => (kind === 'order' ? `${b} starts once ${a} is up, and stops before it` : kind === 'colocation' ? `${a} runs on the node of ${b}` : `${a} never runs on the node of ${b}`),
    added: (id, rule) => `constraint ${id} added: ${rule}`,
    removed: (id) => `constraint ${id} removed`,
  },
  stonith: {
    enabled: (d) => `fencing enabled: ${d}`,
    disabled: 'fencing DISABLED: no device configured (sfha stonith device-set)',
    statusHeader: ['NODE', 'DEVICE', 'POWER'],
    power: { on: 'on', off: 'OFF', unknown: 'unknown', 'no-device': 'no device' },
    fenced: (n, d, ms) => `${n} fenced (powered off) by ${d} in ${ms} ms`,
    unfenced: (n, ms) => `${n} powered back on in ${ms} ms`,
    noHistory: 'no fencing yet',
    historyHeader: ['STARTED', 'NODE', 'ACTION', 'DEVICE', 'BY', 'RESULT', 'TIME'],
    failed: 'FAILED',
    badPair: (o, v) => `${o} needs key=value, got "${v}"`,
    badHeader: '--header needs "Name: value" (e.g. "Authorization: Bearer …")',
    headerFileUnreadable: (f, reason) => `cannot read the header file ${f} (${reason})`,
    deviceSet: (n, nodes) => `device ${n} configured for ${nodes}`,
    deviceRemoved: (n) => `device ${n} removed`,
    paramHeader: ['PARAMETER', 'TYPE', 'REQUIRED', 'DESCRIPTION'],
  },
  config: {
    generation: 'Generation',
    committed: (g) => `cluster configuration committed (generation ${g}) and applied on the nodes`,
    notNumber: (o) => `${o} needs a whole number of milliseconds`,
  },
  clusterStatus: {
    quorum: 'Quorum',
    quorate: (votes, expected, needed) => `yes (${votes}/${expected} votes, ${needed} needed)`,
    notQuorate: (votes, needed) => `NO (${votes} vote(s), ${needed} needed): nothing runs here`,
    corosyncDown: 'corosync does not answer',
    leader: 'Leader',
    noLeader: 'none',
    header: 'NODE         ID   MESH IP          STATE',
    online: 'online',
    offline: 'offline',
    leaderTag: 'leader',
    selfTag: 'this node',
  },
  mesh: {
    created: (c, ip) => `cluster "${c}" created; this node has mesh address ${ip}`,
    inviteNext: 'Invite a node: sfha mesh token',
    joined: (c, ip, ms) => `joined cluster "${c}" in ${ms} ms; mesh address ${ip}`,
    handshakes: (ok, all) => `handshakes: ${ok || 'none'} (${all} member(s))`,
    token: 'Invitation link (single use; share it with the new node only):',
    tokenFor: (ip, until) => `for address ${ip}, valid until ${until}. On the new node: sfha join <link>`,
    cluster: 'Cluster',
    self: 'This node',
    iface: (name, up) => `interface ${name}: ${up ? 'up' : 'down'}`,
    header: ['PEER', 'MESH IP', 'ENDPOINT', 'HANDSHAKE', 'RTT', 'RX', 'TX', 'STATE'],
    ago: (s) => `${s} s ago`,
    never: 'never',
    connected: 'connected',
    disconnected: 'disconnected',
    noPeers: 'no peer yet: sfha mesh token creates an invitation',
    invHeader: ['ID', 'ADDRESS', 'EXPIRES', 'STATE', 'USED BY'],
    noInvitations: 'no invitations',
    statuses: { pending: 'pending', used: 'used', revoked: 'revoked', expired: 'expired' },
    revoked: (id) => `invitation ${id} revoked`,
    up: 'mesh up',
    down: 'mesh down',
    peerAdded: (n) => `member ${n} added`,
    peerRemoved: (n) => `member ${n} removed from every node`,
    endpointSet: (e) => `the other nodes now reach this node at ${e}`,
    rotated: (phase, key) => `rotation (${phase}) done; public key in use: ${key}`,
    pending: (key) => `new key prepared: ${key} (sfha mesh rotate-keys --commit applies it)`,
  },
};

export type Messages = typeof fr;
export const MESSAGES: Record<Lang, Messages> = { fr, en };
