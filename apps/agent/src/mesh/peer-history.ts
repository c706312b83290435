/** One sample of a link, as this node saw it. */
export interface LinkSample {
  /** Epoch ms. */
  at: number;
  /** Round trip over the mesh, or null when the probe got no answer. */
  rttMs: number | null;
  /** Bytes per second received from and sent to the peer since the previous sample (null for the first). */
  rxPerSecond: number | null;
  txPerSecond: number | null;
}

/** What the history is fed: WireGuard's counters (bytes since the interface came up) and the latest round trip. */
export interface LinkReading {
  name: string;
  rttMs: number | null;
  rxBytes: number;
  txBytes: number;
}

/**
 * The last hour of each peer's link (RTT and traffic), one sample per period: a ring per
 * peer, in memory (a restart starts afresh). Pure apart from the time it is given.
 */
export class PeerHistory {
  private readonly samples = new Map<string, LinkSample[]>();
  private readonly counters = new Map<string, { at: number; rx: number; tx: number }>();

  constructor(private readonly keep: number) {}

  record(at: number, readings: readonly LinkReading[]): void {
    const names = new Set(readings.map((r) => r.name));
    for (const name of [...this.samples.keys()]) if (!names.has(name)) this.forget(name);
    for (const r of readings) {
      const before = this.counters.get(r.name);
      const seconds = before ? (at - before.at) / 1000 : 0;
      // Counters that went back (the interface or the peer was re-created) start a new series of rates.
      const rate = (now: number, then: number | undefined) => (then === undefined || seconds <= 0 || now < then ? null : Math.round((now - then) / seconds));
      const sample: LinkSample = { at, rttMs: r.rttMs, rxPerSecond: rate(r.rxBytes, before?.rx), txPerSecond: rate(r.txBytes, before?.tx) };
      const ring = this.samples.get(r.name) ?? [];
      ring.push(sample);
      if (ring.length > this.keep) ring.splice(0, ring.length - this.keep);
      this.samples.set(r.name, ring);
      this.counters.set(r.name, { at, rx: r.rxBytes, tx: r.txBytes });
    }
  }

  series(name: string): LinkSample[] {
    return [...(this.samples.get(name) ?? [])];
  }

  private forget(name: string): void {
    this.samples.delete(name);
    this.counters.delete(name);
  }
}
