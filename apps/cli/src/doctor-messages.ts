import type { components } from '@sfha/contracts';
import type { Lang } from './i18n';

type Finding = components['schemas']['DoctorFindingDto'];
type DoctorCode = Finding['code'];
type Params = Finding['params'];
/** What was found, and what to do about it. Typed by code: a missing one fails the type check. */
type Catalogue = Record<DoctorCode, (p: Params) => { text: string; hint?: string }>;

const s = (v: string | number | undefined) => String(v ?? '?');
const seconds = (ms: string | number | undefined) => (Number(ms ?? 0) / 1000).toFixed(1);

const fr: Catalogue = {
  'wireguard.kernel': () => ({ text: 'WireGuard : module du noyau' }),
  'wireguard.userspace': () => ({ text: 'WireGuard : wireguard-go (espace utilisateur)' }),
  'wireguard.missing': () => ({ text: 'WireGuard : ni module du noyau ni wireguard-go', hint: 'apt-get install wireguard-go (ou un noyau avec le module wireguard)' }),
  'wireguard.tools-missing': () => ({ text: 'WireGuard : la commande wg est absente', hint: 'apt-get install wireguard-tools' }),
  'corosync.ok': (p) => ({ text: `Corosync : ${s(p.version)}` }),
  'corosync.missing': () => ({ text: 'Corosync : absent', hint: 'apt-get install corosync' }),
  'corosync.too-old': (p) => ({ text: `Corosync : ${s(p.version)} est trop ancien (knet demande la version 3)`, hint: 'installez Corosync 3 (Debian 11 ou plus récent)' }),
  'units.none': () => ({ text: 'Services concurrents : aucun' }),
  'units.no-systemd': () => ({ text: 'Services concurrents : systemd ne tourne pas ici, rien à vérifier' }),
  'units.competing': (p) => ({
    text: `Services concurrents actifs ou activés : ${s(p.units)}`,
    hint: `l'agent gère lui-même Corosync et les adresses : systemctl disable --now ${s(p.units).replace(/, /g, ' ')}`,
  }),
  'udp.ok': (p) => ({ text: `Port UDP ${s(p.port)} : les membres répondent par le tunnel` }),
  'udp.not-member': () => ({ text: "Port UDP : ce nœud n'a pas encore de pair" }),
  'udp.not-bound': (p) => ({ text: `Port UDP ${s(p.port)} : WireGuard n'écoute pas dessus`, hint: 'sfha mesh up ; vérifiez qu’aucun autre programme n’utilise ce port (ss -ulnp)' }),
  'udp.blocked': (p) => ({
    text: `Port UDP ${s(p.port)} : aucun membre ne répond par le tunnel`,
    hint: `ouvrez udp/${s(p.port)} en entrée (pare-feu, nftables, groupe de sécurité) ou la redirection de port du routeur`,
  }),
  'udp.some-peers': (p) => ({ text: `Port UDP ${s(p.port)} : pas de réponse de ${s(p.peers)}`, hint: 'vérifiez le pare-feu et l’endpoint de ces membres (sfha mesh status)' }),
  'mtu.ok': (p) => ({ text: `MTU : un paquet de ${s(p.mtu)} octets traverse le tunnel` }),
  'mtu.too-small': (p) => ({
    text: `MTU : le chemin vers ${s(p.peers)} ne passe que ${s(p.path)} octets (il en faut ${s(p.mtu)})`,
    hint: "baissez la MTU du lien sous-jacent ou autorisez l'ICMP « fragmentation needed »",
  }),
  'mtu.unmeasured': () => ({ text: 'MTU : non mesurée (aucun membre ne répond)' }),
  'clock.ok': (p) => ({ text: `Horloge : écart de ${seconds(p.offsetMs)} s au plus (${s(p.peer)})` }),
  'clock.skewed': (p) => ({ text: `Horloge : ${seconds(p.offsetMs)} s d'écart avec ${s(p.peer)}`, hint: 'synchronisez les horloges (apt-get install chrony)' }),
  'clock.refused': (p) => ({
    text: `Horloge : ${seconds(p.offsetMs)} s d'écart avec ${s(p.peer)}${Number(p.agoSeconds) > 0 ? ` (mesuré il y a ${s(p.agoSeconds)} s)` : ''} : les requêtes signées entre nœuds sont refusées`,
    hint: 'synchronisez les horloges (apt-get install chrony), puis relancez sfha doctor',
  }),
  'clock.unmeasured': () => ({ text: 'Horloge : écart non mesuré (aucun membre ne répond)' }),
};

