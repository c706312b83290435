import type { Schemas } from '@sfha/contracts';
import { errorText } from '../api/error-text';
import { useIncidentsQuery } from '../api/use-events-queries';
import { ErrorBanner } from '../components/error-banner';
import { fill, useI18n, type Lang } from '../i18n/i18n';
import type { Messages } from '../i18n/messages.fr';
import { IncidentPicture } from './incident-picture';
import './ha-pages.css';

type Incident = Schemas['IncidentDto'];

const seconds = (ms: number, lang: Lang) => `${(ms / 1000).toLocaleString(lang, { maximumFractionDigits: 1 })} s`;

/** `now`: when the list was fetched (an open incident is drawn up to then). */
function IncidentCard({ incident, m, lang, now }: { incident: Incident; m: Messages; lang: Lang; now: number }) {
  const title =
    incident.trigger.kind === 'node-lost'
      ? fill(m.incidents.nodeLost, { node: incident.trigger.node })
      : fill(m.incidents.groupFailed, { group: incident.trigger.group ?? '', node: incident.trigger.node });
  const open = incident.resolvedAt === null;
  const lasted = (incident.resolvedAt ? Date.parse(incident.resolvedAt) : now) - Date.parse(incident.openedAt);
  return (
    <section className="card" data-testid="incident">
      <h2>
        {title} <span className={`pill ${open ? 'pill-error' : 'pill-ok'}`}>{open ? m.incidents.open : m.incidents.resolved}</span>
      </h2>
      <p>
        {fill(m.incidents.openedAt, { at: new Date(incident.openedAt).toLocaleString(lang, { dateStyle: 'short', timeStyle: 'medium' }) })} · {fill(m.incidents.duration, { d: seconds(lasted, lang) })}
      </p>
      <ul>
        {incident.fences.map((f, i) => (
          <li key={`f${i}`}>{fill(m.incidents.fence, { node: f.node, device: f.device, result: f.ok ? m.incidents.fenceOk : m.incidents.fenceFailed, ms: f.ms })}</li>
        ))}
        {incident.groups.map((g) => (
          <li key={g.group}>
            {fill(m.incidents.group, { group: g.group, from: g.from, to: g.to ?? m.incidents.nowhere })} —{' '}
            {g.downtimeMs === null ? m.incidents.waiting : fill(m.incidents.downtime, { d: seconds(g.downtimeMs, lang) })}
          </li>
        ))}
      </ul>
      <IncidentPicture incident={incident} now={now} labels={{ title: m.incidents.picture, lost: m.incidents.lost, waiting: m.incidents.waiting }} />
    </section>
  );
}

/** Incidents (the cluster timeline grouped), newest first, each with its picture. */
export function IncidentsPage() {
  const { m, lang } = useI18n();
  const incidents = useIncidentsQuery();
  const list = incidents.data ?? [];
  return (
    <>
      <h1>{m.incidents.title}</h1>
      <ErrorBanner message={incidents.isError ? errorText(incidents.error, m) : null} />
      {list.length === 0 ? (
        <p className="card">{incidents.isPending ? m.loading : m.incidents.none}</p>
      ) : (
        list.map((i) => <IncidentCard key={i.id} incident={i} m={m} lang={lang} now={incidents.dataUpdatedAt} />)
      )}
    </>
  );
}
