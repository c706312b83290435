import { CliError } from '../agent-session';
import { command, printJson } from '../command-context';

/** `sfha init --cluster NAME --mesh --ip CIDR [--port N] [--endpoint HOST:PORT] [--keepalive S]` */
export const initCommand = command(['mesh'], ['cluster', 'ip', 'port', 'endpoint', 'keepalive'], async ({ m, out, options, json, api }) => {
  const cluster = options.values.get('cluster');
  const address = options.values.get('ip');
  if (!cluster || !address) throw new CliError(m.usage('init --cluster NOM --mesh --ip 10.100.0.1/24 [--port 51820] [--endpoint HÔTE:PORT]'));
  const number = (name: string) => (options.values.has(name) ? Number(options.values.get(name)) : undefined);
  const endpoint = options.values.get('endpoint');
  const result = await api((c) =>
    c.POST('/api/v1/cluster/init', { body: { cluster, address, port: number('port'), keepalive: number('keepalive'), ...(endpoint ? { endpoint } : {}) } }),
  );
  if (json) return printJson(out, result);
  out(m.mesh.created(result.name, result.members.find((x) => x.self)?.meshIp ?? '?'));
  out(m.mesh.inviteNext);
});

/** `sfha join LINK [--endpoint HOST:PORT]` */
export const joinCommand = command([], ['endpoint'], async ({ m, out, options, json, api }) => {
  const token = options.positional[0];
  if (!token) throw new CliError(m.usage('join sfha-join://… [--endpoint HÔTE:PORT]'));
  const endpoint = options.values.get('endpoint');
  const result = await api((c) => c.POST('/api/v1/cluster/join', { body: { token, ...(endpoint ? { endpoint } : {}) } }));
  if (json) return printJson(out, result);
  out(m.mesh.joined(result.clusterName, result.meshIp, result.elapsedMs));
  out(m.mesh.handshakes(result.connected.join(', '), result.members.length));
});
