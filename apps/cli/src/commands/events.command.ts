import { CliError, openLocalSession, reaching } from '../agent-session';
import { command, printJson } from '../command-context';

interface EventRow { id: number; at: string; category: string; severity: string; message: string }

const line = (e: EventRow) => `${e.at}  ${e.severity.padEnd(5)}  ${e.category.padEnd(10)}  ${e.message}`;

/** `sfha events [--category C] [--limit N] [--follow]`: the timeline; --follow streams new ones (SSE). */
export const eventsCommand = command(['follow'], ['category', 'limit'], async ({ args, m, out, options, json, api }) => {
  const category = options.values.get('category');
  const limit = Number(options.values.get('limit') ?? 30);
  const query = { ...(category ? { category: category as 'admin' } : {}), limit };
  const list = (await api((c) => c.GET('/api/v1/events', { params: { query } }))) as EventRow[];
  const follow = options.flags.has('follow');
  if (json && !follow) return printJson(out, list);
  const print = (e: EventRow) => out(json ? JSON.stringify(e) : line(e));
  [...list].reverse().forEach(print);
  if (!follow) return;
  const { url, token } = await openLocalSession({ dataDir: args.dataDir, ...(args.url ? { url: args.url } : {}) }, m);
  const res = await reaching(url, m, () => fetch(`${url}/api/v1/events/stream${category ? `?category=${encodeURIComponent(category)}` : ''}`, { headers: { authorization: `Bearer ${token}` } }));
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
