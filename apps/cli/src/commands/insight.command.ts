import { readFileSync } from 'node:fs';
import { CliError } from '../agent-session';
import { command, printJson } from '../command-context';

/** Every value of a repeatable option (`--kill node1 --kill node2`, `--kill=node1`). */
function all(rest: readonly string[], name: string): string[] {
  return rest.flatMap((arg, i) => (arg === `--${name}` ? [rest[i + 1] ?? ''] : arg.startsWith(`--${name}=`) ? [arg.slice(name.length + 3)] : []));
}

/** `sfha why GROUP`: why it runs where it runs, or why it is stopped. */
export const whyCommand = command('why', async ({ args, out, options, json, usage, api }) => {
  const group = options.positional[0];
  if (!group || options.positional.length > 1) throw usage();
  const why = await api((c) => c.GET('/api/v1/resources/groups/{name}/why', { params: { path: { name: group } } }));
  if (json) return printJson(out, why);
  out(`${group}: ${why.text[args.lang]}`);
});

/** `sfha simulate [--kill NODE]… [--standby NODE]… [--move GROUP=NODE]… | --file SCENARIO`: what would happen, in order, with predicted times. */
export const simulateCommand = command('simulate', async ({ args, m, out, options, json, usage, api }) => {
  const [kill, standby, move] = [all(args.rest, 'kill'), all(args.rest, 'standby'), all(args.rest, 'move')];
  const file = options.values.get('file');
  if (options.positional.length > 0 || (!file && kill.length + standby.length + move.length === 0)) throw usage();
  let scenario: string | undefined;
  if (file) {
    try {
      scenario = readFileSync(file, 'utf8');
    } catch (error) {
      throw new CliError(m.insight.unreadable(file, (error as NodeJS.ErrnoException).code ?? (error as Error).message));
    }
  }
  const body = scenario !== undefined ? { scenario } : { kill, standby, move };
  const result = await api((c) => c.POST('/api/v1/ha/simulate', { body }));
  if (json) return printJson(out, result);
  if (result.scenario) {
    for (const s of result.scenario) {
      out(m.insight.scenarioStep(s.index, s.at, [...s.fences.map((f) => `fence ${f}`), ...s.proposals, ...s.actions].join('; ') || '—'));
      for (const miss of s.mismatches) out(`  ✗ ${miss}`);
    }
    const failed = result.scenario.some((s) => s.mismatches.length > 0);
    if (failed) throw new CliError(m.insight.scenarioFailed);
    return out(m.insight.scenarioOk);
  }
  if (result.steps.length === 0) return out(m.insight.nothing);
  for (const step of result.steps) out(`+${(step.atMs / 1000).toFixed(1).padStart(5)} s  ${step.text[args.lang]}`);
  const t = result.timings;
  if (t)
    out(m.insight.timings((t.detectionMs / 1000).toFixed(1), t.sources.detection ?? '', (t.fenceMs / 1000).toFixed(1), t.sources.fence ?? '', (t.startMs / 1000).toFixed(1), t.sources.start ?? ''));
});
