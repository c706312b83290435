import { command, printJson } from '../command-context';
import { columns } from '../format-table';

export const resourcesListCommand = command('resources list', async ({ m, out, json, api }) => {
  const groups = await api((c) => c.GET('/api/v1/resources/groups'));
  if (json) return printJson(out, groups);
  if (groups.length === 0) return out(m.resources.none);
  const rows = groups.flatMap((g) =>
    g.resources.map((r) => [
      g.name,
      r.name,
      r.kind,
      r.detail,
      g.owner ?? m.resources.nowhere,
      r.running === null ? '—' : r.running ? m.resources.running : m.resources.stopped,
      r.health && r.health !== 'not-checked' ? `${r.health}${r.restarts ? ` (${r.restarts}↻)` : ''}` : r.restarts ? `${r.restarts}↻` : '—',
    ]),
  );
  out(columns([m.resources.header, ...rows]));
});

/**
 * `resources group-set NAME [--vip CIDR[@IFACE]]… [--mesh-vip IP]… [--process "CMD ARG…"]… [--systemd UNIT]… [--prefer NODE] [--no-sticky]`:
 * resources are taken in the order given; a process command is split on spaces (no shell).
 * `--health-http URL`, `--health-tcp HOST:PORT`, `--health-systemd UNIT` check the process or unit given just before.
 */
export const groupSetCommand = command('resources group-set', async ({ args, m, out, options, json, usage, api }) => {
  const name = options.positional[0];
  if (!name) throw usage();
  const resources: {
    name: string;
    kind: 'vip' | 'process' | 'systemd';
    address?: string;
    network?: 'lan' | 'mesh';
    interface?: string;
    command?: string[];
    unit?: string;
    health?: { kind: 'http' | 'tcp' | 'systemd'; target: string };
  }[] = [];
  args.rest.forEach((arg, i) => {
    const value = args.rest[i + 1] ?? '';
    if (arg === '--vip') {
      const [address = '', iface] = value.split('@');
      resources.push({ name: `${name}-vip${resources.filter((r) => r.kind === 'vip').length || ''}`, kind: 'vip', address, ...(iface ? { interface: iface } : {}) });
    } else if (arg === '--mesh-vip') {
      resources.push({ name: `${name}-vip${resources.filter((r) => r.kind === 'vip').length || ''}`, kind: 'vip', network: 'mesh', address: value });
    } else if (arg === '--process') {
      resources.push({ name: `${name}-process${resources.filter((r) => r.kind === 'process').length || ''}`, kind: 'process', command: value.split(/\s+/).filter(Boolean) });
    } else if (arg === '--systemd') {
      resources.push({ name: `${name}-unit${resources.filter((r) => r.kind === 'systemd').length || ''}`, kind: 'systemd', unit: value });
    } else if (arg === '--health-http' || arg === '--health-tcp' || arg === '--health-systemd') {
      // Applies to the process or unit given just before it.
      const last = [...resources].reverse().find((r) => r.kind !== 'vip');
      if (!last) throw usage();
      last.health = { kind: arg === '--health-http' ? 'http' : arg === '--health-tcp' ? 'tcp' : 'systemd', target: value };
    }
  });
  const prefer = options.values.get('prefer');
  const maxRestarts = options.values.get('max-restarts');
  const body = { resources, sticky: !options.flags.has('no-sticky'), ...(prefer ? { preferredNode: prefer } : {}), ...(maxRestarts !== undefined ? { maxRestarts: Number(maxRestarts) } : {}) };
  const group = await api((c) => c.PUT('/api/v1/resources/groups/{name}', { params: { path: { name } }, body }));
  if (json) return printJson(out, group);
  out(m.resources.set(name, group.owner ?? m.resources.nowhere));
});

export const groupRemoveCommand = command('resources group-remove', async ({ m, out, json, options, usage, api }) => {
  const name = options.positional[0];
  if (!name) throw usage();
  await api((c) => c.DELETE('/api/v1/resources/groups/{name}', { params: { path: { name } } }));
  if (json) return printJson(out, { removed: name });
  out(m.resources.removed(name));
});

/** `sfha health`: each resource's health check on its owner, and its local restarts. */
export const healthCommand = command('health', async ({ m, out, json, api }) => {
  const groups = await api((c) => c.GET('/api/v1/resources/groups'));
  const rows = groups.flatMap((g) =>
    g.resources.map((r) => ({ group: g.name, resource: r.name, owner: g.owner, health: r.health, detail: r.healthDetail, restarts: r.restarts, bannedOn: g.bannedOn })),
  );
  if (json) return printJson(out, rows);
  if (rows.length === 0) return out(m.resources.none);
  out(columns([m.resources.healthHeader, ...rows.map((r) => [r.group, r.resource, r.owner ?? m.resources.nowhere, r.health ?? '—', r.detail ?? '', String(r.restarts), r.bannedOn.join(',') || '—'])]));
});
