import { command, printJson } from '../command-context';

/** `sfha init --cluster NAME --mesh --ip CIDR [--port N] [--endpoint HOST:PORT] [--keepalive S]` */
export const initCommand = command('init', async ({ m, out, options, json, usage, api }) => {
  const cluster = options.values.get('cluster');
  const address = options.values.get('ip');
  if (!cluster || !address) throw usage();
  const number = (name: string) => (options.values.has(name) ? Number(options.values.get(name)) : undefined);
  const endpoint = options.values.get('endpoint');
  const result = await api((c) => c.POST('/api/v1/cluster/init', { body: { cluster, address, port: number('port'), keepalive: number('keepalive'), ...(endpoint ? { endpoint } : {}) } }));
  // The renewed session is for a caller that keeps it (the dashboard); the CLI logs in at each run.
  const { session: _renewed, ...created } = result;
  if (json) return printJson(out, created);
  out(m.mesh.created(created.name, created.members.find((x) => x.self)?.meshIp ?? '?'));
  out(m.mesh.inviteNext);
});

/** `sfha join LINK [--endpoint HOST:PORT]` */
export const joinCommand = command('join', async ({ m, out, options, json, usage, api }) => {
  const token = options.positional[0];
  if (!token) throw usage();
  const endpoint = options.values.get('endpoint');
  const result = await api((c) => c.POST('/api/v1/cluster/join', { body: { token, ...(endpoint ? { endpoint } : {}) } }));
  if (json) return printJson(out, result);
  out(m.mesh.joined(result.clusterName, result.meshIp, result.elapsedMs));
  out(m.mesh.handshakes(result.connected.join(', '), result.members.length));
  if (result.role === 'witness') out(m.mesh.joinedWitness);
});
