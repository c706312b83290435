import type { CliArgs } from '../args';
import { CliError } from '../agent-session';
import { command, printJson, type Command } from '../command-context';
import { table } from '../format';
import type { Messages } from '../i18n';

const show = command([], [], async ({ m, out, json, api }) => {
  const config = await api((c) => c.GET('/api/v1/cluster/config'));
  if (json) return printJson(out, config);
  const s = config.settings;
  out(table([[m.config.generation, String(config.generation)], ['token', `${s.tokenMs} ms`], ['token_coefficient', `${s.tokenCoefficientMs} ms`], ['fence_startup_grace', `${s.fenceStartupGraceMs} ms`], ['fence_min_delay', `${s.fenceMinDelayMs} ms`], ['fence_storm_limit', `${s.fenceStormLimit} / 5 min`]]));
});

const set = command([], ['token-ms', 'token-coefficient-ms', 'fence-startup-grace-ms', 'fence-min-delay-ms', 'fence-storm-limit'], async ({ m, out, options, json, api }) => {
  const number = (name: string) => {
    const text = options.values.get(name);
    if (text === undefined) return undefined;
    if (!/^\d+$/.test(text)) throw new CliError(m.config.notNumber(`--${name}`));
    return Number(text);
  };
  const body = {
    tokenMs: number('token-ms'),
    tokenCoefficientMs: number('token-coefficient-ms'),
    fenceStartupGraceMs: number('fence-startup-grace-ms'),
    fenceMinDelayMs: number('fence-min-delay-ms'),
    fenceStormLimit: number('fence-storm-limit'),
  };
  if (Object.values(body).every((v) => v === undefined)) throw new CliError(m.usage('config set [--token-ms MS] [--token-coefficient-ms MS] [--fence-startup-grace-ms MS] [--fence-min-delay-ms MS] [--fence-storm-limit N]'));
  const config = await api((c) => c.PUT('/api/v1/cluster/config/settings', { body }));
  if (json) return printJson(out, config);
  out(m.config.committed(config.generation));
});

const SUBCOMMANDS: Record<string, Command> = { show, set };

/** `sfha config show|set …`: the replicated cluster configuration. */
export async function configCommand(args: CliArgs, m: Messages, out: (text: string) => void): Promise<void> {
  const [sub, ...rest] = args.rest;
  const run = sub ? SUBCOMMANDS[sub] : undefined;
  if (!run) throw new CliError(sub ? m.unknownCommand(`config ${sub}`) : m.usage('config show|set'));
  await run({ ...args, rest }, m, out);
}
