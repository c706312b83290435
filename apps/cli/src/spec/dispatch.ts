import { COMMAND_SPECS, specOf, type CommandKey } from './command-spec';
import { commandsUnder } from './render';

/** What the words typed after `sfha` name: a command and its arguments, a group typed alone, or nothing known. */
export type Resolution = { key: CommandKey; rest: string[] } | { group: string[] } | { unknown: string };

const isKey = (words: string): words is CommandKey => Object.hasOwn(COMMAND_SPECS, words);

/**
 * Pure: the one subcommand dispatcher. Takes the longest run of words that names a command of the
 * spec (no command's words start another's: the spec test checks it); a group typed alone runs
 * its default (`sfha user` → `user list`) or asks for one of its words.
 */
export function resolveCommand(argv: readonly string[]): Resolution {
  const words: string[] = [];
  for (const word of argv) {
    if (word.startsWith('-') || commandsUnder([...words, word]).length === 0) break;
    words.push(word);
    const key = words.join(' ');
    if (isKey(key)) return { key, rest: argv.slice(words.length) };
  }
  const next = argv[words.length];
  if (words.length === 0) return { unknown: next ?? '' };
  if (next !== undefined && !next.startsWith('-')) return { unknown: `${words.join(' ')} ${next}` };
  const fallback = commandsUnder(words).find((key) => key.split(' ').length === words.length + 1 && specOf(key).isDefault === true);
  return fallback ? { key: fallback, rest: argv.slice(words.length) } : { group: words };
}
