import { errorText } from '../api/error-text';
import { useHealthQuery, useNodeStatusQuery } from '../api/use-node-queries';
import { ErrorBanner } from '../components/error-banner';
import { fill, useI18n } from '../i18n/i18n';
import { formatDuration } from './duration';

export function OverviewPage() {
  const { m } = useI18n();
  const status = useNodeStatusQuery();
  const health = useHealthQuery();
  const node = status.data;
  return (
    <>
      <h1>{m.overview.title}</h1>
      <ErrorBanner message={status.isError ? errorText(status.error, m) : null} />
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
      <section className="card" aria-labelledby="cluster">
        <h2 id="cluster">{m.overview.cluster}</h2>
        <p>{node?.clusterMember ? fill(m.overview.member, { name: node.clusterName ?? '', ip: node.meshIp ?? '' }) : m.overview.noCluster}</p>
      </section>
    </>
  );
}
