import { CliError } from '../agent-session';
import { command, printJson } from '../command-context';
import { columns } from '../format-table';
import { readHeaderFile } from '../header-file';
import type { Messages } from '../i18n';

/** `KEY=VALUE` pairs of repeated options (--param ip=…, --host node1=plug1). */
function pairs(values: readonly string[], m: Messages, option: string): Record<string, string> {
  return Object.fromEntries(
    values.map((v) => {
      const i = v.indexOf('=');
      if (i <= 0) throw new CliError(m.stonith.badPair(option, v));
      return [v.slice(0, i), v.slice(i + 1)];
    }),
  );
}

export const stonithStatusCommand = command('stonith status', async ({ m, out, json, api }) => {
  const s = await api((c) => c.GET('/api/v1/fencing/status'));
  if (json) return printJson(out, s);
  out(s.enabled ? m.stonith.enabled(s.devices.map((d) => `${d.name} (${d.agent ?? `webhook ${d.webhook?.url ?? ''}`})`).join(', ')) : m.stonith.disabled);
  out('');
  out(columns([m.stonith.statusHeader, ...s.nodes.map((n) => [n.node, n.device ?? '—', m.stonith.power[n.power] ?? n.power])]));
});

export const fenceCommand = command('stonith fence', async ({ m, out, options, json, usage, api }) => {
  const node = options.positional[0];
  if (!node) throw usage();
  const event = await api((c) => c.POST('/api/v1/fencing/nodes/{node}/fence', { params: { path: { node } }, body: { action: options.flags.has('reboot') ? 'reboot' : 'off' } }));
  if (json) return printJson(out, event);
  out(m.stonith.fenced(node, event.device, event.durationMs));
});

export const unfenceCommand = command('stonith unfence', async ({ m, out, options, json, usage, api }) => {
  const node = options.positional[0];
  if (!node) throw usage();
  const event = await api((c) => c.POST('/api/v1/fencing/nodes/{node}/unfence', { params: { path: { node } } }));
  if (json) return printJson(out, event);
  out(m.stonith.unfenced(node, event.durationMs));
});

export const stonithHistoryCommand = command('stonith history', async ({ m, out, json, api }) => {
  const events = await api((c) => c.GET('/api/v1/fencing/history'));
  if (json) return printJson(out, events);
  if (events.length === 0) return out(m.stonith.noHistory);
  out(
    columns([
      m.stonith.historyHeader,
      ...events.map((e) => [e.startedAt, e.node, e.action, e.device, `${e.requestedBy}@${e.executedBy}`, e.ok ? 'ok' : `${m.stonith.failed} (${e.exitCode})`, `${e.durationMs} ms`]),
    ]),
  );
});

/** The option parser keeps the last value; repeated --param/--host are read from the raw arguments. */
function repeated(args: readonly string[], name: string): string[] {
  const values: string[] = [];
  args.forEach((a, i) => {
    if (a === `--${name}` && args[i + 1] !== undefined) values.push(args[i + 1] ?? '');
    else if (a.startsWith(`--${name}=`)) values.push(a.slice(name.length + 3));
  });
  return values;
}

/** `Name: value` headers of repeated --header options (curl's form). */
function headers(values: readonly string[], m: Messages): Record<string, string> {
  return Object.fromEntries(
    values.map((v) => {
      const i = v.indexOf(':');
      if (i <= 0) throw new CliError(m.stonith.badHeader);
      return [v.slice(0, i).trim(), v.slice(i + 1).trim()];
    }),
  );
}

export const deviceSetCommand = command('stonith device-set', async ({ args, m, out, options, json, usage, api }) => {
  const name = options.positional[0];
  const agent = options.values.get('agent');
  const url = options.values.get('webhook');
  if (!name || !agent === !url) throw usage();
  const timeout = options.values.get('timeout');
  const headerFile = options.values.get('header-file');
  const headerLines = [...(headerFile ? readHeaderFile(headerFile, m) : []), ...repeated(args.rest, 'header')];
  const driven = url ? { kind: 'webhook' as const, webhook: { url, headers: headers(headerLines, m) } } : { kind: 'agent' as const, agent, params: pairs(repeated(args.rest, 'param'), m, '--param') };
  const body = { ...driven, hostMap: pairs(repeated(args.rest, 'host'), m, '--host'), ...(timeout ? { timeoutSeconds: Number(timeout) } : {}) };
  const device = await api((c) => c.PUT('/api/v1/fencing/devices/{name}', { params: { path: { name } }, body }));
  if (json) return printJson(out, device);
  out(m.stonith.deviceSet(name, Object.keys(device.hostMap).join(', ')));
});

export const deviceRemoveCommand = command('stonith device-remove', async ({ m, out, options, usage, api }) => {
  const name = options.positional[0];
  if (!name) throw usage();
  await api((c) => c.DELETE('/api/v1/fencing/devices/{name}', { params: { path: { name } } }));
  out(m.stonith.deviceRemoved(name));
});

export const fenceAgentCommand = command('stonith agent', async ({ m, out, options, json, usage, api }) => {
  const agent = options.positional[0];
  if (!agent) throw usage();
  const meta = await api((c) => c.GET('/api/v1/fencing/agents/{agent}', { params: { path: { agent } } }));
  if (json) return printJson(out, meta);
  out(`${meta.name}: ${meta.description}`);
  out(columns([m.stonith.paramHeader, ...meta.parameters.filter((p) => !p.deprecated && !p.suppliedBySfha).map((p) => [p.name, p.type, p.required ? '*' : '', p.description])]));
});

/** `sfha stonith level [NODE DEVICE… | NODE --clear]`: the order in which a node's devices are tried. */
export const fenceLevelCommand = command('stonith level', async ({ m, out, options, json, usage, api }) => {
  const [node, ...devices] = options.positional;
  const clear = options.flags.has('clear');
  // NODE --clear takes no device; NODE alone is not a list.
  if ((clear && (!node || devices.length > 0)) || (node && devices.length === 0 && !clear)) throw usage();
  const levels = node ? await api((c) => c.PUT('/api/v1/fencing/levels/{node}', { params: { path: { node } }, body: { devices } })) : await api((c) => c.GET('/api/v1/fencing/levels'));
  if (json) return printJson(out, levels);
  out(columns([m.stonith.levelsHeader, ...levels.map((l) => [l.node, l.devices.join(' → ') || '—', m.stonith.levelsCustom(l.custom)])]));
});
