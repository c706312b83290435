import type { Lang, Messages } from './i18n';
import { MESSAGES } from './i18n';
import { GLOBAL_OPTIONS } from './spec/command-spec';

export interface CliArgs {
  lang: Lang;
  json: boolean;
  url: string | undefined;
  dataDir: string;
  help: boolean;
  version: boolean;
  command: string | undefined;
  rest: string[];
}

/** Documented with the others in the spec (`sfha help`). */
const VALUE_OPTIONS = new Set(GLOBAL_OPTIONS.filter((o) => o.valued).flatMap((o) => o.names));

/** Pure: argv and environment to options, or the first error in the chosen language. */
export function parseArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): { args: CliArgs } | { error: string; lang: Lang } {
  const envLang = env.SFHA_LANG === 'en' ? 'en' : 'fr';
  const args: CliArgs = { lang: envLang, json: false, url: env.SFHA_URL || undefined, dataDir: env.SFHA_DATA_DIR || '/var/lib/sfha', help: false, version: false, command: undefined, rest: [] };
  const values: Record<string, string> = {};
  const errors: ((m: Messages) => string)[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (args.command !== undefined) {
      args.rest.push(arg);
      continue;
    }
    if (!arg.startsWith('-')) {
      args.command = arg;
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (VALUE_OPTIONS.has(flag)) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '') errors.push((m) => m.missingValue(flag));
      else values[flag] = value;
    } else if (flag === '--json') args.json = true;
    else if (flag === '-h' || flag === '--help') args.help = true;
    else if (flag === '--version') args.version = true;
    else errors.push((m) => m.unknownOption(arg));
  }
  const lang = values['--lang'];
  if (lang !== undefined) {
    if (lang !== 'fr' && lang !== 'en') return { error: MESSAGES[envLang].badLang(lang), lang: envLang };
    args.lang = lang;
  }
  if (values['--url']) args.url = values['--url'];
  if (values['--data-dir']) args.dataDir = values['--data-dir'];
  const first = errors[0];
  if (first) return { error: first(MESSAGES[args.lang]), lang: args.lang };
  return { args };
}
