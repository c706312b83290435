import type { Lang } from '../i18n';

/** A text every user sees, in both languages (the type refuses one without the other). */
export type Text = Record<Lang, string>;

/**
 * One command or subcommand of `sfha`, declared once: the parser takes its options from here,
 * `sfha help` and every usage error are rendered from here, and so is the bash completion.
 */
export interface CommandSpec {
  /**
   * What follows the command's words, one string per alternative form ('' when it takes
   * nothing). Capital words are placeholders (see PLACEHOLDERS), shown in the chosen language.
   */
  readonly forms: readonly string[];
  /** Options without a value (`--json` is always accepted). */
  readonly flags?: readonly string[];
  /** Options that need a value. */
  readonly valued?: readonly string[];
  /** One line: what the command does. */
  readonly summary: Text;
  /** Run when its group is typed alone (`sfha user` is `sfha user list`). */
  readonly isDefault?: true;
}

/** Every command, keyed by its words, in the order of `sfha help`. */
export const COMMAND_SPECS = {
  status: { forms: [''], summary: { fr: 'état de ce nœud (agent, compte admin, cluster)', en: "this node's state (agent, admin account, cluster)" } },
  doctor: { forms: [''], summary: { fr: 'vérifie WireGuard, Corosync, services concurrents, port UDP, MTU, horloge', en: 'checks WireGuard, Corosync, competing services, UDP port, MTU, clock' } },
  init: {
    forms: ['--cluster NAME --mesh --ip CIDR [--port N] [--endpoint HOST:PORT] [--keepalive S]'],
    flags: ['mesh'],
    valued: ['cluster', 'ip', 'port', 'endpoint', 'keepalive'],
    summary: { fr: 'crée un cluster dont ce nœud est le premier membre', en: 'creates a cluster with this node as its first member' },
  },
  join: { forms: ['LINK [--endpoint HOST:PORT]'], valued: ['endpoint'], summary: { fr: "rejoint un cluster avec un lien d'invitation", en: 'joins a cluster with an invitation link' } },
  'mesh status': { forms: [''], summary: { fr: 'pairs : endpoint, dernier handshake, trafic, RTT', en: 'peers: endpoint, last handshake, traffic, RTT' } },
  'mesh token': {
    forms: ['[--expires 1h] [--ip IP] [--role full|witness]'],
    valued: ['expires', 'ip', 'role'],
    summary: {
      fr: 'crée une invitation (lien sfha-join:// à usage unique) ; --role witness : un témoin, qui vote sans lancer de groupe',
      en: 'creates an invitation (a single-use sfha-join:// link); --role witness: a witness, which votes and runs no group',
    },
  },
  'mesh invitations': { forms: [''], summary: { fr: 'liste les invitations de ce nœud', en: "lists this node's invitations" } },
  'mesh revoke': { forms: ['ID'], summary: { fr: 'révoque une invitation', en: 'revokes an invitation' } },
  'mesh up': { forms: [''], summary: { fr: "monte l'interface du mesh", en: 'brings the mesh interface up' } },
  'mesh down': { forms: [''], summary: { fr: "arrête l'interface du mesh", en: 'takes the mesh interface down' } },
  'mesh add-peer': {
    forms: ['--name NAME --endpoint HOST:PORT --pubkey KEY --ip IP'],
    valued: ['name', 'endpoint', 'pubkey', 'ip'],
    summary: { fr: 'ajoute un membre à la main', en: 'adds a member by hand' },
  },
  'mesh remove-peer': { forms: ['NAME'], summary: { fr: 'retire un membre de tous les nœuds', en: 'removes a member from every node' } },
  'mesh set-endpoint': { forms: ['HOST:PORT'], summary: { fr: "change l'adresse où les autres joignent ce nœud", en: 'changes the address where the others reach this node' } },
  'mesh rotate-keys': {
    forms: ['[--prepare|--commit|--cleanup]'],
    flags: ['prepare', 'commit', 'cleanup'],
    summary: { fr: 'renouvelle la clé WireGuard de ce nœud', en: "renews this node's WireGuard key" },
  },
  'config show': { forms: [''], summary: { fr: 'configuration répliquée du cluster', en: "the cluster's replicated configuration" } },
  'config set': {
    forms: [
      '[--token-ms MS] [--token-coefficient-ms MS] [--fence-startup-grace-ms MS] [--fence-min-delay-ms MS] [--fence-storm-limit N] [--shutdown-policy migrate|freeze|failover] [--watchdog-timeout-ms MS] [--management-address CIDR[@iface]|none]',
    ],
    valued: ['token-ms', 'token-coefficient-ms', 'fence-startup-grace-ms', 'fence-min-delay-ms', 'fence-storm-limit', 'shutdown-policy', 'watchdog-timeout-ms', 'management-address'],
    summary: { fr: 'change la configuration du cluster (quorum requis)', en: "changes the cluster's configuration (quorum needed)" },
  },
  'config export': {
    forms: ['[--file FILE] [--with-secrets]'],
    flags: ['with-secrets'],
    valued: ['file'],
    summary: { fr: 'la configuration en un document JSON (secrets masqués sans --with-secrets)', en: 'the configuration as one JSON document (secrets masked without --with-secrets)' },
  },
  'config import': {
    forms: ['FILE [--dry-run]'],
    flags: ['dry-run'],
    summary: { fr: 'vérifie le document en entier, montre les changements, les applique en un seul changement', en: 'checks the whole document, shows the changes, applies them as one change' },
  },
  backup: {
    forms: ['[--file FILE] [--corosync-dir DIR]'],
    valued: ['file', 'corosync-dir'],
    summary: { fr: "sauvegarde l'état de ce nœud (base, clés) dans une archive 0600 (root, sur le nœud)", en: "backs up this node's state (database, keys) to a 0600 archive (root, on the node)" },
  },
  restore: {
    forms: ['FILE [--force] [--corosync-dir DIR]'],
    flags: ['force'],
    valued: ['corosync-dir'],
    summary: { fr: 'remet une sauvegarde en place, agent arrêté (nœud réinstallé)', en: 'puts a backup back in place, agent stopped (reinstalled node)' },
  },
  'resources list': { forms: [''], isDefault: true, summary: { fr: 'les groupes, leurs ressources, où elles tournent', en: 'the groups, their resources, where they run' } },
  'resources group-set': {
    forms: [
      'NAME [--vip CIDR[@iface]]… [--mesh-vip IP]… [--process "CMD"]… [--systemd UNIT]… [--health-http URL | --health-tcp HOST:PORT | --health-systemd UNIT] [--prefer NODE] [--max-restarts N] [--no-sticky]',
    ],
    flags: ['no-sticky'],
    valued: ['vip', 'mesh-vip', 'process', 'systemd', 'prefer', 'health-http', 'health-tcp', 'health-systemd', 'max-restarts'],
    summary: { fr: 'crée ou remplace un groupe (un contrôle de santé suit son processus ou son unité)', en: 'creates or replaces a group (a health check follows its process or unit)' },
  },
  'resources group-remove': { forms: ['NAME'], summary: { fr: "retire un groupe (ses ressources s'arrêtent)", en: 'removes a group (its resources stop)' } },
  health: { forms: [''], summary: { fr: 'santé des ressources, redémarrages locaux', en: "resources' health, local restarts" } },
  'constraints list': { forms: [''], isDefault: true, summary: { fr: 'contraintes entre groupes', en: 'constraints between groups' } },
  'constraints add': {
    forms: ['colocation GROUP WITH', 'anti-colocation GROUP WITH', 'order FIRST THEN'],
    summary: { fr: 'ajoute une contrainte : même nœud, jamais le même nœud, ordre de démarrage', en: 'adds a constraint: same node, never the same node, start order' },
  },
  'constraints remove': { forms: ['ID'], summary: { fr: 'retire une contrainte', en: 'removes a constraint' } },
  events: {
    forms: ['[--category C] [--severity info|warn|error] [--node NODE] [--user USER] [--limit N] [--local] [--follow]'],
    flags: ['local', 'follow'],
    valued: ['category', 'severity', 'node', 'user', 'limit'],
    summary: { fr: 'le journal de tous les membres (--local : de ce nœud ; en direct avec --follow)', en: "every member's timeline (--local: this node's; live with --follow)" },
  },
  incidents: {
    forms: [''],
    summary: { fr: "incidents : nœud perdu → isolé → groupes déplacés → servis, avec l'interruption", en: 'incidents: node lost → fenced → groups moved → served, with the downtime' },
  },
  failover: { forms: ['GROUP NODE', '--clear GROUP'], flags: ['clear'], summary: { fr: 'déplace un groupe (épinglé) / le libère', en: 'moves a group (pinned) / unpins it' } },
  why: { forms: ['GROUP'], summary: { fr: 'pourquoi un groupe tourne là où il tourne, ou pourquoi il est arrêté', en: 'why a group runs where it runs, or why it is stopped' } },
  simulate: {
    forms: ['[--kill NODE]… [--standby NODE]… [--move GROUP=NODE]…', '--file SCENARIO'],
    valued: ['kill', 'standby', 'move', 'file'],
    summary: { fr: "et si… : les décisions dans l'ordre, avec les durées mesurées", en: 'what if…: the decisions in order, with measured durations' },
  },
  standby: { forms: ['NODE'], summary: { fr: 'met un nœud en veille', en: 'puts a node in standby' } },
  unstandby: { forms: ['NODE'], summary: { fr: 'sort un nœud de veille', en: 'takes a node out of standby' } },
  'node drain': {
    forms: ['[NODE]'],
    summary: { fr: 'vide un nœud (ses groupes partent, sans fencing) et dit où ils sont allés', en: 'drains a node (its groups move away, no fence) and says where they went' },
  },
  'node undrain': {
    forms: ['[NODE]'],
    summary: { fr: 'réactive un nœud vidé (et dégèle un nœud gelé par un arrêt freeze)', en: 'brings a drained node back (and thaws a node frozen by a freeze stop)' },
  },
  'node watchdog status': { forms: [''], summary: { fr: 'watchdog de ce nœud : armé, délai, dernier signal, pourquoi', en: "this node's watchdog: armed, timeout, last pet, why" } },
  'node watchdog test': { forms: ['--force'], flags: ['force'], summary: { fr: 'cesse de signaler le watchdog : la machine redémarre', en: 'stops petting the watchdog: the machine resets' } },
  maintenance: { forms: ['on|off'], summary: { fr: 'le cluster laisse les ressources tranquilles', en: 'the cluster leaves resources alone' } },
  'stonith status': { forms: [''], summary: { fr: 'fencing : équipements, alimentation des nœuds', en: "fencing: devices, the nodes' power" } },
  'stonith history': { forms: [''], summary: { fr: 'historique du fencing', en: 'fencing history' } },
  'stonith agent': { forms: ['fence_…'], summary: { fr: "paramètres d'un agent de fencing", en: "a fence agent's parameters" } },
  'stonith device-set': {
    forms: ['NAME (--agent fence_… [--param KEY=VALUE]… | --webhook URL [--header-file FILE] [--header "NAME: VALUE"]…) --host NODE=PLUG… [--timeout S]'],
    valued: ['agent', 'param', 'host', 'timeout', 'webhook', 'header', 'header-file'],
    summary: { fr: 'configure un équipement de fencing (agent fence_… ou webhook)', en: 'configures a fence device (a fence_… agent or a webhook)' },
  },
  'stonith device-remove': { forms: ['NAME'], summary: { fr: 'retire un équipement de fencing', en: 'removes a fence device' } },
  'stonith fence': { forms: ['NODE [--reboot]'], flags: ['reboot'], summary: { fr: 'isole (éteint) un nœud', en: 'fences (powers off) a node' } },
  'stonith unfence': { forms: ['NODE'], summary: { fr: 'rallume un nœud isolé', en: 'powers a fenced node back on' } },
  'stonith level': {
    forms: ['', 'NODE DEVICE…', 'NODE --clear'],
    flags: ['clear'],
    summary: { fr: "ordre des équipements d'un nœud (le suivant si l'un échoue)", en: "a node's devices in order (the next one when one fails)" },
  },
  'user list': { forms: [''], isDefault: true, summary: { fr: 'utilisateurs du cluster, rôles, double authentification', en: "the cluster's users, roles, two-factor login" } },
  'user add': {
    forms: ['NAME --role viewer|operator|admin [--password-stdin]'],
    flags: ['password-stdin'],
    valued: ['role'],
    summary: { fr: 'crée un utilisateur (sans --password-stdin : mot de passe tiré au sort, affiché une fois)', en: 'creates a user (without --password-stdin: a random password, shown once)' },
  },
  'user remove': { forms: ['NAME'], summary: { fr: 'supprime un utilisateur (le dernier admin reste)', en: 'removes a user (the last admin is kept)' } },
  'user role': { forms: ['NAME viewer|operator|admin'], summary: { fr: "change le rôle d'un utilisateur", en: "changes a user's role" } },
  'user passwd': {
    forms: ['NAME [--password-stdin]'],
    flags: ['password-stdin'],
    summary: { fr: "change le mot de passe d'un utilisateur ; ses sessions sont fermées", en: "sets a user's password; its sessions end" },
  },
  'user totp-reset': { forms: ['NAME'], summary: { fr: "désactive la double authentification d'un utilisateur", en: "turns a user's two-factor login off" } },
  'token list': { forms: [''], isDefault: true, summary: { fr: "jetons d'API, avec leur dernière utilisation", en: 'API tokens, with their last use' } },
  'token create': {
    forms: ['NAME --user USER [--role viewer|operator|admin] [--expires 30d|DATE]'],
    valued: ['user', 'role', 'expires'],
    summary: { fr: "crée un jeton d'API pour les scripts (affiché une fois)", en: 'creates an API token for scripts (shown once)' },
  },
  'token revoke': { forms: ['ID'], summary: { fr: "révoque un jeton d'API", en: 'revokes an API token' } },
  'notify list': { forms: [''], isDefault: true, summary: { fr: "cibles des notifications d'incidents", en: 'incident notification targets' } },
  'notify log': { forms: [''], summary: { fr: 'journal des envois (ce nœud)', en: 'the delivery log (this node)' } },
  'notify set': {
    forms: [
      'NAME (--webhook URL | --email SMTP_HOST [--port N] [--tls none|starttls|tls] [--user USER] --from ADDR --to ADDR… | --ntfy URL --topic TOPIC | --gotify URL | --script PATH) [--secret-file FILE] [--min-level info|warn|error] [--language fr|en]',
    ],
    valued: ['webhook', 'email', 'ntfy', 'gotify', 'script', 'secret-file', 'topic', 'port', 'tls', 'user', 'from', 'to', 'min-level', 'language'],
    summary: { fr: 'crée ou remplace une cible de notification', en: 'creates or replaces a notification target' },
  },
  'notify test': { forms: ['NAME'], summary: { fr: 'envoie un message de test', en: 'sends a test message' } },
  'notify remove': { forms: ['NAME'], summary: { fr: 'retire une cible', en: 'removes a target' } },
  completion: { forms: [''], summary: { fr: 'script de complétion bash (source <(sfha completion))', en: 'bash completion script (source <(sfha completion))' } },
  help: { forms: ['[COMMAND]'], summary: { fr: "cette aide, ou l'usage d'une commande", en: "this help, or a command's usage" } },
} as const satisfies Record<string, CommandSpec>;

