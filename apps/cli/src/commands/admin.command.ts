import { CliError } from '../agent-session';
import { command, printJson } from '../command-context';

/** `sfha failover GROUP NODE` (move, pinned) or `sfha failover --clear GROUP`. */
export const failoverCommand = command('failover', async ({ m, out, options, json, usage, api }) => {
  const [group, node] = options.positional;
  const clear = options.flags.has('clear');
  if (!group || (!clear && !node)) throw usage();
  const result = clear
    ? await api((c) => c.DELETE('/api/v1/resources/groups/{name}/move', { params: { path: { name: group } } }))
    : await api((c) => c.POST('/api/v1/resources/groups/{name}/move', { params: { path: { name: group } }, body: { node: node ?? '' } }));
  if (json) return printJson(out, result);
  out(clear ? m.admin.cleared(group) : m.admin.moving(group, node ?? ''));
});

const standbyCommandFor = (on: boolean) =>
  command(on ? 'standby' : 'unstandby', async ({ m, out, options, json, usage, api }) => {
    const node = options.positional[0];
    if (!node) throw usage();
    const path = on ? '/api/v1/cluster/nodes/{node}/standby' : '/api/v1/cluster/nodes/{node}/unstandby';
    const result = await api((c) => c.POST(path, { params: { path: { node } } }));
    if (json) return printJson(out, result);
    out(on ? m.admin.standby(node) : m.admin.unstandby(node));
  });

export const standbyCommand = standbyCommandFor(true);
export const unstandbyCommand = standbyCommandFor(false);

/** `sfha maintenance on|off` */
export const maintenanceCommand = command('maintenance', async ({ m, out, options, json, usage, api }) => {
  const mode = options.positional[0];
  if (mode !== 'on' && mode !== 'off') throw usage();
  const result = await api((c) => c.PUT('/api/v1/cluster/maintenance', { body: { enabled: mode === 'on' } }));
  if (json) return printJson(out, result);
  out(mode === 'on' ? m.admin.maintenanceOn : m.admin.maintenanceOff);
});

const DRAIN_WAIT_MS = 120_000;

/**
 * `sfha node drain [NODE]`: standby on, then waits until none of the node's groups runs there
 * (planned, stop-first handovers; no fence) and says where each went, or that it stopped for
 * lack of another eligible node. `sfha node undrain [NODE]` brings it back. NODE: this node.
 */
const drainCommandFor = (sub: 'drain' | 'undrain') =>
  command(sub === 'drain' ? 'node drain' : 'node undrain', async ({ m, out, options, json, usage, api }) => {
    const [named, ...extra] = options.positional;
    if (extra.length > 0) throw usage();
    const node = named ?? (await api((c) => c.GET('/api/v1/status'))).nodeName;
    const groups = () => api((c) => c.GET('/api/v1/resources/groups'));
    const before = (await groups()).filter((g) => g.owner === node).map((g) => g.name);
    const path = sub === 'drain' ? '/api/v1/cluster/nodes/{node}/standby' : '/api/v1/cluster/nodes/{node}/unstandby';
    await api((c) => c.POST(path, { params: { path: { node } } }));
    if (sub === 'undrain') return json ? printJson(out, { node, drained: false }) : out(m.admin.undrained(node));
    const started = Date.now();
    let now = await groups();
    const stillHere = () => now.filter((g) => before.includes(g.name) && (g.owner === node || g.resources.some((r) => r.running === true && g.owner === null)));
    while (stillHere().length > 0 && Date.now() - started < DRAIN_WAIT_MS) {
      await new Promise((r) => setTimeout(r, 500));
      now = await groups();
    }
    const moves = before.map((name) => ({ group: name, to: now.find((g) => g.name === name)?.owner ?? null }));
    if (json) return printJson(out, { node, drained: stillHere().length === 0, moves });
    if (stillHere().length > 0)
      throw new CliError(
        m.admin.drainTimeout(
          node,
          stillHere().map((g) => g.name),
        ),
      );
    out(m.admin.drained(node, moves));
  });

export const drainCommand = drainCommandFor('drain');
export const undrainCommand = drainCommandFor('undrain');
