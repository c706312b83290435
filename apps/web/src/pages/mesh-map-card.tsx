import type { Schemas } from '@sfha/contracts';
import { errorText } from '../api/error-text';
import { useMeshMapQuery } from '../api/use-mesh-queries';
import { ErrorBanner } from '../components/error-banner';
import { fill, useI18n } from '../i18n/i18n';
import { formatMs } from './format-bytes';
import type { Messages } from '../i18n/messages.fr';
import { circleLayout, linkState, nodePairs, type LinkState } from './mesh-map-model';
import './mesh-map.css';

const WIDTH = 420;
const HEIGHT = 320;
const NODE_R = 24;

const stateText = (state: LinkState, m: Messages) => m.mesh.map[state];

/** The whole mesh: every link drawn as two halves, each coloured by what the node at its end sees. */
function MeshPicture({ map }: { map: Schemas['MeshMapDto'] }) {
  const { m, lang } = useI18n();
  const t = m.mesh.map;
  const layout = circleLayout(map.nodes, WIDTH / 2, HEIGHT / 2, Math.min(WIDTH, HEIGHT) / 2 - NODE_R - 14);
  const halves = nodePairs(map.nodes).flatMap(([a, b]) => [
    { from: a, to: b },
    { from: b, to: a },
  ]);
  const faults = halves.map((h) => ({ ...h, ...linkState(map, h.from, h.to) })).filter((h) => h.state !== 'up');
  const description = faults.length === 0 ? t.allUp : fill(t.faults, { list: faults.map((f) => fill(t.linkTitle, { from: f.from, to: f.to, state: stateText(f.state, m) })).join(' ; ') });
  return (
    <svg className="mesh-picture" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="mesh-picture-title" aria-describedby="mesh-picture-desc">
      <title id="mesh-picture-title">{t.pictureLabel}</title>
      <desc id="mesh-picture-desc">{description}</desc>
      {halves.map(({ from, to }) => {
        const a = layout.get(from);
        const b = layout.get(to);
        if (!a || !b) return null;
        const { state, rttMs } = linkState(map, from, to);
        return (
          <line key={`${from}-${to}`} data-testid={`link-${from}-${to}`} data-state={state} className={`mesh-link mesh-link-${state}`} x1={a.x} y1={a.y} x2={(a.x + b.x) / 2} y2={(a.y + b.y) / 2}>
            <title>{fill(t.linkTitle, { from, to, state: rttMs === null ? stateText(state, m) : `${stateText(state, m)}, ${formatMs(rttMs, lang)}` })}</title>
          </line>
        );
      })}
      {map.nodes.map((node) => {
        const p = layout.get(node);
        if (!p) return null;
        const answered = map.views.find((v) => v.node === node)?.answered ?? false;
        return (
          <g key={node} className={`mesh-node${answered ? '' : ' mesh-node-silent'}`} data-testid={`map-node-${node}`}>
            <circle cx={p.x} cy={p.y} r={NODE_R} />
            <text x={p.x} y={p.y} dominantBaseline="central" textAnchor="middle">
              {node}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** The same views as a table: row = the node looking, column = the node it looks at. */
function MeshMatrix({ map }: { map: Schemas['MeshMapDto'] }) {
  const { m, lang } = useI18n();
  const t = m.mesh.map;
  return (
    <div className="table-scroll">
      <table className="mesh-matrix" data-testid="mesh-matrix">
        <caption className="visually-hidden">{t.matrixTitle}</caption>
        <thead>
          <tr>
            <th scope="col">{t.corner}</th>
            {map.nodes.map((n) => (
              <th key={n} scope="col">
                {n}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {map.nodes.map((from) => (
            <tr key={from}>
              <th scope="row">{from}</th>
              {map.nodes.map((to) => {
                if (from === to) return <td key={to}>—</td>;
                const { state, rttMs } = linkState(map, from, to);
                return (
                  <td key={to} data-testid={`matrix-${from}-${to}`} data-state={state} className={`mesh-cell mesh-cell-${state}`}>
                    {rttMs === null ? stateText(state, m) : formatMs(rttMs, lang)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function MeshMapCard() {
  const { m } = useI18n();
  const t = m.mesh.map;
  const map = useMeshMapQuery();
  const silent = map.data?.views.filter((v) => !v.answered).map((v) => v.node) ?? [];
  return (
    <section className="card" aria-labelledby="mesh-map-title">
      <h2 id="mesh-map-title">{t.title}</h2>
      <p className="muted">{t.intro}</p>
      <ErrorBanner message={map.isError ? errorText(map.error, m) : null} />
      {map.data && (
        <>
          <div className="mesh-map">
            <MeshPicture map={map.data} />
            <ul className="mesh-legend">
              {(['up', 'slow', 'down', 'unknown'] as const).map((state) => (
                <li key={state}>
                  <span className={`mesh-swatch mesh-link-${state}`} aria-hidden="true" /> {stateText(state, m)}
                </li>
              ))}
            </ul>
          </div>
          {silent.map((node) => (
            <p key={node} className="banner banner-warn">
              {fill(t.noAnswer, { node })}
            </p>
          ))}
          <MeshMatrix map={map.data} />
        </>
      )}
    </section>
  );
}
