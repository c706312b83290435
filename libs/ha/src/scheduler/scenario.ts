import { parse } from 'yaml';
import { DEFAULT_CLUSTER_CONFIG, type ClusterConfig } from '../cluster-config';
import type { Observed } from '../local-plan';
import type { Resource, ResourceGroup } from '../resources';
import type { FenceRecord } from './snapshot';

/**
 * A scenario file (docs/architecture.md, "Scenario files"): a cluster seen from one node,
 * and a sequence of steps, each a change of the world and what the scheduler must decide.
 */
export interface Scenario {
  description: string;
  self: string;
  /** Members, in node-id order (node ids 1, 2, 3…). */
  nodes: string[];
  /** When this agent started, seconds relative to the first step. */
  started: number;
  /** Nodes a fence device can fence. */
  devices: string[];
  /** Witness members: they vote and never run groups (witness.ts). */
  witnesses: string[];
  /** Two-node cluster: one node alone is quorate (Corosync two_node). */
  twoNode: boolean;
  config: ClusterConfig;
  steps: ScenarioStep[];
}

/** What another node reports of a resource: running (true), stopped (false), or running with this health. */
export type ReportedState = boolean | 'healthy' | 'unhealthy';

export interface ScenarioStep {
  at: number;
  online?: string[];
  quorate?: boolean;
  leader?: string | null;
  configCurrent?: boolean;
  config?: Partial<ClusterConfig>;
  /** Proposals of this step are committed before the next one (default true). */
  commit: boolean;
  running?: Record<string, Record<string, Observed>>;
  reports?: Record<string, Record<string, Record<string, ReportedState>> | null>;
  probes?: Record<string, string>;
  fences?: FenceRecord[];
  /** Fences this node orders in this step and that fail. */
  fenceFails: string[];
  /** `group/resource` whose start (or restart) fails in this step. */
  failing: string[];
  expect: ScenarioExpectation;
}

export interface ScenarioExpectation {
  actions?: string[];
  fences?: string[];
  proposals?: string[];
  events?: string[];
}

/** A scenario that does not parse: names the file and the field. */
export class ScenarioError extends Error {}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

class Reader {
  constructor(readonly path: string) {}
  fail(field: string, problem: string): never {
    throw new ScenarioError(`${this.path}: ${field}: ${problem}`);
  }
  object(v: unknown, field: string): Json {
    return isObject(v) ? v : this.fail(field, 'must be a mapping');
  }
  string(v: unknown, field: string): string {
    return typeof v === 'string' && v !== '' ? v : this.fail(field, 'must be a non-empty string');
  }
  number(v: unknown, field: string): number {
    return typeof v === 'number' && Number.isFinite(v) ? v : this.fail(field, 'must be a number');
  }
  bool(v: unknown, field: string): boolean {
    return typeof v === 'boolean' ? v : this.fail(field, 'must be true or false');
  }
  strings(v: unknown, field: string): string[] {
    if (!Array.isArray(v)) this.fail(field, 'must be a list');
    return v.map((s, i) => this.string(s, `${field}[${i}]`));
  }
  known(o: Json, field: string, keys: readonly string[]): void {
    const extra = Object.keys(o).filter((k) => !keys.includes(k));
    if (extra.length > 0) this.fail(`${field}.${extra[0]}`, `unknown field (expected one of: ${keys.join(', ')})`);
  }
}

const HEALTH_DEFAULTS = { intervalMs: 2_000, timeoutMs: 1_000, failuresBeforeUnhealthy: 2, successesBeforeHealthy: 1 };

function resource(r: Reader, v: unknown, field: string, index: number): Resource {
  const o = r.object(v, field);
  const name = r.string(o.name, `${field}.name`);
  const health = o.health === undefined ? {} : { health: { ...HEALTH_DEFAULTS, ...r.object(o.health, `${field}.health`) } };
  switch (o.kind) {
    case 'vip':
      return { kind: 'vip', name, address: typeof o.address === 'string' ? o.address : `192.0.2.${100 + index}/24`, interface: typeof o.interface === 'string' ? o.interface : 'eth0' };
    case 'process':
      return { kind: 'process', name, command: o.command === undefined ? ['sleep', 'infinity'] : r.strings(o.command, `${field}.command`), ...health } as Resource;
    case 'systemd':
      return { kind: 'systemd', name, unit: typeof o.unit === 'string' ? o.unit : `${name}.service`, ...health } as Resource;
    default:
      return r.fail(`${field}.kind`, 'must be vip, process or systemd');
  }
}

let vipIndex = 0;
function group(r: Reader, v: unknown, field: string): ResourceGroup {
  const o = r.object(v, field);
  r.known(o, field, ['name', 'resources', 'preferredNode', 'sticky', 'restart']);
  if (!Array.isArray(o.resources) || o.resources.length === 0) r.fail(`${field}.resources`, 'must be a non-empty list');
  return {
    name: r.string(o.name, `${field}.name`),
    resources: o.resources.map((x, i) => resource(r, x, `${field}.resources[${i}]`, vipIndex++)),
    preferredNode: o.preferredNode === undefined || o.preferredNode === null ? null : r.string(o.preferredNode, `${field}.preferredNode`),
    sticky: o.sticky === undefined ? true : r.bool(o.sticky, `${field}.sticky`),
    ...(o.restart === undefined
      ? {}
      : {
          restart: {
            maxRestarts: r.number(r.object(o.restart, `${field}.restart`).maxRestarts, `${field}.restart.maxRestarts`),
            windowMs: r.number((o.restart as Json).windowMs ?? 300_000, `${field}.restart.windowMs`),
          },
        }),
  };
}

