import { applyChange, type ClusterConfig } from '../cluster-config';
import { electLeader } from '../election';
import { decide } from './decide';
import { EMPTY_MEMORY, resourceKey, type FenceCapability, type FenceRecord, type MemberState, type Memory, type NodeReport, type Snapshot } from './snapshot';

/** A what-if event. */
export type SimulatedEvent = { kind: 'kill'; node: string } | { kind: 'standby'; node: string } | { kind: 'move'; group: string; node: string };

/** How long things take on this cluster (measured where it has history, else estimated), ms. */
export interface Timings {
  detectionMs: number;
  fenceMs: number;
  startMs: number;
  /** Where each figure comes from: 'measured' (this cluster's history) or 'estimated'. */
  sources: { detection: string; fence: string; start: string };
}

export interface SimulationInput {
  config: ClusterConfig;
  nodes: MemberState[];
  /** What each online node runs. */
  reports: Record<string, NodeReport | null>;
  fenceHistory: FenceRecord[];
  capabilities: Record<string, FenceCapability>;
  timings: Timings;
  /** Two-node cluster (one node alone is quorate). */
  twoNode: boolean;
}

export interface SimulatedStep {
  atMs: number;
  node: string;
  kind: 'left' | 'fence' | 'fence-refused' | 'assign' | 'start' | 'stop';
  text: { fr: string; en: string };
}

/** An event that names an unknown node or group, or cannot happen: names the field. */
export class SimulationError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

function check(input: SimulationInput, events: readonly SimulatedEvent[]): void {
  const names = input.nodes.map((n) => n.name);
  const online = input.nodes.filter((n) => n.online).map((n) => n.name);
  const groups = (input.config.groups ?? []).map((g) => g.name);
  if (events.length === 0) throw new SimulationError('events', 'nothing to simulate: give --kill, --standby or --move');
  events.forEach((e, i) => {
    const field = `events[${i}]`;
    if (!names.includes(e.node)) throw new SimulationError(`${field}.node`, `no member named ${e.node} (members: ${names.join(', ')})`);
    if (e.kind === 'kill' && !online.includes(e.node)) throw new SimulationError(`${field}.node`, `${e.node} is already out of the membership`);
    if (e.kind === 'standby' && (input.config.standby ?? []).includes(e.node)) throw new SimulationError(`${field}.node`, `${e.node} is already in standby`);
    if (e.kind === 'move') {
      if (!groups.includes(e.group)) throw new SimulationError(`${field}.group`, `no group named ${e.group}${groups.length > 0 ? ` (groups: ${groups.join(', ')})` : ''}`);
      if (!online.includes(e.node) || events.some((k) => k.kind === 'kill' && k.node === e.node)) throw new SimulationError(`${field}.node`, `${e.node} is not online: a group cannot move there`);
    }
  });
}

/**
 * What would happen, in order, if these events happened now: the same `decide` every node
 * runs, replayed round after round on a simulated cluster (fences succeed, starts succeed),
 * with the durations this cluster has measured. Pure.
 */
