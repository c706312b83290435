import type { FenceDevice } from './cluster-config';
import type { WatchdogAdvert } from './watchdog';

/**
 * Fencing levels (like `pcs stonith level`): how a departed owner is fenced, in order. Its
 * devices first (the node's levels if the admin set them, else every device that names it,
 * by name), the watchdog last. Pure.
 */
export type FenceStep = { kind: 'device'; device: string } | { kind: 'watchdog'; timeoutMs: number };

/** node → device names, tried in this order. */
export type FenceLevels = Record<string, string[]>;

export function fenceSteps(node: string, devices: readonly FenceDevice[], levels: FenceLevels, watchdog: WatchdogAdvert | undefined): FenceStep[] {
  const fencing = devices.filter((d) => d.hostMap[node] !== undefined);
  const ordered = levels[node] ?? fencing.map((d) => d.name).sort();
  const steps: FenceStep[] = ordered.filter((name) => fencing.some((d) => d.name === name)).map((device) => ({ kind: 'device', device }));
  if (watchdog?.armed) steps.push({ kind: 'watchdog', timeoutMs: watchdog.timeoutMs });
  return steps;
}

/** Every problem of a node's levels, for one clear 400. Pure. */
export function fenceLevelProblems(node: string, levels: unknown, devices: readonly FenceDevice[], members: readonly string[]): string[] {
  if (!members.includes(node)) return [`no member named ${node} (members: ${members.join(', ')})`];
  if (!Array.isArray(levels) || levels.some((l) => typeof l !== 'string')) return ['levels must be a list of fence device names'];
  const problems: string[] = [];
  for (const name of levels as string[]) {
    const device = devices.find((d) => d.name === name);
    if (!device) problems.push(`no fence device named ${name} (devices: ${devices.map((d) => d.name).join(', ') || 'none'})`);
    else if (device.hostMap[node] === undefined) problems.push(`fence device ${name} cannot fence ${node} (its host map does not name it)`);
  }
  const twice = (levels as string[]).find((name, k) => (levels as string[]).indexOf(name) !== k);
  if (twice) problems.push(`${twice} is listed twice`);
  return problems;
}

/** Where the watchdog rule stands for a departed owner, once its devices failed or it has none. */
export type WatchdogFence = { state: 'fenced'; waitedMs: number } | { state: 'waiting'; remainingMs: number } | { state: 'unavailable'; why: string };

/**
 * sbd's rule: a departed owner that had advertised an armed watchdog counts as fenced once
 * 2 × its watchdog timeout has passed since it left. By then it has either reset, or it runs
 * nothing (it lost quorum and stopped, or its loop hung and its watchdog fired). Never for a
 * node that did not advertise an armed watchdog. Pure.
 */
export function watchdogFence(input: { leftAt: number; now: number; advert: WatchdogAdvert | undefined }): WatchdogFence {
  const { advert } = input;
  if (!advert?.armed) return { state: 'unavailable', why: 'no armed watchdog advertised' };
  const waitMs = 2 * advert.timeoutMs;
  const elapsed = input.now - input.leftAt;
  return elapsed >= waitMs ? { state: 'fenced', waitedMs: elapsed } : { state: 'waiting', remainingMs: waitMs - elapsed };
}

/** Why a departed owner's groups stay stopped, in the words of `sfha status` and the overview. */
export function unfenceableReason(node: string, steps: readonly FenceStep[]): string | null {
  if (steps.length > 0) return null;
  return `${node} has no fence device and no armed watchdog: its groups stay stopped until it comes back (configure a fence device, or a watchdog)`;
}

/** What the leader does next about a departed owner. */
export type FenceNext = { kind: 'try-device'; device: string } | { kind: 'fenced-by-watchdog'; waitedMs: number } | { kind: 'wait-watchdog'; remainingMs: number } | { kind: 'stuck'; why: string };

/**
 * The levels walked in order: the first device not yet tried this round; once every device
 * failed (or there is none), the watchdog rule; without an armed watchdog, stuck (the groups
 * stay stopped). A device that confirms the fence ends the walk (the caller stops there). Pure.
 */
export function nextFenceStep(input: { node: string; steps: readonly FenceStep[]; failed: readonly string[]; leftAt: number; now: number }): FenceNext {
  const device = input.steps.find((s): s is Extract<FenceStep, { kind: 'device' }> => s.kind === 'device' && !input.failed.includes(s.device));
  if (device) return { kind: 'try-device', device: device.device };
  const watchdog = input.steps.find((s): s is Extract<FenceStep, { kind: 'watchdog' }> => s.kind === 'watchdog');
  const tried = input.steps.length > 0 && !watchdog ? `every fence device of ${input.node} failed (${input.failed.join(', ')}) and it has no armed watchdog` : null;
  if (!watchdog) return { kind: 'stuck', why: tried ?? unfenceableReason(input.node, input.steps) ?? '' };
  const verdict = watchdogFence({ leftAt: input.leftAt, now: input.now, advert: { armed: true, timeoutMs: watchdog.timeoutMs, device: '' } });
  if (verdict.state === 'fenced') return { kind: 'fenced-by-watchdog', waitedMs: verdict.waitedMs };
  return verdict.state === 'waiting' ? { kind: 'wait-watchdog', remainingMs: verdict.remainingMs } : { kind: 'stuck', why: verdict.why };
}