const CONFIG_KEYS = ['settings', 'groups', 'assignments', 'moves', 'standby', 'frozen', 'bans', 'maintenance', 'constraints', 'watchdogs'] as const;

function config(r: Reader, v: unknown, field: string): Partial<ClusterConfig> {
  const o = r.object(v, field);
  r.known(o, field, CONFIG_KEYS);
  const out: Partial<ClusterConfig> = {};
  if (o.settings !== undefined) out.settings = { ...DEFAULT_CLUSTER_CONFIG.settings, ...(r.object(o.settings, `${field}.settings`) as Partial<ClusterConfig['settings']>) };
  if (o.groups !== undefined) {
    if (!Array.isArray(o.groups)) r.fail(`${field}.groups`, 'must be a list');
    out.groups = o.groups.map((g, i) => group(r, g, `${field}.groups[${i}]`));
  }
  if (o.assignments !== undefined)
    out.assignments = Object.fromEntries(Object.entries(r.object(o.assignments, `${field}.assignments`)).map(([g, n]) => [g, n === null ? null : r.string(n, `${field}.assignments.${g}`)]));
  if (o.moves !== undefined) out.moves = Object.fromEntries(Object.entries(r.object(o.moves, `${field}.moves`)).map(([g, n]) => [g, r.string(n, `${field}.moves.${g}`)]));
  if (o.standby !== undefined) out.standby = r.strings(o.standby, `${field}.standby`);
  if (o.frozen !== undefined) out.frozen = r.strings(o.frozen, `${field}.frozen`);
  if (o.bans !== undefined) out.bans = Object.fromEntries(Object.entries(r.object(o.bans, `${field}.bans`)).map(([g, n]) => [g, r.strings(n, `${field}.bans.${g}`)]));
  if (o.watchdogs !== undefined) {
    out.watchdogs = Object.fromEntries(
      Object.entries(r.object(o.watchdogs, `${field}.watchdogs`)).map(([n, w]) => {
        const x = r.object(w, `${field}.watchdogs.${n}`);
        return [n, { armed: r.bool(x.armed, `${field}.watchdogs.${n}.armed`), timeoutMs: r.number(x.timeoutMs, `${field}.watchdogs.${n}.timeoutMs`), device: '/dev/watchdog' }];
      }),
    );
  }
  if (o.maintenance !== undefined) out.maintenance = r.bool(o.maintenance, `${field}.maintenance`);
  if (o.constraints !== undefined) {
    if (!Array.isArray(o.constraints)) r.fail(`${field}.constraints`, 'must be a list');
    out.constraints = o.constraints.map((c, i) => {
      const x = r.object(c, `${field}.constraints[${i}]`);
      if (x.kind === 'order') return { kind: 'order', first: r.string(x.first, `${field}.constraints[${i}].first`), then: r.string(x.then, `${field}.constraints[${i}].then`) };
      if (x.kind === 'colocation' || x.kind === 'anti-colocation')
        return { kind: x.kind, group: r.string(x.group, `${field}.constraints[${i}].group`), with: r.string(x.with, `${field}.constraints[${i}].with`) };
      return r.fail(`${field}.constraints[${i}].kind`, 'must be colocation, anti-colocation or order');
    });
  }
  return out;
}

const STEP_KEYS = ['at', 'online', 'quorate', 'leader', 'configCurrent', 'config', 'commit', 'running', 'reports', 'probes', 'fences', 'fenceFails', 'failing', 'expect', 'note'] as const;

function nested<T>(r: Reader, v: unknown, field: string, leaf: (x: unknown, f: string) => T): Record<string, Record<string, T>> {
  return Object.fromEntries(
    Object.entries(r.object(v, field)).map(([g, rs]) => [g, Object.fromEntries(Object.entries(r.object(rs, `${field}.${g}`)).map(([n, x]) => [n, leaf(x, `${field}.${g}.${n}`)]))]),
  );
}