export function simulate(input: SimulationInput, events: readonly SimulatedEvent[], now: number): SimulatedStep[] {
  check(input, events);
  let config = input.config;
  const killed = events.filter((e) => e.kind === 'kill').map((e) => e.node);
  let online = input.nodes.filter((n) => n.online && !killed.includes(n.name)).map((n) => n.name);
  const running = new Map(input.nodes.map((n) => [n.name, structuredClone(input.reports[n.name]?.running ?? {})]));
  const memories = new Map<string, Memory>(
    input.nodes.map((n) => [
      n.name,
      {
        ...EMPTY_MEMORY,
        wasOnline: input.nodes.filter((m) => m.online).map((m) => m.name),
        started: Object.entries(running.get(n.name) ?? {}).flatMap(([g, rs]) =>
          Object.entries(rs)
            .filter(([, on]) => on)
            .map(([r]) => resourceKey(g, r)),
        ),
        applied: config.groups ?? [],
      },
    ]),
  );
  const history = [...input.fenceHistory];
  const steps: SimulatedStep[] = [];
  for (const e of events) {
    if (e.kind === 'standby') config = applyChange(config, { kind: 'standby', node: e.node, on: true });
    if (e.kind === 'move') config = applyChange(config, { kind: 'move', group: e.group, node: e.node });
  }
  let t = killed.length > 0 ? input.timings.detectionMs : 0;
  for (const node of killed) steps.push({ atMs: t, node, kind: 'left', text: { fr: `${node} quitte le cluster (détecté par Corosync)`, en: `${node} leaves the cluster (detected by Corosync)` } });
  for (let round = 0; round < 40; round++) {
    let changed = false;
    let roundMs = 0;
    const quorate = input.twoNode ? online.length >= 1 : online.length > input.nodes.length / 2;
    const standby = config.standby ?? [];
    const members = input.nodes.map((n) => ({ name: n.name, nodeId: n.nodeId, online: online.includes(n.name), ...(n.witness ? { witness: true } : {}) }));
    const leaderId = electLeader(
      members.map((m) => ({ ...m, standby: standby.includes(m.name) })),
      quorate,
    );
    const leader = members.find((m) => m.nodeId === leaderId)?.name ?? null;
    const reports: Record<string, NodeReport> = Object.fromEntries(online.map((n) => [n, { running: running.get(n) ?? {}, health: {} }]));
    for (const self of [...online].sort((a, b) => (a === leader ? -1 : b === leader ? 1 : 0))) {
      const mine = running.get(self) ?? {};
      const observed = Object.fromEntries((config.groups ?? []).map((g) => [g.name, Object.fromEntries(g.resources.map((r) => [r.name, mine[g.name]?.[r.name] ?? false]))]));
      const snapshot: Snapshot = {
        self,
        agentStartedAt: now - 3_600_000,
        membership: { quorate, leader, nodes: members },
        configCurrent: true,
        config,
        observed,
        retiredObserved: {},
        probes: {},
        reports,
        fenceHistory: history,
        capabilities: input.capabilities,
      };
      const d = decide(snapshot, memories.get(self) ?? EMPTY_MEMORY, now + t);
      memories.set(self, d.memory);
      let nodeMs = 0;
      for (const f of d.fences) {
        nodeMs += input.timings.fenceMs;
        history.push({ node: f.node, action: 'off', ok: true, at: now + t + nodeMs });
        steps.push({
          atMs: t + nodeMs,
          node: self,
          kind: 'fence',
          text: { fr: `${self} (leader) isole ${f.node} (fence off) : ${f.node} est parti en possédant des ressources`, en: `${self} (leader) fences ${f.node} (off): ${f.reason}` },
        });
        changed = true;
      }
      for (const e of d.events) {
        if (e.code !== 'fence.departed-not-fenced') continue;
        const { node, error } = e.params;
        steps.push({
          atMs: t,
          node: self,
          kind: 'fence-refused',
          text: { fr: `${node} ne peut pas être isolé : ses groupes restent arrêtés (${error})`, en: `${node} cannot be fenced: its groups stay stopped (${error})` },
        });
      }
      for (const p of d.proposals) {
        if (p.kind !== 'assign') continue;
        const before = config.assignments ?? {};
        config = applyChange(config, p);
        for (const [g, n] of Object.entries(p.assignments).filter(([g, n]) => (before[g] ?? null) !== n)) {
          steps.push({
            atMs: t + nodeMs,
            node: self,
            kind: 'assign',
            text: n
              ? { fr: `${g} est attribué à ${n}`, en: `${g} is assigned to ${n}` }
              : { fr: `${g} n'est attribué nulle part (il s'arrête d'abord là où il tourne)`, en: `${g} is assigned nowhere (it stops first where it runs)` },
          });
        }
        changed = true;
      }
      for (const a of d.actions) {
        if (a.kind === 'probe') continue;
        const on = a.kind !== 'stop';
        running.set(self, { ...(running.get(self) ?? {}), [a.group.name]: { ...(running.get(self)?.[a.group.name] ?? {}), [a.resource.name]: on } });
        nodeMs += on ? input.timings.startMs : 0;
        const key = resourceKey(a.group.name, a.resource.name);
        steps.push({
          atMs: t + nodeMs,
          node: self,
          kind: on ? 'start' : 'stop',
          text: on ? { fr: `${key} démarre sur ${self}`, en: `${key} starts on ${self}` } : { fr: `${key} s'arrête sur ${self}`, en: `${key} stops on ${self}` },
        });
        changed = true;
      }
      roundMs = Math.max(roundMs, nodeMs);
    }
    if (!changed) break;
    t += roundMs;
    online = online.filter((n) => !killed.includes(n));
  }
  return steps.sort((a, b) => a.atMs - b.atMs);
}
