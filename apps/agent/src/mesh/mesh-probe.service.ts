import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { connect } from 'node:net';
import { MeshRepository } from './mesh.repository';

const PROBE_EVERY_MS = 5_000;
const PROBE_TIMEOUT_MS = 1_000;

/** Time of one TCP connect to host:port (one round trip), or null when it does not answer in time. */
export function tcpRoundTripMs(host: string, port: number, timeoutMs = PROBE_TIMEOUT_MS): Promise<number | null> {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const socket = connect({ host, port, timeout: timeoutMs });
    const done = (value: number | null) => {
      socket.destroy();
      resolve(value);
    };
    socket.once('connect', () => done(Number(process.hrtime.bigint() - started) / 1e6));
    socket.once('timeout', () => done(null));
    // A refused connection still crossed the mesh and back: it is a round trip.
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code === 'ECONNREFUSED' ? Number(process.hrtime.bigint() - started) / 1e6 : null));
  });
}

/** Measures the round-trip time to every member over the mesh, every 5 s. */
@Injectable()
export class MeshProbe implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly rtt = new Map<string, number | null>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly repo: MeshRepository) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.probe(), PROBE_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  rttMs(name: string): number | null {
    return this.rtt.get(name) ?? null;
  }

  async probe(): Promise<void> {
    const self = this.repo.self();
    if (!self?.desiredUp) return;
    const others = this.repo.members().filter((m) => m.name !== self.nodeName);
    await Promise.all(
      others.map(async (m) => {
        const ms = await tcpRoundTripMs(m.meshIp, self.peerApiPort);
        this.rtt.set(m.name, ms === null ? null : Math.round(ms * 100) / 100);
      }),
    );
  }
}
