import { unwrap, type ApiClient } from '@sfha/contracts';
import type { CliArgs } from './args';
import { CliError, openLocalSession, reaching } from './agent-session';
import type { Messages } from './i18n';
import { parseOptions, type ParsedOptions } from './options';
import { COMMAND_SPECS, type CommandKey, type CommandSpec } from './spec/command-spec';
import { usageText } from './spec/render';

/** What every command gets: its options, the admin session on the local agent, output. */
export interface CommandContext {
  args: CliArgs;
  m: Messages;
  out: (text: string) => void;
  options: ParsedOptions;
  json: boolean;
  /** The error to throw when the arguments do not fit: the command's usage from the spec, in the chosen language. */
  usage: () => CliError;
  /** Calls the local agent as admin; network failures become clear errors. */
  api: <T>(call: (client: ApiClient) => Promise<{ data?: T; error?: unknown; response: Response }>) => Promise<T>;
}

export type Command = (args: CliArgs, m: Messages, out: (text: string) => void) => Promise<void>;

/** Builds the command `key` of the spec from its body: the options it takes are the spec's (`--json` always). */
export function command(key: CommandKey, body: (ctx: CommandContext) => Promise<void>): Command {
  const spec: CommandSpec = COMMAND_SPECS[key];
  const [flags, valued] = [spec.flags ?? [], spec.valued ?? []];
  return async (args, m, out) => {
    const parsed = parseOptions(args.rest, [...flags, 'json'], valued);
    if (!parsed.ok) throw new CliError(parsed.problem === 'unknown' ? m.unknownOption(parsed.option) : m.missingValue(parsed.option));
    let session: Awaited<ReturnType<typeof openLocalSession>> | null = null;
    const api: CommandContext['api'] = async (call) => {
      session ??= await openLocalSession({ dataDir: args.dataDir, ...(args.url ? { url: args.url } : {}) }, m);
      const { client, url } = session;
      return reaching(url, m, async () => unwrap(await call(client)));
    };
    const usage = () => new CliError(m.usage(usageText(key, args.lang)));
    await body({ args, m, out, options: parsed.options, json: args.json || parsed.options.flags.has('json'), usage, api });
  };
}

export function printJson(out: (text: string) => void, value: unknown): void {
  out(JSON.stringify(value, null, 2));
}
