import { renderEvent, type EventLang, type Schemas } from '@sfha/contracts';
import { CliError, openLocalSession, reaching } from '../agent-session';
import { command, printJson } from '../command-context';

type EventRow = Schemas['EventDto'];

/** One line per event, in the CLI's language: when, level, category, node, what (and who). */
export const eventLine = (lang: EventLang, e: EventRow) =>
  `${e.at}  ${e.severity.padEnd(5)}  ${e.category.padEnd(12)}  ${e.origin.padEnd(10)}  ${renderEvent(lang, e)}${e.user ? `  (${e.user})` : ''}`;

/** `sfha events [--category C] [--severity L] [--node N] [--user U] [--limit N] [--local] [--follow]`: the cluster timeline (--local: this node's); --follow streams this node's new ones (SSE). */
export const eventsCommand = command('events', async ({ args, m, out, options, json, api }) => {
  const category = options.values.get('category');
  const severity = options.values.get('severity');
  const limit = Number(options.values.get('limit') ?? 30);
  const query = {
    ...(category ? { category: category as EventRow['category'] } : {}),
    ...(severity ? { severity: severity as EventRow['severity'] } : {}),
    ...(options.values.get('node') ? { node: options.values.get('node') } : {}),
    ...(options.values.get('user') ? { user: options.values.get('user') } : {}),
    ...(options.flags.has('local') ? { scope: 'node' as const } : {}),
    limit,
  };
  const list = await api((c) => c.GET('/api/v1/events', { params: { query } }));
  const follow = options.flags.has('follow');
  if (json && !follow) return printJson(out, list);
  const print = (e: EventRow) => out(json ? JSON.stringify(e) : eventLine(args.lang, e));
  [...list].reverse().forEach(print);
  if (!follow) return;
  const { url, token } = await openLocalSession({ dataDir: args.dataDir, ...(args.url ? { url: args.url } : {}) }, m);
  const filters = new URLSearchParams({ ...(category ? { category } : {}), ...(severity ? { severity } : {}) }).toString();
  const res = await reaching(url, m, () => fetch(`${url}/api/v1/events/stream${filters ? `?${filters}` : ''}`, { headers: { authorization: `Bearer ${token}` } }));
  if (!res.ok || !res.body) throw new CliError(`events stream: HTTP ${res.status} ${await res.text()}`);
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder(); // one decoder: a character split across chunks stays whole
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const l of lines) if (l.startsWith('data: ')) print(JSON.parse(l.slice(6)) as EventRow);
  }
});
