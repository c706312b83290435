import { unwrap, type ApiClient } from '@sfha/contracts';
import type { CliArgs } from './args';
import { CliError, openLocalSession, reaching } from './agent-session';
import type { Messages } from './i18n';
import { parseOptions, type ParsedOptions } from './options';

/** What every command gets: its options, the admin session on the local agent, output. */
export interface CommandContext {
  args: CliArgs;
  m: Messages;
  out: (text: string) => void;
  options: ParsedOptions;
  json: boolean;
  /** Calls the local agent as admin; network failures become clear errors. */
  api: <T>(call: (client: ApiClient) => Promise<{ data?: T; error?: unknown; response: Response }>) => Promise<T>;
}

export type Command = (args: CliArgs, m: Messages, out: (text: string) => void) => Promise<void>;

/** Builds a command from its option spec and body. `--json` is always accepted. */
export function command(flags: readonly string[], valued: readonly string[], body: (ctx: CommandContext) => Promise<void>): Command {
  return async (args, m, out) => {
    const parsed = parseOptions(args.rest, [...flags, 'json'], valued);
    if (!parsed.ok) throw new CliError(parsed.problem === 'unknown' ? m.unknownOption(parsed.option) : m.missingValue(parsed.option));
    let session: Awaited<ReturnType<typeof openLocalSession>> | null = null;
    const api: CommandContext['api'] = async (call) => {
      session ??= await openLocalSession({ dataDir: args.dataDir, ...(args.url ? { url: args.url } : {}) }, m);
      const { client, url } = session;
      return reaching(url, m, async () => unwrap(await call(client)));
    };
    await body({ args, m, out, options: parsed.options, json: args.json || parsed.options.flags.has('json'), api });
  };
}

export function printJson(out: (text: string) => void, value: unknown): void {
  out(JSON.stringify(value, null, 2));
}
