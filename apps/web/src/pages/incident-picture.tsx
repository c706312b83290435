import type { Schemas } from '@sfha/contracts';

type Incident = Schemas['IncidentDto'];

const WIDTH = 640;
const LEFT = 110;
const ROW = 26;

/** Where a time falls on the axis (0…1) between the incident's opening and its end (or now). */
export function axis(incident: Incident, now: number): (iso: string) => number {
  const start = Date.parse(incident.openedAt);
  const end = Math.max(start + 1_000, incident.resolvedAt ? Date.parse(incident.resolvedAt) : now);
  return (iso) => Math.min(1, Math.max(0, (Date.parse(iso) - start) / (end - start)));
}

/**
 * The incident as a picture (SVG, no chart library): the lost node's row from the loss to the
 * end, its fences as diamonds, then one bar per group: down (red) until served again (green tick).
 */
export function IncidentPicture({ incident, now, labels }: { incident: Incident; now: number; labels: { title: string; lost: string; waiting: string } }) {
  const x = axis(incident, now);
  const px = (iso: string) => LEFT + x(iso) * (WIDTH - LEFT - 10);
  const rows = 1 + incident.groups.length;
  const height = rows * ROW + 8;
  const end = incident.resolvedAt ?? new Date(now).toISOString();
  return (
    <svg className="incident-picture" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={labels.title} data-testid="incident-picture">
      <title>{labels.title}</title>
      <text x={4} y={ROW - 9} className="incident-label">
        {incident.trigger.node}
      </text>
      <line x1={px(incident.openedAt)} x2={px(end)} y1={ROW - 13} y2={ROW - 13} className="incident-lost" />
      <text x={px(incident.openedAt) + 4} y={ROW - 17} className="incident-note">
        {labels.lost}
      </text>
      {incident.fences.map((f, i) => (
        <rect key={i} x={px(f.at) - 5} y={ROW - 18} width={10} height={10} transform={`rotate(45 ${px(f.at)} ${ROW - 13})`} className={f.ok ? 'incident-fence-ok' : 'incident-fence-failed'}>
          <title>{`${f.device} ${f.ms} ms`}</title>
        </rect>
      ))}
      {incident.groups.map((g, i) => {
        const y = (i + 2) * ROW - 13;
        const served = g.servedAt;
        return (
          <g key={g.group}>
            <text x={4} y={y + 4} className="incident-label">
              {g.group}
            </text>
            <line x1={px(incident.openedAt)} x2={px(served ?? end)} y1={y} y2={y} className="incident-down" />
            {served ? (
              <circle cx={px(served)} cy={y} r={5} className="incident-served" />
            ) : (
              <text x={px(end) - 4} y={y + 4} textAnchor="end" className="incident-note">
                {labels.waiting}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
