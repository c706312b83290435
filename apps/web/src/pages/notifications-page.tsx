import type { Schemas } from '@sfha/contracts';
import { useState } from 'react';
import { errorText } from '../api/error-text';
import { useDeleteNotifyTargetMutation, useNotifyDeliveriesQuery, useNotifyTargetsQuery, useTestNotifyTargetMutation } from '../api/use-notify-queries';
import { Allowed } from '../components/allowed';
import { RemoveDialog } from '../components/remove-dialog';
import { DataTable } from '../components/data-table';
import { ErrorBanner } from '../components/error-banner';
import { fill, useI18n } from '../i18n/i18n';
import { NotifyTargetForm } from './notify-target-form';
import { targetDestination } from './notify-target-model';
import './ha-pages.css';

type Target = Schemas['NotifyTargetDto'];

function TargetList({ targets, onEdit }: { targets: readonly Target[]; onEdit: (t: Target) => void }) {
  const { m } = useI18n();
  const t = m.notify;
  const remove = useDeleteNotifyTargetMutation();
  const test = useTestNotifyTargetMutation();
  const [removing, setRemoving] = useState<string | null>(null);
  const [tested, setTested] = useState<string | null>(null);
  if (targets.length === 0) return <p>{t.none}</p>;
  const result = test.data
    ? test.data.ok
      ? fill(t.testOk, { name: tested ?? '', ms: test.data.ms })
      : fill(t.testFailed, { name: tested ?? '', error: test.data.error ?? '' })
    : test.isError
      ? errorText(test.error, m)
      : null;
  return (
    <>
      {result && (
        <div className={`banner ${test.data?.ok ? 'banner-info' : 'banner-error'}`} role="status">
          {result}
        </div>
      )}
      <DataTable columns={[t.name, t.kind, t.destination, t.minLevel, t.language]} actionsLabel={t.actions} testId="notify-targets">
        {targets.map((target) => (
          <tr key={target.name}>
            <th scope="row">{target.name}</th>
            <td>{t.kinds[target.kind]}</td>
            <td className="mono">{targetDestination(target)}</td>
            <td>{t.form.levels[target.minLevel]}</td>
            <td>{target.language}</td>
            <td className="row-actions">
              <Allowed role="operator">
                <button
                  type="button"
                  className="button-secondary"
                  disabled={test.isPending}
                  onClick={() => {
                    setTested(target.name);
                    test.mutate(target.name);
                  }}
                >
                  {test.isPending && tested === target.name ? m.loading : t.test}
                </button>
              </Allowed>
              <Allowed role="admin">
                <button type="button" className="button-secondary" onClick={() => onEdit(target)}>
                  {t.edit}
                </button>
                <button type="button" className="button-secondary" onClick={() => setRemoving(target.name)}>
                  {t.remove}
                </button>
              </Allowed>
            </td>
          </tr>
        ))}
      </DataTable>
      <RemoveDialog name={removing} title={t.removeTitle} body={t.removeBody} confirmLabel={t.remove} remove={remove} onClose={() => setRemoving(null)} />
    </>
  );
}

function DeliveryLog() {
  const { m, lang } = useI18n();
  const t = m.notify;
  const deliveries = useNotifyDeliveriesQuery();
  return (
    <section className="card">
      <h2>{t.log}</h2>
      <ErrorBanner message={deliveries.isError ? errorText(deliveries.error, m) : null} />
      {deliveries.data?.length === 0 && <p>{t.noDeliveries}</p>}
      {deliveries.data && deliveries.data.length > 0 && (
        <DataTable columns={[t.at, t.name, t.message, t.incident, t.attempt, t.result]} testId="notify-deliveries">
          {deliveries.data.map((d) => (
            <tr key={d.id}>
              <td>{new Date(d.at).toLocaleString(lang, { dateStyle: 'short', timeStyle: 'medium' })}</td>
              <td>{d.target}</td>
              <td>{t.messages[d.kind] ?? d.kind}</td>
              <td className="mono">{d.incident ?? '—'}</td>
              <td>{d.attempt}</td>
              <td>{d.ok ? <span className="pill pill-ok">{t.ok}</span> : <span className="pill pill-error">{fill(t.failed, { error: d.error ?? '' })}</span>}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

/** Where the cluster tells people about incidents: targets, a test button, what was sent. */
export function NotificationsPage() {
  const { m } = useI18n();
  const t = m.notify;
  const targets = useNotifyTargetsQuery();
  const [editing, setEditing] = useState<{ target?: Target } | null>(null);
  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <ErrorBanner message={targets.isError ? errorText(targets.error, m) : null} />
      {editing ? (
        <NotifyTargetForm existing={editing.target} onDone={() => setEditing(null)} />
      ) : (
        <Allowed role="admin">
          <div className="form-actions">
            <button type="button" onClick={() => setEditing({})}>
              {t.add}
            </button>
          </div>
        </Allowed>
      )}
      <section className="card">
        <h2>{t.targets}</h2>
        {targets.data && <TargetList targets={targets.data} onEdit={(target) => setEditing({ target })} />}
      </section>
      <DeliveryLog />
    </>
  );
}
