import { Injectable } from '@nestjs/common';
import { explainGroup, parseScenario, replay, ScenarioError, simulate, SimulationError, summarize, type SimulatedEvent, type Timings } from '@sfha/ha';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';
import { EventsService } from '../events/events.service';
import { FencingService } from '../fencing/fencing.service';
import type { GroupWhyDto, SimulateDto, SimulationDto } from './dto/insight.dto';
import { ResourceEngine } from './resource-engine.service';

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** `sfha why` and `sfha simulate`: the scheduler's own functions on the live config (docs/architecture.md, "Scheduler"). */
@Injectable()
export class SchedulerInsight {
  constructor(
    private readonly engine: ResourceEngine,
    private readonly fencing: FencingService,
    private readonly events: EventsService,
  ) {}

  async why(group: string): Promise<GroupWhyDto> {
    const snapshot = await this.engine.inspect();
    if (!snapshot) throw new DomainError(ErrorCode.NoQuorum, 'this node is in no cluster yet');
    if (!(snapshot.config.groups ?? []).some((g) => g.name === group)) throw new DomainError(ErrorCode.NotFound, `no group named ${group}`);
    return explainGroup(snapshot, group);
  }

  async simulate(dto: SimulateDto): Promise<SimulationDto> {
    if (dto.scenario !== undefined) return this.replayScenario(dto);
    const events: SimulatedEvent[] = [
      ...(dto.kill ?? []).map((node) => ({ kind: 'kill' as const, node })),
      ...(dto.standby ?? []).map((node) => ({ kind: 'standby' as const, node })),
      ...(dto.move ?? []).map((m, i) => {
        const [group, node, extra] = m.split('=');
        if (!group || !node || extra !== undefined) throw new DomainError(ErrorCode.ValidationFailed, `move[${i}]: must be GROUP=NODE (got ${JSON.stringify(m)})`);
        return { kind: 'move' as const, group, node };
      }),
    ];
    const snapshot = await this.engine.inspect();
    if (!snapshot?.membership) throw new DomainError(ErrorCode.NoQuorum, 'this node is in no cluster yet');
    const timings = await this.timings(snapshot.config.settings.tokenMs);
    const nodes = snapshot.membership.nodes;
    try {
      const steps = simulate(
        { config: snapshot.config, nodes, reports: snapshot.reports ?? {}, fenceHistory: snapshot.fenceHistory ?? [], capabilities: snapshot.capabilities, timings, twoNode: nodes.length === 2 },
        events,
        Date.now(),
      );
      return { steps, timings };
    } catch (error) {
      if (error instanceof SimulationError) throw new DomainError(ErrorCode.ValidationFailed, error.message);
      throw error;
    }
  }

  private replayScenario(dto: SimulateDto): SimulationDto {
    if (dto.kill || dto.standby || dto.move) throw new DomainError(ErrorCode.ValidationFailed, 'scenario: give a scenario file or events on the live config, not both');
    try {
      const results = replay(parseScenario(dto.scenario ?? '', 'scenario'));
      return { steps: [], scenario: results.map((r) => ({ index: r.index, at: r.at, ...summarize(r.decision), mismatches: r.mismatches })) };
    } catch (error) {
      if (error instanceof ScenarioError) throw new DomainError(ErrorCode.ValidationFailed, error.message);
      throw error;
    }
  }

  /** This cluster's own history where it has one (fences, starts), else estimates; detection from the Corosync token. */
  private async timings(tokenMs: number): Promise<Timings & { fenceSamples: number; startSamples: number }> {
    const fences = (await this.fencing.clusterHistory()).filter((e) => e.ok && e.action !== 'on').map((e) => e.durationMs);
    const starts = this.events.list({ category: 'resource', limit: 500 }).flatMap((e) => (e.code === 'resource.started' && typeof e.params.ms === 'number' ? [e.params.ms] : []));
    return {
      // Corosync declares a node lost after the token timeout plus the consensus timeout (1.2 × token).
      detectionMs: Math.round(tokenMs * 2.2),
      fenceMs: fences.length > 0 ? median(fences) : 5_000,
      startMs: starts.length > 0 ? median(starts) : 500,
      fenceSamples: fences.length,
      startSamples: starts.length,
      sources: {
        detection: 'estimated (Corosync token + consensus)',
        fence: fences.length > 0 ? `measured (median of ${fences.length} fences)` : 'estimated (no fence yet)',
        start: starts.length > 0 ? `measured (median of ${starts.length} starts)` : 'estimated (no start yet)',
      },
    };
  }
}