export type CommandKey = keyof typeof COMMAND_SPECS;

export const COMMAND_KEYS = Object.keys(COMMAND_SPECS) as CommandKey[];

export const specOf = (key: CommandKey): CommandSpec => COMMAND_SPECS[key];

/** The options `sfha` itself takes, before the command. */
export const GLOBAL_OPTIONS: readonly { form: string; valued: boolean; names: readonly string[]; summary: Text }[] = [
  { form: '--lang=fr|en', valued: true, names: ['--lang'], summary: { fr: 'langue des messages (défaut fr, ou $SFHA_LANG)', en: 'message language (default fr, or $SFHA_LANG)' } },
  { form: '--json', valued: false, names: ['--json'], summary: { fr: 'sortie JSON, pour les scripts', en: 'JSON output, for scripts' } },
  { form: '--url URL', valued: true, names: ['--url'], summary: { fr: "adresse de l'agent (défaut : celle écrite par l'agent)", en: "the agent's address (default: the one the agent wrote)" } },
  {
    form: '--data-dir DIR',
    valued: true,
    names: ['--data-dir'],
    summary: { fr: "répertoire de l'agent (défaut /var/lib/sfha, ou $SFHA_DATA_DIR)", en: "the agent's directory (default /var/lib/sfha, or $SFHA_DATA_DIR)" },
  },
  { form: '-h, --help', valued: false, names: ['-h', '--help'], summary: { fr: 'cette aide (après une commande : son usage)', en: 'this help (after a command: its usage)' } },
  { form: '--version', valued: false, names: ['--version'], summary: { fr: 'version de sfha', en: "sfha's version" } },
];
