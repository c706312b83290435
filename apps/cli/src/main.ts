import { ApiError } from '@sfha/contracts';
import { CliError } from './agent-session';
import { parseArgs, type CliArgs } from './args';
import { initCommand, joinCommand } from './commands/cluster.command';
import { eventsCommand } from './commands/events.command';
import { failoverCommand, maintenanceCommand, standbyCommand, unstandbyCommand } from './commands/admin.command';
import { configCommand } from './commands/config.command';
import { constraintsCommand } from './commands/constraints.command';
import { healthCommand, resourcesCommand } from './commands/resources.command';
import { stonithCommand } from './commands/stonith.command';
import { meshCommand } from './commands/mesh.command';
import { statusCommand } from './commands/status.command';
import { MESSAGES, type Messages } from './i18n';

const VERSION = '0.1.0';
type Command = (args: CliArgs, m: Messages, out: (text: string) => void) => Promise<void>;
const COMMANDS: Record<string, Command> = {
  status: statusCommand,
  init: initCommand,
  join: joinCommand,
  mesh: meshCommand,
  config: configCommand,
  stonith: stonithCommand,
  resources: resourcesCommand,
  health: healthCommand,
  constraints: constraintsCommand,
  events: eventsCommand,
  failover: failoverCommand,
  standby: standbyCommand,
  unstandby: unstandbyCommand,
  maintenance: maintenanceCommand,
};

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
  if (args.version) return out(VERSION);
  if (args.help || args.command === 'help') return out(m.help);
  if (args.command === undefined) return fail(m.noCommand, 2);
  const command = COMMANDS[args.command];
  if (!command) return fail(m.unknownCommand(args.command), 2);
  try {
    await command(args, m, out);
  } catch (error) {
    if (error instanceof CliError) return fail(error.message, 1);
    if (error instanceof ApiError) return fail(m.apiError(error.status, error.code, error.message), 1);
    throw error;
  }
}

// Never exit 0 without finishing: Node would if only unref'd timers were left.
const keepAlive = setInterval(() => undefined, 60_000);
void main().finally(() => clearInterval(keepAlive));
