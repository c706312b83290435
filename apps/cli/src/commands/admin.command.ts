import { CliError } from '../agent-session';
import { command, printJson } from '../command-context';

/** `sfha failover GROUP NODE` (move, pinned) or `sfha failover --clear GROUP`. */
export const failoverCommand = command(['clear'], [], async ({ m, out, options, json, api }) => {
  const [group, node] = options.positional;
  const clear = options.flags.has('clear');
  if (!group || (!clear && !node)) throw new CliError(m.usage('failover GROUPE NŒUD | failover --clear GROUPE'));
  const result = clear
    ? await api((c) => c.DELETE('/api/v1/resources/groups/{name}/move', { params: { path: { name: group } } }))
    : await api((c) => c.POST('/api/v1/resources/groups/{name}/move', { params: { path: { name: group } }, body: { node: node ?? '' } }));
  if (json) return printJson(out, result);
  out(clear ? m.admin.cleared(group) : m.admin.moving(group, node ?? ''));
});

const standbyCommandFor = (on: boolean) =>
  command([], [], async ({ m, out, options, json, api }) => {
    const node = options.positional[0];
    if (!node) throw new CliError(m.usage(`${on ? 'standby' : 'unstandby'} NŒUD`));
    const path = on ? '/api/v1/cluster/nodes/{node}/standby' : '/api/v1/cluster/nodes/{node}/unstandby';
    const result = await api((c) => c.POST(path, { params: { path: { node } } }));
    if (json) return printJson(out, result);
    out(on ? m.admin.standby(node) : m.admin.unstandby(node));
  });

export const standbyCommand = standbyCommandFor(true);
export const unstandbyCommand = standbyCommandFor(false);

/** `sfha maintenance on|off` */
export const maintenanceCommand = command([], [], async ({ m, out, options, json, api }) => {
  const mode = options.positional[0];
  if (mode !== 'on' && mode !== 'off') throw new CliError(m.usage('maintenance on|off'));
  const result = await api((c) => c.PUT('/api/v1/cluster/maintenance', { body: { enabled: mode === 'on' } }));
  if (json) return printJson(out, result);
  out(mode === 'on' ? m.admin.maintenanceOn : m.admin.maintenanceOff);
});
