import type { CliArgs } from '../args';
import { CliError } from '../agent-session';
import { command, printJson, type Command } from '../command-context';
import { columns, formatBytes } from '../format-table';
import type { Messages } from '../i18n';

const status = command([], [], async ({ m, out, json, api }) => {
  const s = await api((c) => c.GET('/api/v1/mesh/status'));
  if (json) return printJson(out, s);
  out(`${m.mesh.cluster}  ${s.clusterName} (${s.network})  ${m.mesh.iface(s.interface, s.up)}`);
  out(`${m.mesh.self}  ${s.self.name}  ${s.self.meshIp}  ${s.self.endpoint ?? '—'}`);
  if (s.peers.length === 0) return out(m.mesh.noPeers);
  out('');
  out(
    columns([
      m.mesh.header,
      ...s.peers.map((p) => [
        p.name,
        p.meshIp,
        p.endpoint ?? '—',
        p.handshakeAgeSeconds === null ? m.mesh.never : m.mesh.ago(p.handshakeAgeSeconds),
        p.rttMs === null ? '—' : `${p.rttMs} ms`,
        formatBytes(p.rxBytes),
        formatBytes(p.txBytes),
        p.connected ? m.mesh.connected : m.mesh.disconnected,
      ]),
    ]),
  );
});

const token = command([], ['expires', 'ip'], async ({ m, out, options, json, api }) => {
  const expiresIn = options.values.get('expires');
  const ip = options.values.get('ip');
  const created = await api((c) => c.POST('/api/v1/mesh/invitations', { body: { ...(expiresIn ? { expiresIn } : {}), ...(ip ? { ip } : {}) } }));
  if (json) return printJson(out, { id: created.id, token: created.token, assignedIp: created.assignedIp, expiresAt: created.expiresAt });
  out(m.mesh.token);
  out(created.token);
  out(m.mesh.tokenFor(created.assignedIp, created.expiresAt));
});

const invitations = command([], [], async ({ m, out, json, api }) => {
  const list = await api((c) => c.GET('/api/v1/mesh/invitations'));
  if (json) return printJson(out, list);
  if (list.length === 0) return out(m.mesh.noInvitations);
  out(columns([m.mesh.invHeader, ...list.map((i) => [i.id, i.assignedIp, i.expiresAt, m.mesh.statuses[i.status] ?? i.status, i.usedBy ?? '—'])]));
});

const revoke = command([], [], async ({ m, out, options, api }) => {
  const id = options.positional[0];
  if (!id) throw new CliError(m.usage('mesh revoke ID'));
  await api((c) => c.DELETE('/api/v1/mesh/invitations/{id}', { params: { path: { id } } }));
  out(m.mesh.revoked(id));
});

const up = command([], [], async ({ m, out, api }) => {
  await api((c) => c.POST('/api/v1/mesh/up'));
  out(m.mesh.up);
});

const down = command([], [], async ({ m, out, api }) => {
  await api((c) => c.POST('/api/v1/mesh/down'));
  out(m.mesh.down);
});

const addPeer = command([], ['name', 'endpoint', 'pubkey', 'ip'], async ({ m, out, options, json, api }) => {
  const [name, endpoint, publicKey, ip] = ['name', 'endpoint', 'pubkey', 'ip'].map((k) => options.values.get(k));
  if (!name || !endpoint || !publicKey || !ip) throw new CliError(m.usage('mesh add-peer --name NOM --endpoint HÔTE:PORT --pubkey CLÉ --ip IP'));
  const cluster = await api((c) => c.POST('/api/v1/mesh/peers', { body: { name, endpoint, publicKey, ip } }));
  if (json) return printJson(out, cluster);
  out(m.mesh.peerAdded(name));
});

const removePeer = command([], [], async ({ m, out, options, api }) => {
  const name = options.positional[0];
  if (!name) throw new CliError(m.usage('mesh remove-peer NOM'));
  await api((c) => c.DELETE('/api/v1/mesh/peers/{name}', { params: { path: { name } } }));
  out(m.mesh.peerRemoved(name));
});

const setEndpoint = command([], [], async ({ m, out, options, api }) => {
  const endpoint = options.positional[0];
  if (!endpoint) throw new CliError(m.usage('mesh set-endpoint HÔTE:PORT'));
  await api((c) => c.PUT('/api/v1/mesh/endpoint', { body: { endpoint } }));
  out(m.mesh.endpointSet(endpoint));
});

const rotateKeys = command(['prepare', 'commit', 'cleanup'], [], async ({ m, out, options, json, api }) => {
  const chosen = (['prepare', 'commit', 'cleanup'] as const).filter((p) => options.flags.has(p));
  if (chosen.length > 1) throw new CliError(m.usage('mesh rotate-keys [--prepare|--commit|--cleanup]'));
  const phase = chosen[0] ?? 'all';
  const result = await api((c) => c.POST('/api/v1/mesh/rotate-keys', { body: { phase } }));
  if (json) return printJson(out, result);
  out(result.pendingPublicKey && phase === 'prepare' ? m.mesh.pending(result.pendingPublicKey) : m.mesh.rotated(phase, result.publicKey));
});

const SUBCOMMANDS: Record<string, Command> = {
  status,
  token,
  invitations,
  revoke,
  up,
  down,
  'add-peer': addPeer,
  'remove-peer': removePeer,
  'set-endpoint': setEndpoint,
  'rotate-keys': rotateKeys,
};

/** `sfha mesh <subcommand> …` */
export async function meshCommand(args: CliArgs, m: Messages, out: (text: string) => void): Promise<void> {
  const [sub, ...rest] = args.rest;
  const run = sub ? SUBCOMMANDS[sub] : undefined;
  if (!run) throw new CliError(sub ? m.unknownCommand(`mesh ${sub}`) : m.usage(`mesh ${Object.keys(SUBCOMMANDS).join('|')}`));
  await run({ ...args, rest }, m, out);
}
