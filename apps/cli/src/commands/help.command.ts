import { CliError } from '../agent-session';
import type { CliArgs } from '../args';
import type { Messages } from '../i18n';
import { bashCompletion } from '../spec/completion';
import { commandHelp, helpText } from '../spec/render';

/** `sfha help [COMMAND…]`: every command, or the usage of those under the words given. */
export function helpCommand(args: CliArgs, m: Messages, out: (text: string) => void): Promise<void> {
  const text = args.rest.length === 0 ? helpText(args.lang) : commandHelp(args.rest, args.lang);
  if (text === null) return Promise.reject(new CliError(m.unknownCommand(args.rest.join(' '))));
  out(text);
  return Promise.resolve();
}

/** `sfha completion`: the bash completion script, from the command spec (the Debian package installs it). */
export function completionCommand(args: CliArgs, m: Messages, out: (text: string) => void): Promise<void> {
  if (args.rest.length > 0) return Promise.reject(new CliError(m.unknownCommand(`completion ${args.rest.join(' ')}`)));
  out(bashCompletion().trimEnd());
  return Promise.resolve();
}
