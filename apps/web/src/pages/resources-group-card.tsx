import { Allowed } from '../components/allowed';
import type { Schemas } from '@sfha/contracts';
import { useId, useState } from 'react';
import { errorText } from '../api/error-text';
import { useDeleteGroupMutation, useGroupWhyQuery, useMoveGroupMutation } from '../api/use-resources-queries';
import { ConfirmDialog } from '../components/confirm-dialog';
import { DataTable } from '../components/data-table';
import { ErrorBanner } from '../components/error-banner';
import { fill, useI18n } from '../i18n/i18n';

type Group = Schemas['GroupStateDto'];
type Resource = Schemas['ResourceStateDto'];

function ResourceState({ resource }: { resource: Resource }) {
  const { m } = useI18n();
  const t = m.resources.state;
  if (resource.running === null) return <span className="pill">{t.unknown}</span>;
  return <span className={`pill ${resource.running ? 'pill-ok' : 'pill-bad'}`}>{resource.running ? t.running : t.stopped}</span>;
}

function ResourceHealth({ resource }: { resource: Resource }) {
  const { m } = useI18n();
  if (!resource.health) return <>—</>;
  const label = m.resources.health[resource.health];
  return (
    <span className={`pill ${resource.health === 'healthy' ? 'pill-ok' : resource.health === 'unhealthy' ? 'pill-bad' : ''}`} title={resource.healthDetail ?? undefined}>
      {label}
    </span>
  );
}

/** The scheduler's reason for where the group is (or why it is stopped), in the dashboard's language. */
function GroupWhy({ name }: { name: string }) {
  const { lang } = useI18n();
  const why = useGroupWhyQuery(name);
  return <dd data-testid="group-why">{why.data ? why.data.text[lang] : '…'}</dd>;
}

type Pending = { kind: 'move'; node: string } | { kind: 'remove' } | null;

/** One group: where it runs, each resource's state and health, and the admin's actions on it. */
export function GroupCard({ group, nodes, onEdit }: { group: Group; nodes: readonly string[]; onEdit: () => void }) {
  const { m } = useI18n();
  const t = m.resources;
  const move = useMoveGroupMutation();
  const remove = useDeleteGroupMutation();
  const [target, setTarget] = useState('');
  const moveId = useId();
  const [pending, setPending] = useState<Pending>(null);
  const others = nodes.filter((n) => n !== group.owner);
  const close = () => {
    setPending(null);
    move.reset();
    remove.reset();
  };

  return (
    <section className="card" aria-labelledby={`group-${group.name}`} data-testid={`group-${group.name}`}>
      <h2 id={`group-${group.name}`}>{fill(t.groupTitle, { name: group.name })}</h2>
      <dl className="facts">
        <dt>{t.owner}</dt>
        <dd data-testid="group-owner">{group.owner ?? t.nowhere}</dd>
        <dt>{t.why}</dt>
        <GroupWhy name={group.name} />
        <dt>{t.preferredNode}</dt>
        <dd>{group.preferredNode ?? t.anyNode}</dd>
        <dt>{t.sticky}</dt>
        <dd>{group.sticky ? t.yes : t.no}</dd>
        {group.movedTo && (
          <>
            <dt>{t.movedTo}</dt>
            <dd>{group.movedTo}</dd>
          </>
        )}
        {group.bannedOn.length > 0 && (
          <>
            <dt>{t.bannedOn}</dt>
            <dd>{group.bannedOn.join(', ')}</dd>
          </>
        )}
      </dl>
      <DataTable columns={[t.resource, t.kind, t.detail, t.stateLabel, t.healthLabel, t.restarts]}>
        {group.resources.map((r) => (
          <tr key={r.name}>
            <th scope="row">{r.name}</th>
            <td>{t.kinds[r.kind]}</td>
            <td className="mono">{r.detail}</td>
            <td>
              <ResourceState resource={r} />
            </td>
            <td>
              <ResourceHealth resource={r} />
            </td>
            <td>{r.restarts}</td>
          </tr>
        ))}
      </DataTable>
      <div className="form-actions">
        <span className="inline-field">
          <label htmlFor={moveId}>{t.moveTo}</label>
          <select id={moveId} value={target} onChange={(e) => setTarget(e.target.value)}>
            <option value="">—</option>
            {others.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </span>
        <Allowed role="operator">
          <button type="button" disabled={!target} onClick={() => setPending({ kind: 'move', node: target })}>
            {t.move}
          </button>
          {(group.movedTo || group.bannedOn.length > 0) && (
            <button type="button" className="button-secondary" disabled={move.isPending} onClick={() => move.mutate({ name: group.name, node: null })}>
              {t.clear}
            </button>
          )}
        </Allowed>
        <Allowed role="admin">
          <button type="button" className="button-secondary" onClick={onEdit}>
            {t.edit}
          </button>
          <button type="button" className="button-secondary" onClick={() => setPending({ kind: 'remove' })}>
            {t.remove}
          </button>
        </Allowed>
      </div>
      <ErrorBanner message={!pending && move.isError ? errorText(move.error, m) : null} />
      {pending?.kind === 'move' && (
        <ConfirmDialog
          title={fill(t.moveConfirmTitle, { name: group.name, node: pending.node })}
          confirmLabel={t.move}
          pending={move.isPending}
          error={move.isError ? errorText(move.error, m) : null}
          onCancel={close}
          onConfirm={() => move.mutate({ name: group.name, node: pending.node }, { onSuccess: close })}
        >
          <p>{fill(t.moveConfirmBody, { name: group.name, owner: group.owner ?? t.nowhere, node: pending.node })}</p>
        </ConfirmDialog>
      )}
      {pending?.kind === 'remove' && (
        <ConfirmDialog
          title={fill(t.removeConfirmTitle, { name: group.name })}
          confirmLabel={t.remove}
          danger
          pending={remove.isPending}
          error={remove.isError ? errorText(remove.error, m) : null}
          onCancel={close}
          onConfirm={() => remove.mutate(group.name, { onSuccess: close })}
        >
          <p>{t.removeConfirmBody}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
