import { fill } from '../i18n/i18n';
import type { Messages } from '../i18n/messages.fr';

/** The largest two units: "2 h 5 min", "3 min 12 s". */
export function formatDuration(totalSeconds: number, m: Messages): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const parts: [number, string][] = [
    [Math.floor(s / 86_400), m.duration.d],
    [Math.floor((s % 86_400) / 3600), m.duration.h],
    [Math.floor((s % 3600) / 60), m.duration.min],
    [s % 60, m.duration.s],
  ];
  const first = parts.findIndex(([n]) => n > 0);
  if (first === -1) return fill(m.duration.s, { n: 0 });
  return parts
    .slice(first, first + 2)
    .filter(([n]) => n > 0)
    .map(([n, unit]) => fill(unit, { n }))
    .join(' ');
}