function step(r: Reader, v: unknown, field: string, nodes: readonly string[]): ScenarioStep {
  const o = r.object(v, field);
  r.known(o, field, STEP_KEYS);
  const node = (n: string, f: string) => (nodes.includes(n) ? n : r.fail(f, `${n} is not one of the nodes (${nodes.join(', ')})`));
  const e = o.expect === undefined ? {} : r.object(o.expect, `${field}.expect`);
  r.known(e, `${field}.expect`, ['actions', 'fences', 'proposals', 'events']);
  const expect: ScenarioExpectation = {};
  for (const k of ['actions', 'fences', 'proposals', 'events'] as const) if (e[k] !== undefined) expect[k] = e[k] === null ? [] : r.strings(e[k], `${field}.expect.${k}`);
  if (Object.keys(expect).length === 0) r.fail(`${field}.expect`, 'every step must expect something (actions, fences, proposals or events)');
  const observed = (x: unknown, f: string): Observed => (x === true || x === false || x === 'unknown' ? x : r.fail(f, 'must be true, false or unknown'));
  const reported = (x: unknown, f: string): ReportedState => (x === true || x === false || x === 'healthy' || x === 'unhealthy' ? x : r.fail(f, 'must be true, false, healthy or unhealthy'));
  return {
    at: r.number(o.at, `${field}.at`),
    ...(o.online === undefined ? {} : { online: r.strings(o.online, `${field}.online`).map((n, i) => node(n, `${field}.online[${i}]`)) }),
    ...(o.quorate === undefined ? {} : { quorate: r.bool(o.quorate, `${field}.quorate`) }),
    ...(o.leader === undefined ? {} : { leader: o.leader === null ? null : node(r.string(o.leader, `${field}.leader`), `${field}.leader`) }),
    ...(o.configCurrent === undefined ? {} : { configCurrent: r.bool(o.configCurrent, `${field}.configCurrent`) }),
    ...(o.config === undefined ? {} : { config: config(r, o.config, `${field}.config`) }),
    commit: o.commit === undefined ? true : r.bool(o.commit, `${field}.commit`),
    ...(o.running === undefined ? {} : { running: nested(r, o.running, `${field}.running`, observed) }),
    ...(o.reports === undefined
      ? {}
      : {
          reports: Object.fromEntries(
            Object.entries(r.object(o.reports, `${field}.reports`)).map(([n, x]) => [node(n, `${field}.reports.${n}`), x === null ? null : nested(r, x, `${field}.reports.${n}`, reported)]),
          ),
        }),
    ...(o.probes === undefined ? {} : { probes: Object.fromEntries(Object.entries(r.object(o.probes, `${field}.probes`)).map(([k, x]) => [k, r.string(x, `${field}.probes.${k}`)])) }),
    ...(o.fences === undefined
      ? {}
      : {
          fences: (Array.isArray(o.fences) ? o.fences : r.fail(`${field}.fences`, 'must be a list')).map((f, i) => {
            const x = r.object(f, `${field}.fences[${i}]`);
            const action = x.action ?? 'off';
            if (action !== 'off' && action !== 'reboot' && action !== 'on') r.fail(`${field}.fences[${i}].action`, 'must be off, reboot or on');
            return {
              node: node(r.string(x.node, `${field}.fences[${i}].node`), `${field}.fences[${i}].node`),
              action,
              ok: x.ok === undefined ? true : r.bool(x.ok, `${field}.fences[${i}].ok`),
              at: r.number(x.at, `${field}.fences[${i}].at`) * 1000,
            };
          }),
        }),
    fenceFails: o.fenceFails === undefined ? [] : r.strings(o.fenceFails, `${field}.fenceFails`),
    failing: o.failing === undefined ? [] : r.strings(o.failing, `${field}.failing`),
    expect,
  };
}

/** Parses a scenario file's text; a problem names the file and the field. */
export function parseScenario(text: string, path = 'scenario'): Scenario {
  const r: Reader = new Reader(path);
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    throw new ScenarioError(`${path}: not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const o = r.object(doc, '(top)');
  r.known(o, '(top)', ['description', 'self', 'nodes', 'witnesses', 'started', 'devices', 'twoNode', 'config', 'steps']);
  const nodes = r.strings(o.nodes, 'nodes');
  if (nodes.length === 0) r.fail('nodes', 'must name at least one node');
  const self = r.string(o.self, 'self');
  if (!nodes.includes(self)) r.fail('self', `${self} is not one of the nodes (${nodes.join(', ')})`);
  if (!Array.isArray(o.steps) || o.steps.length === 0) r.fail('steps', 'must be a non-empty list');
  for (const w of o.witnesses === undefined ? [] : r.strings(o.witnesses, 'witnesses')) if (!nodes.includes(w)) r.fail('witnesses', `${w} is not one of the nodes (${nodes.join(', ')})`);
  vipIndex = 0;
  const scenario: Scenario = {
    description: r.string(o.description, 'description'),
    self,
    nodes,
    started: o.started === undefined ? -3600 : r.number(o.started, 'started'),
    devices: o.devices === undefined ? nodes : r.strings(o.devices, 'devices'),
    witnesses: o.witnesses === undefined ? [] : r.strings(o.witnesses, 'witnesses'),
    twoNode: o.twoNode === undefined ? nodes.length === 2 : r.bool(o.twoNode, 'twoNode'),
    config: { ...DEFAULT_CLUSTER_CONFIG, ...(o.config === undefined ? {} : config(r, o.config, 'config')) },
    steps: o.steps.map((s, i) => step(r, s, `steps[${i}]`, nodes)),
  };
  scenario.steps.forEach((s, i) => {
    if (i > 0 && s.at < (scenario.steps[i - 1] as ScenarioStep).at) r.fail(`steps[${i}].at`, 'steps must not go back in time');
  });
  return scenario;
}
