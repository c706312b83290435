import { errorText } from '../api/error-text';
import { useFencingHistoryQuery } from '../api/use-fencing-queries';
import { DataTable } from '../components/data-table';
import { ErrorBanner } from '../components/error-banner';
import { fill, useI18n } from '../i18n/i18n';

/** Every fence run by a reachable member, newest first. */
export function FencingHistory() {
  const { m, lang } = useI18n();
  const t = m.fencing.history;
  const history = useFencingHistoryQuery();
  const time = new Intl.DateTimeFormat(lang, { dateStyle: 'short', timeStyle: 'medium' });
  return (
    <section className="card" aria-labelledby="fence-history-title">
      <h2 id="fence-history-title">{t.title}</h2>
      <ErrorBanner message={history.isError ? errorText(history.error, m) : null} />
      {history.data?.length === 0 && <p>{t.empty}</p>}
      {history.data && history.data.length > 0 && (
        <DataTable columns={[t.at, t.node, t.action, t.result, t.requestedBy, t.executedBy, t.duration]} testId="fence-history">
          {history.data.map((e) => (
            <tr key={`${e.executedBy}-${e.id}`}>
              <td>{time.format(new Date(e.startedAt))}</td>
              <th scope="row">{e.node}</th>
              <td>{t.actions[e.action as keyof typeof t.actions] ?? e.action}</td>
              <td>
                <span className={`pill ${e.ok ? 'pill-ok' : 'pill-bad'}`} title={e.output}>
                  {e.ok ? t.confirmed : fill(t.failed, { code: e.exitCode })}
                </span>
              </td>
              <td>{e.requestedBy === 'admin' ? t.byAdmin : t.byLeader}</td>
              <td>{e.executedBy}</td>
              <td>{fill(t.ms, { n: e.durationMs })}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
