import type { Schemas } from '@sfha/contracts';
import { useState } from 'react';
import { errorText } from '../api/error-text';
import { usePutFenceLevelsMutation } from '../api/use-fencing-queries';
import { Allowed } from '../components/allowed';
import { DataTable } from '../components/data-table';
import { ErrorBanner } from '../components/error-banner';
import { fill, useI18n } from '../i18n/i18n';

type Level = Schemas['FenceLevelDto'];

/** Fencing levels: each node's devices in the order they are tried; an admin edits the order. */
export function FencingLevels({ levels }: { levels: readonly Level[] }) {
  const { m } = useI18n();
  const t = m.fencing.levels;
  const put = usePutFenceLevelsMutation();
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const draftOf = (l: Level) => drafts[l.node] ?? l.devices.join(' ');
  const save = (node: string, devices: string[]) => put.mutate({ node, devices }, { onSuccess: () => setDrafts((d) => ({ ...d, [node]: devices.join(' ') })) });
  return (
    <section className="card" aria-labelledby="fence-levels-title">
      <h2 id="fence-levels-title">{t.title}</h2>
      <p>{t.intro}</p>
      <ErrorBanner message={put.isError ? errorText(put.error, m) : null} />
      <DataTable columns={[t.node, t.order]} actionsLabel={t.actions}>
        {levels.map((l) => (
          <tr key={l.node} data-testid={`levels-${l.node}`}>
            <th scope="row">{l.node}</th>
            <td>
              <span data-testid="levels-order">{l.devices.join(' → ') || '—'}</span>
              {!l.custom && l.devices.length > 0 && <span className="muted"> ({t.byDefault})</span>}
            </td>
            <td className="row-actions">
              <Allowed role="admin">
                <input aria-label={fill(t.edit, { node: l.node })} value={draftOf(l)} onChange={(e) => setDrafts((d) => ({ ...d, [l.node]: e.target.value }))} />
                <button
                  type="button"
                  disabled={put.isPending}
                  onClick={() =>
                    save(
                      l.node,
                      draftOf(l)
                        .split(/[\s,]+/)
                        .filter(Boolean),
                    )
                  }
                >
                  {t.save}
                </button>
                <button type="button" className="button-secondary" disabled={put.isPending || !l.custom} onClick={() => save(l.node, [])}>
                  {t.reset}
                </button>
              </Allowed>
            </td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
