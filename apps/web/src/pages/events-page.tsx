import { renderEvent, type Schemas } from '@sfha/contracts';
import { useState } from 'react';
import { errorText } from '../api/error-text';
import { useEventStreamConnected } from '../api/use-event-stream';
import { EVENT_CATEGORIES, useEventsQuery, type EventCategory } from '../api/use-events-queries';
import { ErrorBanner } from '../components/error-banner';
import { useI18n } from '../i18n/i18n';

type Severity = Schemas['EventDto']['severity'];
const SEVERITIES: Severity[] = ['info', 'warn', 'error'];
const SEVERITY_PILL: Record<Severity, string> = { info: 'pill-info', warn: 'pill-warn', error: 'pill-error' };

/** The nodes an event concerns: the one that recorded it, and the one it is about. */
const nodesOf = (event: Schemas['EventDto']): string[] => [event.origin, ...(typeof event.params['node'] === 'string' ? [event.params['node']] : [])].filter(Boolean);

function Select<T extends string>({
  label,
  value,
  options,
  allLabel,
  onChange,
  name,
}: {
  label: string;
  value: T | '';
  options: readonly T[];
  allLabel: string;
  onChange: (value: T | '') => void;
  name: (option: T) => string;
}) {
  return (
    <label className="filter">
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value as T | '')}>
        <option value="">{allLabel}</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {name(option)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The timeline, newest first; the event stream refreshes it as events happen. */
export function EventsPage() {
  const { m, lang } = useI18n();
  const [category, setCategory] = useState<EventCategory | ''>('');
  const [severity, setSeverity] = useState<Severity | ''>('');
  const [node, setNode] = useState('');
  const [user, setUser] = useState('');
  const events = useEventsQuery(category || null);
  const live = useEventStreamConnected();
  const all = events.data ?? [];
  const nodes = [...new Set(all.flatMap(nodesOf))].sort();
  const users = [...new Set(all.map((e) => e.user).filter((u): u is string => !!u))].sort();
  const shown = all.filter((e) => (!severity || e.severity === severity) && (!node || nodesOf(e).includes(node)) && (!user || e.user === user));
  return (
    <>
      <h1>
        {m.events.title}{' '}
        <span className={`pill live ${live ? 'pill-ok' : 'pill-warn'}`} role="status">
          {live ? m.events.live : m.events.reconnecting}
        </span>
      </h1>
      <div className="filters" role="group" aria-label={m.events.title}>
        <Select label={m.events.category} value={category} options={EVENT_CATEGORIES} allLabel={m.events.all} onChange={setCategory} name={(c) => m.events.categories[c]} />
        <Select label={m.events.severity} value={severity} options={SEVERITIES} allLabel={m.events.allSeverities} onChange={setSeverity} name={(s) => m.events.severities[s]} />
        <Select label={m.events.node} value={node} options={nodes} allLabel={m.events.allNodes} onChange={setNode} name={(n) => n} />
        <Select label={m.events.user} value={user} options={users} allLabel={m.events.allUsers} onChange={setUser} name={(u) => u} />
      </div>
      <ErrorBanner message={events.isError ? errorText(events.error, m) : null} />
      <section className="card">
        {shown.length === 0 ? (
          <p>{events.isPending ? m.loading : m.events.none}</p>
        ) : (
          <div className="table-scroll">
            <table data-testid="events-table">
              <thead>
                <tr>
                  <th scope="col">{m.events.colAt}</th>
                  <th scope="col">{m.events.colCategory}</th>
                  <th scope="col">{m.events.colSeverity}</th>
                  <th scope="col">{m.events.colOrigin}</th>
                  <th scope="col">{m.events.colMessage}</th>
                  <th scope="col">{m.events.colUser}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((event) => (
                  <tr key={`${event.origin}#${event.id}`} data-code={event.code}>
                    <td className="nowrap">
                      <time dateTime={event.at}>{new Date(event.at).toLocaleString(lang, { dateStyle: 'short', timeStyle: 'medium' })}</time>
                    </td>
                    <td>{m.events.categories[event.category]}</td>
                    <td>
                      <span className={`pill ${SEVERITY_PILL[event.severity]}`}>{m.events.severities[event.severity]}</span>
                    </td>
                    <td>{event.origin}</td>
                    <td>{renderEvent(lang, event)}</td>
                    <td>{event.user ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