const en: Catalogue = {
  'wireguard.kernel': () => ({ text: 'WireGuard: kernel module' }),
  'wireguard.userspace': () => ({ text: 'WireGuard: wireguard-go (userspace)' }),
  'wireguard.missing': () => ({ text: 'WireGuard: neither the kernel module nor wireguard-go', hint: 'apt-get install wireguard-go (or a kernel with the wireguard module)' }),
  'wireguard.tools-missing': () => ({ text: 'WireGuard: the wg command is missing', hint: 'apt-get install wireguard-tools' }),
  'corosync.ok': (p) => ({ text: `Corosync: ${s(p.version)}` }),
  'corosync.missing': () => ({ text: 'Corosync: not installed', hint: 'apt-get install corosync' }),
  'corosync.too-old': (p) => ({ text: `Corosync: ${s(p.version)} is too old (knet needs version 3)`, hint: 'install Corosync 3 (Debian 11 or newer)' }),
  'units.none': () => ({ text: 'Competing units: none' }),
  'units.no-systemd': () => ({ text: 'Competing units: systemd does not run here, nothing to check' }),
  'units.competing': (p) => ({
    text: `Competing units enabled or running: ${s(p.units)}`,
    hint: `the agent runs Corosync and the addresses itself: systemctl disable --now ${s(p.units).replace(/, /g, ' ')}`,
  }),
  'udp.ok': (p) => ({ text: `UDP port ${s(p.port)}: members answer through the tunnel` }),
  'udp.not-member': () => ({ text: 'UDP port: this node has no peer yet' }),
  'udp.not-bound': (p) => ({ text: `UDP port ${s(p.port)}: WireGuard does not listen on it`, hint: 'sfha mesh up; check that no other program uses the port (ss -ulnp)' }),
  'udp.blocked': (p) => ({
    text: `UDP port ${s(p.port)}: no member answers through the tunnel`,
    hint: `allow udp/${s(p.port)} inbound (firewall, nftables, security group) or forward it on the router`,
  }),
  'udp.some-peers': (p) => ({ text: `UDP port ${s(p.port)}: no answer from ${s(p.peers)}`, hint: "check those members' firewall and endpoint (sfha mesh status)" }),
  'mtu.ok': (p) => ({ text: `MTU: a ${s(p.mtu)}-byte packet crosses the tunnel` }),
  'mtu.too-small': (p) => ({ text: `MTU: the path to ${s(p.peers)} carries only ${s(p.path)} bytes (${s(p.mtu)} needed)`, hint: "lower the underlay MTU or allow ICMP 'fragmentation needed'" }),
  'mtu.unmeasured': () => ({ text: 'MTU: not measured (no member answers)' }),
  'clock.ok': (p) => ({ text: `Clock: at most ${seconds(p.offsetMs)} s apart (${s(p.peer)})` }),
  'clock.skewed': (p) => ({ text: `Clock: ${seconds(p.offsetMs)} s apart from ${s(p.peer)}`, hint: 'synchronise the clocks (apt-get install chrony)' }),
  'clock.refused': (p) => ({
    text: `Clock: ${seconds(p.offsetMs)} s apart from ${s(p.peer)}${Number(p.agoSeconds) > 0 ? ` (measured ${s(p.agoSeconds)} s ago)` : ''}: signed requests between nodes are refused`,
    hint: 'synchronise the clocks (apt-get install chrony), then run sfha doctor again',
  }),
  'clock.unmeasured': () => ({ text: 'Clock: offset not measured (no member answers)' }),
};

export const DOCTOR_MESSAGES: Record<Lang, Catalogue> = { fr, en };
export const DOCTOR_MARK: Record<Finding['status'], string> = { ok: '✓', warn: '!', fail: '✗', skipped: '-' };
