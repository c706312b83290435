import { COMMAND_KEYS, COMMAND_SPECS, GLOBAL_OPTIONS, type CommandSpec } from './command-spec';

/** Every option of a command, `--json` included (the parser always takes it). */
export const optionsOf = (spec: CommandSpec): string[] => [...(spec.flags ?? []), ...(spec.valued ?? []), 'json'].map((o) => `--${o}`);

/** The groups' words (every strict prefix of a command's words) and what may follow each. */
function nextWords(): Map<string, string[]> {
  const next = new Map<string, string[]>();
  for (const key of COMMAND_KEYS) {
    const words = key.split(' ');
    for (let i = 0; i < words.length; i++) {
      const prefix = words.slice(0, i).join(' ');
      const list = next.get(prefix) ?? [];
      if (!list.includes(words[i] ?? '')) list.push(words[i] ?? '');
      next.set(prefix, list);
    }
  }
  // `sfha help COMMAND`
  next.set('help', [...(next.get('') ?? [])]);
  return next;
}

/** The bash completion of `sfha` (`sfha completion`, installed by the Debian package): commands, subcommands and each one's options, from the spec. */
export function bashCompletion(): string {
  const valuedGlobals = GLOBAL_OPTIONS.filter((o) => o.valued).flatMap((o) => o.names);
  const globals = GLOBAL_OPTIONS.flatMap((o) => o.names).filter((o) => o !== '-h');
  const wordCases = [...nextWords().entries()].map(([prefix, words]) => `\t\t"${prefix}") words="${words.join(' ')}" ;;`).join('\n');
  const optionCases = COMMAND_KEYS.map((key) => `\t\t"${key}" | "${key} "*) words="${optionsOf(COMMAND_SPECS[key]).join(' ')}" ;;`).join('\n');
  return `# bash completion for sfha (generated from the command spec: sfha completion)
_sfha() {
\tlocal cur=\${COMP_WORDS[COMP_CWORD]} path="" words="" i
\tfor ((i = 1; i < COMP_CWORD; i++)); do
\t\tcase \${COMP_WORDS[i]} in
\t\t${valuedGlobals.join(' | ')}) ((i++)) ;;
\t\t-*) ;;
\t\t*) path="$path \${COMP_WORDS[i]}" ;;
\t\tesac
\tdone
\tpath=\${path# }
\tif [[ $cur == -* ]]; then
\t\tcase $path in
${optionCases}
\t\tesac
\t\tCOMPREPLY=($(compgen -W "$words ${globals.join(' ')}" -- "$cur"))
\t\treturn
\tfi
\tcase $path in
${wordCases}
\tesac
\tCOMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -F _sfha sfha
`;
}

/** For the spec test: the words a completed path offers (the table above, without bash). */
export const completionWords = (prefix: string): string[] => nextWords().get(prefix) ?? [];
