import { CliError } from '../agent-session';
import { command, printJson } from '../command-context';
import { columns, formatBytes } from '../format-table';

export const meshStatusCommand = command('mesh status', async ({ m, out, json, api }) => {
  const s = await api((c) => c.GET('/api/v1/mesh/status'));
  if (json) return printJson(out, s);
  out(`${m.mesh.cluster}  ${s.clusterName} (${s.network})  ${m.mesh.iface(s.interface, s.up)}`);
  const named = (name: string, role: string) => (role === 'witness' ? `${name} (${m.mesh.witness})` : name);
  out(`${m.mesh.self}  ${named(s.self.name, s.self.role)}  ${s.self.meshIp}  ${s.self.endpoint ?? '—'}`);
  if (s.peers.length === 0) return out(m.mesh.noPeers);
  out('');
  out(
    columns([
      m.mesh.header,
      ...s.peers.map((p) => [
        named(p.name, p.role),
        p.meshIp,
        // A DNS name is shown beside the address it resolves to.
        p.configuredEndpoint && p.endpoint && p.configuredEndpoint !== p.endpoint && !/^[[\d]/.test(p.configuredEndpoint) ? m.mesh.viaName(p.endpoint, p.configuredEndpoint) : (p.endpoint ?? '—'),
        p.handshakeAgeSeconds === null ? m.mesh.never : m.mesh.ago(p.handshakeAgeSeconds),
        p.rttMs === null ? '—' : `${p.rttMs} ms`,
        formatBytes(p.rxBytes),
        formatBytes(p.txBytes),
        p.connected ? m.mesh.connected : m.mesh.disconnected,
      ]),
    ]),
  );
  for (const p of s.peers) if (p.endpointProblem) out(m.mesh.unresolved(p.name, p.endpointProblem));
});

export const meshTokenCommand = command('mesh token', async ({ m, out, options, json, api }) => {
  const expiresIn = options.values.get('expires');
  const ip = options.values.get('ip');
  const role = options.values.get('role');
  if (role !== undefined && role !== 'full' && role !== 'witness') throw new CliError(m.mesh.badRole(role));
  const created = await api((c) => c.POST('/api/v1/mesh/invitations', { body: { ...(expiresIn ? { expiresIn } : {}), ...(ip ? { ip } : {}), ...(role ? { role } : {}) } }));
  if (json) return printJson(out, { id: created.id, token: created.token, assignedIp: created.assignedIp, expiresAt: created.expiresAt, role: created.role });
  out(m.mesh.token);
  out(created.token);
  out(m.mesh.tokenFor(created.assignedIp, created.expiresAt));
  if (created.role === 'witness') out(m.mesh.tokenWitness);
});

export const meshInvitationsCommand = command('mesh invitations', async ({ m, out, json, api }) => {
  const list = await api((c) => c.GET('/api/v1/mesh/invitations'));
  if (json) return printJson(out, list);
  if (list.length === 0) return out(m.mesh.noInvitations);
  out(
    columns([
      m.mesh.invHeader,
      ...list.map((i) => [i.id, i.role === 'witness' ? `${i.assignedIp} (${m.mesh.witness})` : i.assignedIp, i.expiresAt, m.mesh.statuses[i.status] ?? i.status, i.usedBy ?? '—']),
    ]),
  );
});

export const meshRevokeCommand = command('mesh revoke', async ({ m, out, options, usage, api }) => {
  const id = options.positional[0];
  if (!id) throw usage();
  await api((c) => c.DELETE('/api/v1/mesh/invitations/{id}', { params: { path: { id } } }));
  out(m.mesh.revoked(id));
});

export const meshUpCommand = command('mesh up', async ({ m, out, api }) => {
  await api((c) => c.POST('/api/v1/mesh/up'));
  out(m.mesh.up);
});

export const meshDownCommand = command('mesh down', async ({ m, out, api }) => {
  await api((c) => c.POST('/api/v1/mesh/down'));
  out(m.mesh.down);
});

export const meshAddPeerCommand = command('mesh add-peer', async ({ m, out, options, json, usage, api }) => {
  const [name, endpoint, publicKey, ip] = ['name', 'endpoint', 'pubkey', 'ip'].map((k) => options.values.get(k));
  if (!name || !endpoint || !publicKey || !ip) throw usage();
  const cluster = await api((c) => c.POST('/api/v1/mesh/peers', { body: { name, endpoint, publicKey, ip } }));
  if (json) return printJson(out, cluster);
  out(m.mesh.peerAdded(name));
});

export const meshRemovePeerCommand = command('mesh remove-peer', async ({ m, out, options, usage, api }) => {
  const name = options.positional[0];
  if (!name) throw usage();
  await api((c) => c.DELETE('/api/v1/mesh/peers/{name}', { params: { path: { name } } }));
  out(m.mesh.peerRemoved(name));
});

export const meshSetEndpointCommand = command('mesh set-endpoint', async ({ m, out, options, usage, api }) => {
  const endpoint = options.positional[0];
  if (!endpoint) throw usage();
  await api((c) => c.PUT('/api/v1/mesh/endpoint', { body: { endpoint } }));
  out(m.mesh.endpointSet(endpoint));
});

export const meshRotateKeysCommand = command('mesh rotate-keys', async ({ m, out, options, json, usage, api }) => {
  const chosen = (['prepare', 'commit', 'cleanup'] as const).filter((p) => options.flags.has(p));
  if (chosen.length > 1) throw usage();
  const phase = chosen[0] ?? 'all';
  const result = await api((c) => c.POST('/api/v1/mesh/rotate-keys', { body: { phase } }));
  if (json) return printJson(out, result);
  out(result.pendingPublicKey && phase === 'prepare' ? m.mesh.pending(result.pendingPublicKey) : m.mesh.rotated(phase, result.publicKey));
});
