import { applyChange, type ClusterConfig, type ConfigChange } from '../cluster-config';
import { electLeader } from '../election';
import type { Observed } from '../local-plan';
import { retiredKey } from '../retired-resources';
import { decide } from './decide';
import { fenceCapabilities } from './leader';
import { pendingRetired } from './local';
import { localReport } from './outcomes';
import type { Scenario, ScenarioExpectation, ScenarioStep } from './scenario';
import { EMPTY_MEMORY, resourceKey, type Action, type Decision, type FenceRecord, type Memory, type NodeReport, type Snapshot } from './snapshot';

/** Scenario time 0, in ms. */
export const SCENARIO_EPOCH = Date.parse('2026-01-01T00:00:00Z');

/** A decision in the words of scenario files. */
export interface DecisionSummary {
  actions: string[];
  fences: string[];
  proposals: string[];
  events: string[];
}

export function describeAction(a: Action): string {
  return `${a.kind} ${resourceKey(a.group.name, a.resource.name)}`;
}

export function describeProposal(p: ConfigChange): string {
  if (p.kind === 'assign')
    return `assign ${Object.keys(p.assignments)
      .sort()
      .map((g) => `${g}=${p.assignments[g] ?? 'nowhere'}`)
      .join(' ')}`;
  if (p.kind === 'ban') return `ban ${p.group} ${p.node}`;
  return `${p.kind} ${JSON.stringify(p)}`;
}

export function summarize(d: Decision): DecisionSummary {
  return { actions: d.actions.map(describeAction), fences: d.fences.map((f) => f.node), proposals: d.proposals.map(describeProposal), events: d.events.map((e) => e.code) };
}

/** One replayed step: what was decided, and where it differs from what the file expects. */
export interface StepResult {
  index: number;
  at: number;
  decision: Decision;
  summary: DecisionSummary;
  mismatches: string[];
}

function reportOf(raw: Record<string, Record<string, boolean | 'healthy' | 'unhealthy'>>): NodeReport {
  const running: NodeReport['running'] = {};
  const health: NodeReport['health'] = {};
  for (const [g, rs] of Object.entries(raw)) {
    running[g] = Object.fromEntries(Object.entries(rs).map(([n, s]) => [n, s !== false]));
    health[g] = Object.fromEntries(Object.entries(rs).map(([n, s]) => [n, { status: typeof s === 'string' ? s : 'not-checked', detail: '', restarts: 0 }]));
  }
  return { running, health };
}

/**
 * Replays a scenario as the engine would live: each step changes the world, the scheduler
 * decides (again, with what it wants, when it asks), and the decisions take effect — starts
 * and stops change what runs here, proposals are committed, fences join the history — unless
 * the step says otherwise (`failing`, `fenceFails`, `commit: false`).
 */
export function replay(scenario: Scenario): StepResult[] {
  let config: ClusterConfig = scenario.config;
  let memory: Memory = EMPTY_MEMORY;
  let online = scenario.nodes;
  let running: Record<string, Record<string, Observed>> = {};
  const retiredRunning = new Map<string, Observed>();
  const reports: Record<string, NodeReport | null> = {};
  const history: FenceRecord[] = [];
  const results: StepResult[] = [];
  scenario.steps.forEach((step: ScenarioStep, index) => {
    const now = SCENARIO_EPOCH + step.at * 1000;
    if (step.config) config = { ...config, ...step.config };
    if (step.online) online = step.online;
    if (step.running) running = { ...running, ...step.running };
    for (const [node, raw] of Object.entries(step.reports ?? {})) reports[node] = raw === null ? null : reportOf(raw);
    history.push(...(step.fences ?? []).map((f) => ({ ...f, at: SCENARIO_EPOCH + f.at })));
    const standby = config.standby ?? [];
    const quorate = step.quorate ?? (scenario.twoNode ? online.length >= 1 : online.length > scenario.nodes.length / 2);
    const members = scenario.nodes.map((name, i) => ({ name, nodeId: i + 1, online: online.includes(name), ...(scenario.witnesses.includes(name) ? { witness: true } : {}) }));
    const leaderId = electLeader(
      members.map((m) => ({ ...m, standby: standby.includes(m.name) })),
      quorate,
    );
    const observed: Snapshot['observed'] = {};
    for (const g of config.groups ?? []) observed[g.name] = Object.fromEntries(g.resources.map((r) => [r.name, running[g.name]?.[r.name] ?? false]));
    const retiredObserved = Object.fromEntries(
      pendingRetired(memory, config.groups ?? []).flatMap((g) => g.resources.map((r) => [retiredKey(g.name, r), retiredRunning.get(retiredKey(g.name, r)) ?? true])),
    );
    const snapshot: Snapshot = {
      self: scenario.self,
      agentStartedAt: SCENARIO_EPOCH + scenario.started * 1000,
      membership: { quorate, leader: step.leader !== undefined ? step.leader : (members.find((m) => m.nodeId === leaderId)?.name ?? null), nodes: members },
      configCurrent: step.configCurrent ?? true,
      config,
      observed,
      retiredObserved,
      probes: Object.fromEntries(Object.entries(step.probes ?? {}).map(([k, v]) => [k, { ok: v === 'ok', detail: v }])),
      capabilities: fenceCapabilities(
        { ...config, fenceDevices: [{ name: 'lab', kind: 'agent', agent: 'fence_lab', params: {}, timeoutSeconds: 10, hostMap: Object.fromEntries(scenario.devices.map((n) => [n, n])) }] },
        scenario.nodes,
      ),
    };
    let decision = decide(snapshot, memory, now);
    for (let again = 0; again < 2 && (decision.wants.reports.length > 0 || decision.wants.fenceHistory); again++) {
      const self = localReport(Object.fromEntries(Object.entries(observed).map(([g, rs]) => [g, Object.fromEntries(Object.entries(rs).map(([n, s]) => [n, s !== false]))])), memory, now);
      snapshot.reports = Object.fromEntries(online.map((n) => [n, n === scenario.self ? self : reports[n] === undefined ? { running: {}, health: {} } : reports[n]]));
      snapshot.fenceHistory = [...history];
      decision = decide(snapshot, memory, now);
    }
    memory = decision.memory;
    const summary = summarize(decision);
    results.push({ index, at: step.at, decision, summary, mismatches: compare(step.expect, summary) });
    // The world after the decisions.
    for (const a of decision.actions) {
      const ok = !step.failing.includes(resourceKey(a.group.name, a.resource.name));
      if (a.kind === 'stop' && a.why === 'removed') retiredRunning.set(retiredKey(a.group.name, a.resource), false);
      else if (a.kind === 'stop') running = { ...running, [a.group.name]: { ...running[a.group.name], [a.resource.name]: false } };
      else if (a.kind === 'start' || a.kind === 'restart') running = { ...running, [a.group.name]: { ...running[a.group.name], [a.resource.name]: ok } };
    }
    history.push(...decision.fences.map((f) => ({ node: f.node, action: 'off' as const, ok: !step.fenceFails.includes(f.node), at: now })));
    if (step.commit) for (const p of decision.proposals) config = applyChange(config, p);
  });
  return results;
}

function compare(expect: ScenarioExpectation, got: DecisionSummary): string[] {
  const problems: string[] = [];
  for (const key of ['actions', 'fences', 'proposals', 'events'] as const) {
    const want = expect[key];
    if (want && JSON.stringify(want) !== JSON.stringify(got[key])) problems.push(`${key}: expected ${JSON.stringify(want)}, decided ${JSON.stringify(got[key])}`);
  }
  return problems;
}
