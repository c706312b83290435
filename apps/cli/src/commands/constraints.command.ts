import { command, printJson } from '../command-context';
import { columns } from '../format-table';

const KINDS = ['colocation', 'anti-colocation', 'order'] as const;
type Kind = (typeof KINDS)[number];
const isKind = (value: string | undefined): value is Kind => (KINDS as readonly string[]).includes(value ?? '');

export const constraintsListCommand = command('constraints list', async ({ m, out, json, api }) => {
  const constraints = await api((c) => c.GET('/api/v1/constraints'));
  if (json) return printJson(out, constraints);
  if (constraints.length === 0) return out(m.constraints.none);
  out(columns([m.constraints.header, ...constraints.map((c) => [c.id, c.kind, m.constraints.rule(c.kind, c.group ?? c.first ?? '', c.with ?? c.then ?? '')])]));
});

/** `constraints add colocation GROUP WITH | anti-colocation GROUP WITH | order FIRST THEN` */
export const constraintsAddCommand = command('constraints add', async ({ m, out, options, json, usage, api }) => {
  const [kind, a, b] = options.positional;
  if (!isKind(kind) || !a || !b) throw usage();
  const body = kind === 'order' ? { kind, first: a, then: b } : { kind, group: a, with: b };
  const constraint = await api((c) => c.POST('/api/v1/constraints', { body }));
  if (json) return printJson(out, constraint);
  out(m.constraints.added(constraint.id, m.constraints.rule(kind, a, b)));
});

export const constraintsRemoveCommand = command('constraints remove', async ({ m, out, options, json, usage, api }) => {
  const id = options.positional[0];
  if (!id) throw usage();
  await api((c) => c.DELETE('/api/v1/constraints/{id}', { params: { path: { id } } }));
  if (json) return printJson(out, { removed: id });
  out(m.constraints.removed(id));
});
