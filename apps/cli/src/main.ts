import { ApiError } from '@sfha/contracts';
import { CliError } from './agent-session';
import { parseArgs } from './args';
import { COMMAND_TABLE } from './command-table';
import { MESSAGES } from './i18n';
import { resolveCommand } from './spec/dispatch';
import { commandHelp, groupUsage, helpText } from './spec/render';
import { CLI_VERSION } from './version';

const out = (text: string): void => {
  process.stdout.write(`${text}\n`);
};
const fail = (text: string, code: number): never => {
  process.stderr.write(`sfha: ${text}\n`);
  process.exit(code);
};

async function main(): Promise<void> {
  const parsed = parseArgs(process.argv.slice(2), process.env);
  if ('error' in parsed) return fail(parsed.error, 2);
  const { args } = parsed;
  const m = MESSAGES[args.lang];
  if (args.version) return out(CLI_VERSION);
  if (args.command === undefined) return args.help ? out(helpText(args.lang)) : fail(m.noCommand, 2);
  const found = resolveCommand([args.command, ...args.rest]);
  if ('unknown' in found) return fail(m.unknownCommand(found.unknown), 2);
  const words = 'group' in found ? found.group : found.key.split(' ');
  // `sfha --help mesh`, `sfha mesh --help`, `sfha stonith level -h`: that part of the help.
  if (args.help || [...args.rest].some((a) => a === '--help' || a === '-h')) return out(commandHelp(words, args.lang) ?? helpText(args.lang));
  if ('group' in found) return fail(m.usage(groupUsage(found.group)), 1);
  try {
    await COMMAND_TABLE[found.key]({ ...args, rest: found.rest }, m, out);
  } catch (error) {
    if (error instanceof CliError) return fail(error.message, 1);
    if (error instanceof ApiError) return fail(m.apiError(error.status, error.code, error.message), 1);
    throw error;
  }
}

// Never exit 0 without finishing: Node would if only unref'd timers were left.
const keepAlive = setInterval(() => undefined, 60_000);
void main().finally(() => clearInterval(keepAlive));
