import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { existsSync } from 'node:fs';
import type { Executor } from '@sfha/exec';
import { COMPETING_UNITS, diagnose, type DoctorFacts, type PeerProbe, type WireGuardDriver } from '@sfha/mesh';
import { EXECUTOR } from '../exec/executor.provider';
import { MeshFacade } from '../mesh/mesh.facade';
import { WIREGUARD_DRIVER } from '../mesh/wireguard-driver.provider';
import { PeerApiServer } from '../peer/peer-api.server';
import { PEER_ROUTES } from '../peer/peer-routes';
import type { DoctorReportDto } from './dto/doctor.dto';
import { probeClock, probePath } from './doctor-probes';

/** Unauthenticated on the mesh-only listener: a clock is no secret, and a skewed one fails signatures. */
export const PEER_TIME_PATH = PEER_ROUTES.time.path;
const CLOCK_SAMPLE_EVERY_MS = 10_000;

interface ClockSample {
  offsetMs: number;
  at: number;
}

/**
 * `sfha doctor` (docs/architecture.md, "Doctor"): gathers what the pure `diagnose` needs.
 * Clock offsets are also sampled in the background, so a host whose tunnel has just broken
 * still learns how far its clock was off.
 */
@Injectable()
export class DoctorService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly clocks = new Map<string, ClockSample>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(EXECUTOR) private readonly exec: Executor,
    @Inject(WIREGUARD_DRIVER) private readonly wireguard: WireGuardDriver,
    private readonly mesh: MeshFacade,
    peerApi: PeerApiServer,
  ) {
    peerApi.serve(PEER_ROUTES.time, () => Promise.resolve({ body: { now: Date.now() } }));
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sampleClocks(), CLOCK_SAMPLE_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async report(): Promise<DoctorReportDto> {
    const at = new Date().toISOString();
    return { at, findings: diagnose(await this.facts()) };
  }

  private async facts(): Promise<DoctorFacts> {
    const [tools, wireguardGo, corosync, units, tunnel] = await Promise.all([
      this.installed('wg', ['--version']),
      this.installed('wireguard-go', ['--version']),
      this.corosyncVersion(),
      this.units(),
      this.tunnel(),
    ]);
    return {
      wireguard: { tools, kernelModule: existsSync('/sys/module/wireguard'), wireguardGo, interfaceUp: tunnel.up },
      corosync: { version: corosync },
      units,
      ...tunnel.facts,
    };
  }

  private async tunnel(): Promise<{ up: boolean; facts: Pick<DoctorFacts, 'member' | 'listenPort' | 'portBound' | 'peers'> }> {
    const self = this.mesh.self();
    if (!self?.desiredUp) return { up: false, facts: { member: false, listenPort: self?.listenPort ?? 0, portBound: false, peers: [] } };
    const before = await this.mesh.status();
    const portBound = before.up ? (await this.wireguard.dump(self.interface)).interface.listenPort === self.listenPort : false;
    const probes = await Promise.all(before.peers.map(async (p) => ({ name: p.name, path: await probePath(this.exec, p.meshIp), clock: await this.measureClock(p.name, p.meshIp, self.peerApiPort) })));
    const after = await this.mesh.status();
    const rx = (name: string, status: typeof before) => status.peers.find((p) => p.name === name)?.rxBytes ?? 0;
    const peers: PeerProbe[] = probes.map(({ name, path, clock }) => ({
      name,
      ...path,
      clockOffsetMs: clock?.offsetMs ?? null,
      clockMeasuredAgoSeconds: clock ? Math.round((Date.now() - clock.at) / 1000) : null,
      receivedDuringRun: rx(name, after) > rx(name, before),
    }));
    return { up: before.up, facts: { member: before.peers.length > 0, listenPort: self.listenPort, portBound, peers } };
  }

  /** Measures now; when the peer does not answer, the last sample taken in the background. */
  private async measureClock(name: string, meshIp: string, port: number): Promise<ClockSample | null> {
    const offsetMs = await probeClock(`http://${meshIp}:${port}${PEER_TIME_PATH}`);
    if (offsetMs === null) return this.clocks.get(name) ?? null;
    const sample = { offsetMs, at: Date.now() };
    this.clocks.set(name, sample);
    return sample;
  }

  private async sampleClocks(): Promise<void> {
    const self = this.mesh.self();
    if (!self?.desiredUp) return;
    await Promise.all((this.mesh.stateOrNull()?.members ?? []).filter((m) => m.name !== self.nodeName).map((m) => this.measureClock(m.name, m.meshIp, self.peerApiPort)));
  }

  private async installed(file: string, args: string[]): Promise<boolean> {
    try {
      await this.exec.run(file, args, { allowFailure: true, timeoutMs: 5_000 });
      return true;
    } catch {
      return false; // not found
    }
  }

  private async corosyncVersion(): Promise<string | null> {
    try {
      const result = await this.exec.run('corosync', ['-v'], { allowFailure: true, timeoutMs: 5_000 });
      return result.stdout.split('\n')[0]?.trim() || null;
    } catch {
      return null;
    }
  }

  /** Units that would fight the agent, where systemd runs (null elsewhere: nothing to compete). */
  private async units(): Promise<DoctorFacts['units']> {
    if (!existsSync('/run/systemd/system')) return null;
    return Promise.all(
      COMPETING_UNITS.map(async (name) => {
        const ask = async (verb: string) => {
          try {
            return (await this.exec.run('systemctl', [verb, name], { allowFailure: true, timeoutMs: 5_000 })).stdout.trim();
          } catch {
            return '';
          }
        };
        const [enabled, active] = await Promise.all([ask('is-enabled'), ask('is-active')]);
        return { name, enabled: enabled === 'enabled', active: active === 'active' };
      }),
    );
  }
}
