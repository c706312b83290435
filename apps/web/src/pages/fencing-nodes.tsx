import { Allowed } from '../components/allowed';
import type { Schemas } from '@sfha/contracts';
import { useState } from 'react';
import { errorText } from '../api/error-text';
import { useFenceNodeMutation } from '../api/use-fencing-queries';
import { ConfirmDialog } from '../components/confirm-dialog';
import { DataTable } from '../components/data-table';
import { fill, useI18n } from '../i18n/i18n';

type NodePower = Schemas['NodePowerDto'];

/** Each node's power as its device reports it; fence and unfence behind a typed confirmation. */
export function FencingNodes({ nodes }: { nodes: readonly NodePower[] }) {
  const { m } = useI18n();
  const t = m.fencing.nodes;
  const fence = useFenceNodeMutation();
  const [asked, setAsked] = useState<{ node: string; action: 'off' | 'on' } | null>(null);
  const close = () => {
    setAsked(null);
    fence.reset();
  };
  return (
    <section className="card" aria-labelledby="fence-nodes-title">
      <h2 id="fence-nodes-title">{t.title}</h2>
      <DataTable columns={[t.node, t.device, t.power]} actionsLabel={t.actions}>
        {nodes.map((n) => (
          <tr key={n.node} data-testid={`power-${n.node}`}>
            <th scope="row">{n.node}</th>
            <td>{n.device ?? '—'}</td>
            <td>
              <span className={`pill ${n.power === 'on' ? 'pill-ok' : n.power === 'off' ? 'pill-bad' : ''}`} data-testid="power-state">
                {t.powers[n.power]}
              </span>
            </td>
            <td className="row-actions">
              <Allowed role="operator">
                <button type="button" className="button-danger" disabled={!n.device} onClick={() => setAsked({ node: n.node, action: 'off' })}>
                  {t.fence}
                </button>
                <button type="button" className="button-secondary" disabled={!n.device} onClick={() => setAsked({ node: n.node, action: 'on' })}>
                  {t.unfence}
                </button>
              </Allowed>
            </td>
          </tr>
        ))}
      </DataTable>
      {asked && (
        <ConfirmDialog
          title={fill(asked.action === 'off' ? t.fenceTitle : t.unfenceTitle, { node: asked.node })}
          confirmLabel={asked.action === 'off' ? t.fenceConfirm : t.unfenceConfirm}
          typed={asked.node}
          danger={asked.action === 'off'}
          pending={fence.isPending}
          error={fence.isError ? errorText(fence.error, m) : null}
          onCancel={close}
          onConfirm={() => fence.mutate(asked, { onSuccess: close })}
        >
          <p>{fill(asked.action === 'off' ? t.fenceBody : t.unfenceBody, { node: asked.node })}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
