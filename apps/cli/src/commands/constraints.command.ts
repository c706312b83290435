import type { CliArgs } from '../args';
import { CliError } from '../agent-session';
import { command, printJson, type Command } from '../command-context';
import { columns } from '../format-table';
import type { Messages } from '../i18n';

const KINDS = ['colocation', 'anti-colocation', 'order'] as const;
type Kind = (typeof KINDS)[number];
const isKind = (value: string | undefined): value is Kind => (KINDS as readonly string[]).includes(value ?? '');

const list = command([], [], async ({ m, out, json, api }) => {
  const constraints = await api((c) => c.GET('/api/v1/constraints'));
  if (json) return printJson(out, constraints);
  if (constraints.length === 0) return out(m.constraints.none);
  out(columns([m.constraints.header, ...constraints.map((c) => [c.id, c.kind, m.constraints.rule(c.kind, c.group ?? c.first ?? '', c.with ?? c.then ?? '')])]));
});

/** `constraints add colocation GROUP WITH | anti-colocation GROUP WITH | order FIRST THEN` */
const add = command([], [], async ({ m, out, options, json, api }) => {
  const [kind, a, b] = options.positional;
  if (!isKind(kind) || !a || !b) throw new CliError(m.usage('constraints add colocation GROUPE AVEC | anti-colocation GROUPE AVEC | order PREMIER ENSUITE'));
  const body = kind === 'order' ? { kind, first: a, then: b } : { kind, group: a, with: b };
  const constraint = await api((c) => c.POST('/api/v1/constraints', { body }));
  if (json) return printJson(out, constraint);
  out(m.constraints.added(constraint.id, m.constraints.rule(kind, a, b)));
});

const remove = command([], [], async ({ m, out, options, json, api }) => {
  const id = options.positional[0];
  if (!id) throw new CliError(m.usage('constraints remove ID'));
  await api((c) => c.DELETE('/api/v1/constraints/{id}', { params: { path: { id } } }));
  if (json) return printJson(out, { removed: id });
  out(m.constraints.removed(id));
});

const SUBCOMMANDS: Record<string, Command> = { list, add, remove };

/** `sfha constraints [list|add|remove]`: colocation, anti-colocation and order between groups. */
export async function constraintsCommand(args: CliArgs, m: Messages, out: (text: string) => void): Promise<void> {
  const [sub = 'list', ...rest] = args.rest;
  const run = SUBCOMMANDS[sub];
  if (!run) throw new CliError(m.unknownCommand(`constraints ${sub}`));
  await run({ ...args, rest }, m, out);
}
