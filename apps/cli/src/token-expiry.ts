const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * `--expires` of `sfha token create`: a duration from now (`90m`, `12h`, `30d`) or an ISO date.
 * The ISO time it stands for, or null when it is neither. Pure: `now` is passed in.
 */
export function tokenExpiry(text: string, now: number): string | null {
  const duration = /^(\d{1,5})([mhd])$/.exec(text);
  if (duration) {
    const amount = Number(duration[1]);
    return amount > 0 ? new Date(now + amount * (UNITS[duration[2] ?? 'd'] ?? 0)).toISOString() : null;
  }
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return null;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : new Date(at).toISOString();
}
