import type { Schemas } from '@sfha/contracts';
import { errorText } from '../api/error-text';
import { useClusterStatusQuery } from '../api/use-cluster-queries';
import { useFencingStatusQuery, useWatchdogStatusQuery } from '../api/use-fencing-queries';
import { useMeshStatusQuery } from '../api/use-mesh-queries';
import { useHealthQuery, useNodeStatusQuery } from '../api/use-node-queries';
import { useClusterConfigQuery, useResourceGroupsQuery } from '../api/use-resources-queries';
import { ErrorBanner } from '../components/error-banner';
import { fill, useI18n } from '../i18n/i18n';
import { formatDuration } from './duration';
import { overviewAlerts, type OverviewAlert } from './overview-alerts';
import { ConfigTransferCard } from './config-transfer-card';

function Alerts({ alerts }: { alerts: OverviewAlert[] }) {
  const { m } = useI18n();
  return (
    <section className="card" aria-labelledby="alerts">
      <h2 id="alerts">{m.alerts.title}</h2>
      {alerts.length === 0 ? (
        <p className="muted">{m.alerts.none}</p>
      ) : (
        <ul className="alert-list" data-testid="alerts">
          {alerts.map((alert) => (
            <li key={alert.id} className={`banner banner-${alert.tone === 'error' ? 'error' : 'warn'}`}>
              {alert.text}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The management address (held by the quorate leader): one URL for the dashboard that survives the loss of any node. */
function ManagementAddress({ status }: { status: Schemas['ClusterStatusDto'] }) {
  const { m } = useI18n();
  const setting = useClusterConfigQuery().data?.settings.managementAddress;
  if (!setting) return null;
  const ip = setting.address.split('/')[0] ?? '';
  const url = `${window.location.protocol}//${ip}${window.location.port ? `:${window.location.port}` : ''}/`;
  return (
    <>
      <dt>{m.overview.management}</dt>
      <dd data-testid="management-address">
        <a href={url}>{url}</a> {status.quorate && status.leader ? fill(m.overview.managementHeld, { node: status.leader, iface: setting.interface }) : m.overview.managementNobody}
      </dd>
    </>
  );
}

function Members({ status }: { status: Schemas['ClusterStatusDto'] }) {
  const { m } = useI18n();
  return (
    <section className="card" aria-labelledby="members">
      <h2 id="members">{fill(m.overview.member, { name: status.clusterName, ip: status.nodes.find((n) => n.self)?.meshIp ?? '' })}</h2>
      {!status.corosyncRunning && <p className="banner banner-warn">{m.overview.corosyncDown}</p>}
      <dl className="facts">
        <dt>{m.overview.quorum}</dt>
        <dd data-testid="quorum">{status.quorate ? <span className="pill pill-ok">{m.overview.quorate}</span> : <span className="pill pill-error">{m.overview.notQuorate}</span>}</dd>
        <dt>{m.overview.votes}</dt>
        <dd>{fill(m.overview.votesValue, { total: status.totalVotes ?? '—', expected: status.expectedVotes ?? '—', quorum: status.quorum ?? '—' })}</dd>
        <dt>{m.overview.leader}</dt>
        <dd data-testid="leader">{status.leader ?? m.overview.noLeader}</dd>
        <ManagementAddress status={status} />
      </dl>
      {status.mixedVersions && (
        <p className="banner banner-warn" data-testid="mixed-versions">
          {m.overview.mixedVersions}
        </p>
      )}
      <div className="table-scroll">
        <table data-testid="members-table">
          <caption>{m.overview.members}</caption>
          <thead>
            <tr>
              <th scope="col">{m.overview.colName}</th>
              <th scope="col">{m.overview.colId}</th>
              <th scope="col">{m.overview.colMeshIp}</th>
              <th scope="col">{m.overview.colVersion}</th>
              <th scope="col">{m.overview.colState}</th>
            </tr>
          </thead>
          <tbody>
            {status.nodes.map((node) => (
              <tr key={node.name} data-testid={`member-${node.name}`}>
                <th scope="row">
                  {node.name}
                  {node.self && <span className="tag">{m.overview.selfTag}</span>}
                  {node.leader && <span className="tag">{m.overview.leaderTag}</span>}
                  {node.role === 'witness' && (
                    <span className="tag" title={m.overview.witnessHint} data-testid={`witness-${node.name}`}>
                      {m.overview.witnessTag}
                    </span>
                  )}
                </th>
                <td>{node.nodeId}</td>
                <td>{node.meshIp}</td>
                <td data-testid={`version-${node.name}`}>{node.version ?? m.overview.versionUnknown}</td>
                <td>{node.online ? <span className="pill pill-ok">{m.overview.online}</span> : <span className="pill pill-error">{m.overview.offline}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function ClusterOverview() {
  const { m } = useI18n();
  const cluster = useClusterStatusQuery();
  const mesh = useMeshStatusQuery();
  const groups = useResourceGroupsQuery();
  const fencing = useFencingStatusQuery();
  const watchdog = useWatchdogStatusQuery();
  const alerts = overviewAlerts({ cluster: cluster.data, mesh: mesh.data, groups: groups.data, fencing: fencing.data, watchdog: watchdog.data }, m);
  return (
    <>
      <ErrorBanner message={cluster.isError ? errorText(cluster.error, m) : null} />
      <Alerts alerts={alerts} />
      {cluster.data ? <Members status={cluster.data} /> : <p>{m.loading}</p>}
      <ConfigTransferCard />
    </>
  );
}

export function OverviewPage() {
  const { m } = useI18n();
  const status = useNodeStatusQuery();
  const health = useHealthQuery();
  const node = status.data;
  return (
    <>
      <h1>{m.overview.title}</h1>
      <ErrorBanner message={status.isError ? errorText(status.error, m) : null} />
      {node?.clusterMember && <ClusterOverview />}
      <section className="card" aria-labelledby="this-node">
        <h2 id="this-node">{m.overview.thisNode}</h2>
        {node ? (
          <dl className="facts">
            <dt>{m.overview.node}</dt>
            <dd data-testid="node-name">{node.nodeName}</dd>
            <dt>{m.overview.version}</dt>
            <dd>{node.version}</dd>
            <dt>{m.overview.uptime}</dt>
            <dd>{formatDuration(node.uptimeSeconds, m)}</dd>
            <dt>{m.overview.health}</dt>
            <dd>{health.data?.status === 'ok' ? <span className="pill pill-ok">{m.overview.healthOk}</span> : '—'}</dd>
          </dl>
        ) : (
          <p>{m.loading}</p>
        )}
      </section>
      {node && !node.clusterMember && (
        <section className="card" aria-labelledby="cluster">
          <h2 id="cluster">{m.overview.cluster}</h2>
          <p>{m.overview.noCluster}</p>
        </section>
      )}
    </>
  );
}
