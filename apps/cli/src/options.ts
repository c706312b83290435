/** Options of one command: `--flag`, `--name value` or `--name=value`, and positionals. */
export interface ParsedOptions {
  positional: string[];
  flags: Set<string>;
  values: Map<string, string>;
}

export type OptionsResult = { ok: true; options: ParsedOptions } | { ok: false; problem: 'unknown' | 'missing-value'; option: string };

/** Pure. `flags` take no value; `valued` need one. */
export function parseOptions(args: readonly string[], flags: readonly string[], valued: readonly string[]): OptionsResult {
  const options: ParsedOptions = { positional: [], flags: new Set(), values: new Map() };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (!arg.startsWith('--')) {
      options.positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq > 0 ? eq : undefined);
    if (flags.includes(name) && eq < 0) options.flags.add(name);
    else if (valued.includes(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
      if (value === undefined || value === '') return { ok: false, problem: 'missing-value', option: `--${name}` };
      options.values.set(name, value);
    } else return { ok: false, problem: 'unknown', option: arg };
  }
  return { ok: true, options };
}
