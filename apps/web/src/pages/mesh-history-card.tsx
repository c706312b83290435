import type { Schemas } from '@sfha/contracts';
import { errorText } from '../api/error-text';
import { useMeshHistoryQuery } from '../api/use-mesh-queries';
import { ErrorBanner } from '../components/error-banner';
import { fill, useI18n } from '../i18n/i18n';
import { formatBytes, formatMs } from './format-bytes';
import { sparkPath } from './mesh-map-model';
import './mesh-map.css';

const SPARK_W = 160;
const SPARK_H = 28;

/** A small chart of one series; the latest value is said beside it. */
function Sparkline({ values, label, testId }: { values: readonly (number | null)[]; label: string; testId: string }) {
  const path = sparkPath(values, SPARK_W, SPARK_H);
  const points = values.filter((v) => v !== null).length;
  const [dotX, dotY] = path.slice(1).split(' ').map(Number);
  return (
    <svg className="sparkline" viewBox={`-2 -2 ${SPARK_W + 4} ${SPARK_H + 4}`} width={SPARK_W} height={SPARK_H} role="img" aria-label={label} data-testid={testId} data-points={points}>
      {/* A single point is drawn as a dot: a path of one move draws nothing. */}
      {points === 1 ? <circle cx={dotX} cy={dotY} r={2} /> : <path d={path} />}
    </svg>
  );
}

function PeerHistoryRow({ peer }: { peer: Schemas['PeerHistoryDto'] }) {
  const { m, lang } = useI18n();
  const t = m.mesh.history;
  const last = peer.samples.at(-1);
  const traffic = peer.samples.map((s) => (s.rxPerSecond === null || s.txPerSecond === null ? null : s.rxPerSecond + s.txPerSecond));
  const lastTraffic = traffic.at(-1);
  return (
    <tr data-testid={`history-${peer.name}`}>
      <th scope="row">{peer.name}</th>
      <td>
        <Sparkline values={peer.samples.map((s) => s.rttMs)} label={fill(t.rttLabel, { name: peer.name })} testId={`spark-rtt-${peer.name}`} />
        <span className="muted small block">{last?.rttMs == null ? '—' : formatMs(last.rttMs, lang)}</span>
      </td>
      <td>
        <Sparkline values={traffic} label={fill(t.trafficLabel, { name: peer.name })} testId={`spark-traffic-${peer.name}`} />
        <span className="muted small block">{lastTraffic == null ? '—' : fill(t.perSecond, { bytes: formatBytes(lastTraffic, lang) })}</span>
      </td>
    </tr>
  );
}

/** This node's links over the last hour: round trip and traffic per peer. */
export function MeshHistoryCard() {
  const { m } = useI18n();
  const t = m.mesh.history;
  const history = useMeshHistoryQuery();
  const peers = history.data?.peers ?? [];
  return (
    <section className="card" aria-labelledby="mesh-history-title">
      <h2 id="mesh-history-title">{t.title}</h2>
      <p className="muted">{t.intro}</p>
      <ErrorBanner message={history.isError ? errorText(history.error, m) : null} />
      {peers.every((p) => p.samples.length === 0) ? (
        <p>{t.none}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{m.mesh.colName}</th>
                <th scope="col">{t.rtt}</th>
                <th scope="col">{t.traffic}</th>
              </tr>
            </thead>
            <tbody>
              {peers.map((peer) => (
                <PeerHistoryRow key={peer.name} peer={peer} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
