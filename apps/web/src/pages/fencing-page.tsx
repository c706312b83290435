import { Allowed } from '../components/allowed';
import type { Schemas } from '@sfha/contracts';
import { useState } from 'react';
import { errorText } from '../api/error-text';
import { useDeleteFenceDeviceMutation, useFencingStatusQuery } from '../api/use-fencing-queries';
import { RemoveDialog } from '../components/remove-dialog';
import { DataTable } from '../components/data-table';
import { ErrorBanner } from '../components/error-banner';
import { fill, useI18n } from '../i18n/i18n';
import { DeviceForm } from './fencing-device-form';
import { FencingHistory } from './fencing-history';
import { FencingLevels } from './fencing-levels';
import { FencingNodes } from './fencing-nodes';
import './ha-pages.css';

type Device = Schemas['FenceDeviceDto'];

function DeviceList({ devices, onEdit }: { devices: readonly Device[]; onEdit: (device: Device) => void }) {
  const { m } = useI18n();
  const t = m.fencing.devices;
  const remove = useDeleteFenceDeviceMutation();
  const [removing, setRemoving] = useState<string | null>(null);
  if (devices.length === 0) return <p>{t.none}</p>;
  return (
    <>
      <DataTable columns={[t.name, t.agent, t.nodes, t.params]} actionsLabel={t.actions}>
        {devices.map((d) => (
          <tr key={d.name}>
            <th scope="row">{d.name}</th>
            <td className="mono">{d.kind === 'webhook' ? fill(t.webhook, { url: d.webhook?.url ?? '' }) : d.agent}</td>
            <td>
              {Object.entries(d.hostMap)
                .map(([node, plug]) => (node === plug ? node : `${node} → ${plug}`))
                .join(', ')}
            </td>
            <td className="mono">
              {Object.entries(d.params)
                .map(([k, v]) => `${k}=${v}`)
                .join(' ') || '—'}
            </td>
            <td className="row-actions">
              <Allowed role="admin">
                {d.kind === 'agent' && (
                  <button type="button" className="button-secondary" onClick={() => onEdit(d)}>
                    {t.edit}
                  </button>
                )}
                <button type="button" className="button-secondary" onClick={() => setRemoving(d.name)}>
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

/** STONITH: devices (built from each agent's metadata), node power, fence/unfence, history. */
export function FencingPage() {
  const { m } = useI18n();
  const t = m.fencing;
  const status = useFencingStatusQuery();
  const [editing, setEditing] = useState<{ device?: Device } | null>(null);
  const nodes = status.data?.nodes.map((n) => n.node) ?? [];
  return (
    <>
      <h1>{t.title}</h1>
      <ErrorBanner message={status.isError ? errorText(status.error, m) : null} />
      {status.data && !status.data.enabled && (
        <div className="banner banner-info" role="status">
          {t.disabled}
        </div>
      )}
      <section className="card" aria-labelledby="devices-title">
        <h2 id="devices-title">{t.devices.title}</h2>
        {status.data ? <DeviceList devices={status.data.devices} onEdit={(device) => setEditing({ device })} /> : <p>{m.loading}</p>}
        {!editing && (
          <div className="form-actions">
            <Allowed role="admin">
              <button type="button" onClick={() => setEditing({})} disabled={!status.data}>
                {t.devices.add}
              </button>
            </Allowed>
          </div>
        )}
      </section>
      {editing && <DeviceForm key={editing.device?.name ?? 'new'} nodes={nodes} existing={editing.device} onDone={() => setEditing(null)} />}
      {status.data && <FencingNodes nodes={status.data.nodes} />}
      {status.data?.enabled && <FencingLevels levels={status.data.levels} />}
      <FencingHistory />
    </>
  );
}
