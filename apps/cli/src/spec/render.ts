import { MESSAGES, type Lang } from '../i18n';
import { COMMAND_KEYS, COMMAND_SPECS, GLOBAL_OPTIONS, type CommandKey, type CommandSpec } from './command-spec';
import { localizeForm } from './placeholders';

/** Where the summaries start in `sfha help`; a longer usage gets its own line. */
const SUMMARY_COLUMN = 47;

/** The usage of one command without `sfha`: its forms in the chosen language, ` | ` between them. */
export function usageText(key: CommandKey, lang: Lang): string {
  const spec: CommandSpec = COMMAND_SPECS[key];
  const words = key.split(' ');
  return spec.forms
    .map((form) => {
      // `sfha user` alone runs `sfha user list`: shown `user [list]`.
      const shown = spec.isDefault && form === '' ? [...words.slice(0, -1), `[${words.at(-1) ?? ''}]`] : words;
      return [...shown, localizeForm(form, lang)].filter(Boolean).join(' ');
    })
    .join(' | ');
}

/** Commands whose words start with `prefix` (all of them for none). */
export const commandsUnder = (prefix: readonly string[]): CommandKey[] => COMMAND_KEYS.filter((key) => prefix.every((word, i) => key.split(' ')[i] === word));

/** `mesh status|token|…`: the words that may follow a group's words. */
export function groupUsage(prefix: readonly string[]): string {
  const next = [...new Set(commandsUnder(prefix).map((key) => key.split(' ')[prefix.length] ?? ''))];
  return `${prefix.join(' ')} ${next.join('|')}`;
}

const line = (left: string, summary: string) => (left.length <= SUMMARY_COLUMN - 4 ? `  ${left.padEnd(SUMMARY_COLUMN - 4)}  ${summary}` : `  ${left}\n${' '.repeat(SUMMARY_COLUMN)}${summary}`);

/** One line (or two) per command: usage, then what it does. */
export const commandLines = (keys: readonly CommandKey[], lang: Lang): string => keys.map((key) => line(usageText(key, lang), COMMAND_SPECS[key].summary[lang])).join('\n');

/** `sfha help`: every command of the spec and the global options, in the chosen language. */
export function helpText(lang: Lang): string {
  const h = MESSAGES[lang].help;
  const options = GLOBAL_OPTIONS.map((o) => `  ${o.form.padEnd(16)}  ${o.summary[lang]}`).join('\n');
  return `${h.title}\n\n${h.usage}\n\n${h.commands}\n${commandLines(COMMAND_KEYS, lang)}\n\n${h.options}\n${options}\n\n${h.more}`;
}

/** `sfha help mesh`, `sfha mesh --help`: the lines of the commands under these words, or null if none. */
export function commandHelp(words: readonly string[], lang: Lang): string | null {
  const keys = commandsUnder(words);
  return keys.length === 0 ? null : commandLines(keys, lang);
}
