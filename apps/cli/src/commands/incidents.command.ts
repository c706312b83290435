import type { Schemas } from '@sfha/contracts';
import { command, printJson } from '../command-context';
import { columns } from '../format-table';
import type { Messages } from '../i18n';

type Incident = Schemas['IncidentDto'];

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** One row: opened, resolved (or open), what happened, the fences, each group's move and downtime. */
export function incidentRow(m: Messages, i: Incident): string[] {
  const what = i.trigger.kind === 'node-lost' ? m.incidents.nodeLost(i.trigger.node) : m.incidents.groupFailed(i.trigger.group ?? '', i.trigger.node);
  const fences = i.fences.map((f) => `${f.device} ${f.ok ? 'ok' : m.stonith.failed} ${f.ms} ms`).join(', ') || '-';
  const groups = i.groups.map((g) => `${g.group} ${g.from}→${g.to ?? m.resources.nowhere}${g.downtimeMs === null ? '' : ` ${seconds(g.downtimeMs)}`}`).join(', ') || '-';
  return [i.openedAt, i.resolvedAt ?? m.incidents.open, what, fences, groups];
}

/** `sfha incidents`: related events of the cluster timeline as incidents, newest first. */
export const incidentsCommand = command('incidents', async ({ m, out, json, api }) => {
  const incidents = await api((c) => c.GET('/api/v1/incidents'));
  if (json) return printJson(out, incidents);
  if (incidents.length === 0) return out(m.incidents.none);
  out(columns([m.incidents.header, ...incidents.map((i) => incidentRow(m, i))]));
});
