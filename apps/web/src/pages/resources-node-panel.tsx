import { Allowed } from '../components/allowed';
import { errorText } from '../api/error-text';
import { useClusterConfigQuery, useMaintenanceMutation, useStandbyMutation } from '../api/use-resources-queries';
import { DataTable } from '../components/data-table';
import { ErrorBanner } from '../components/error-banner';
import { useI18n } from '../i18n/i18n';

interface NodeRow {
  name: string;
  online: boolean;
}

/** Standby per node and the cluster's maintenance mode. */
export function NodePanel({ nodes }: { nodes: readonly NodeRow[] }) {
  const { m } = useI18n();
  const t = m.resources.nodes;
  const config = useClusterConfigQuery();
  const standby = useStandbyMutation();
  const maintenance = useMaintenanceMutation();
  const inStandby = new Set(config.data?.standby ?? []);
  const maintenanceOn = config.data?.maintenance ?? false;
  const error = standby.error ?? maintenance.error ?? config.error;
  return (
    <section className="card" aria-labelledby="nodes-title">
      <h2 id="nodes-title">{t.title}</h2>
      <ErrorBanner message={error ? errorText(error, m) : null} />
      <div className="maintenance-row">
        <p data-testid="maintenance-state">{maintenanceOn ? t.maintenanceOn : t.maintenanceOff}</p>
        <Allowed role="operator">
          <button type="button" className={maintenanceOn ? undefined : 'button-secondary'} disabled={!config.data || maintenance.isPending} onClick={() => maintenance.mutate(!maintenanceOn)}>
            {maintenanceOn ? t.maintenanceStop : t.maintenanceStart}
          </button>
        </Allowed>
      </div>
      <DataTable columns={[t.node, t.membership, t.standby]} actionsLabel={t.actions}>
        {nodes.map((n) => (
          <tr key={n.name} data-testid={`node-${n.name}`}>
            <th scope="row">{n.name}</th>
            <td>
              <span className={`pill ${n.online ? 'pill-ok' : 'pill-bad'}`}>{n.online ? t.online : t.offline}</span>
            </td>
            <td>{inStandby.has(n.name) ? t.inStandby : t.active}</td>
            <td>
              <Allowed role="operator">
                <button type="button" className="button-secondary" disabled={!config.data || standby.isPending} onClick={() => standby.mutate({ node: n.name, standby: !inStandby.has(n.name) })}>
                  {inStandby.has(n.name) ? t.unstandbyNode : t.standbyNode}
                </button>
              </Allowed>
            </td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
