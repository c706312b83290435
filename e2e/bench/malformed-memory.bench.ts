/**
 * Does a storm of malformed requests leak? (issue 15: RSS rose from 166 MB to 261 MB over
 * 12,828 malformed requests and stayed at 234 MB.) Starts the built agent in a child process
 * (malformed-agent.child.ts), sends the same malformed set several times (every JSON route of
 * the OpenAPI document and every peer route: nested 10,000 levels deep, 300 KB, not JSON, null
 * and wrong types for each field, fifty parallel wrong logins), and after each round reads the
 * agent's memory after a full GC. A leak grows the live heap round after round; a high-water
 * mark (RSS that the allocator keeps) does not. Prints one JSON document; exits 1 when the
 * heap after GC grows by more than 2 MB from the second round to the last, or on any 5xx.
 *
 *   npm run build && npm run bench:malformed            (no root, no lab: loopback only)
 *   npm run bench:malformed -- 6                        (rounds, default 4)
 */
import { fork } from 'node:child_process';
import { resolve } from 'node:path';

const rounds = Number(process.argv[2] ?? 4);
if (!Number.isInteger(rounds) || rounds < 2) throw new Error(`the number of rounds must be a whole number ≥ 2, got "${process.argv[2]}"`);
const LEAK_BUDGET_BYTES = 2 * 1024 * 1024;
const PARALLEL = 16;
const PASSWORD = 'malformed benchmark password';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the built agent's route table
const { PEER_ROUTES } = require(resolve(__dirname, '../../dist/agent/apps/agent/src/peer/peer-routes.js')) as { PEER_ROUTES: Record<string, { method: string; path: string }> };

interface Measure {
  memory: NodeJS.MemoryUsage;
  spacesKb: Record<string, number>;
  errorLines: number;
}
interface Request {
  method: string;
  url: string;
  body?: string;
  token?: string;
}

const child = fork(resolve(__dirname, 'malformed-agent.child.ts'), [], { execArgv: ['--expose-gc', '--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
const nextMessage = <T>() => new Promise<T>((ok) => child.once('message', (m) => ok(m as T)));

async function send(r: Request): Promise<number> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (r.token) headers.authorization = `Bearer ${r.token}`;
  const res = await fetch(r.url, { method: r.method, headers, body: r.body });
  await res.arrayBuffer();
  return res.status;
}

function bodiesFor(properties: string[]): string[] {
  const deep = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
  const large = JSON.stringify({ pad: 'x'.repeat(300 * 1024) });
  const fieldBodies = properties.flatMap((p) => [{ [p]: null }, { [p]: 12345 }, { [p]: 'x'.repeat(5000) }, { [p]: [[[]]] }, { [p]: { $gt: '' } }].map((b) => JSON.stringify(b)));
  return [deep, large, '{"unterminated', 'null', '[]', '"text"', '{}', JSON.stringify({ __proto__: { admin: true }, constructor: { prototype: {} } }), ...fieldBodies];
}

async function malformedSet(url: string, peerUrl: string, token: string): Promise<Request[]> {
  const doc = (await (await fetch(`${url}/api/openapi.json`)).json()) as {
    paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> } }>>;
    components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
  };
  const requests: Request[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const target = `${url}${path.replace(/\{\w+\}/g, 'x')}`;
      if (method === 'get' || method === 'delete') {
        requests.push({ method: method.toUpperCase(), url: `${target}?limit=-1&after=abc&category[]=x`, token });
        continue;
      }
      const ref = op.requestBody?.content?.['application/json']?.schema?.$ref ?? '';
      const properties = Object.keys(doc.components.schemas[ref.split('/').pop() ?? '']?.properties ?? {});
      for (const body of bodiesFor(properties)) requests.push({ method: method.toUpperCase(), url: target, body, token });
    }
  }
  for (const { method, path } of Object.values(PEER_ROUTES)) {
    for (const body of bodiesFor(['generation', 'members', 'config', 'token'])) requests.push({ method, url: `${peerUrl}${path}`, body: method === 'GET' ? undefined : body });
  }
  for (let i = 0; i < 50; i++) requests.push({ method: 'POST', url: `${url}/api/v1/auth/login`, body: JSON.stringify({ password: `wrong-${i}` }) });
  return requests;
}

async function runRound(requests: Request[]): Promise<Record<string, number>> {
  const statuses: Record<string, number> = {};
  for (let i = 0; i < requests.length; i += PARALLEL) {
    const batch = await Promise.all(requests.slice(i, i + PARALLEL).map((r) => send(r).catch(() => 0)));
    for (const s of batch) statuses[s] = (statuses[s] ?? 0) + 1;
  }
  return statuses;
}

async function measure(): Promise<Measure> {
  child.send('measure');
  return nextMessage<Measure>();
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function main(): Promise<void> {
  const { url, peerUrl } = await nextMessage<{ url: string; peerUrl: string }>();
  const setup = await fetch(`${url}/api/v1/auth/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ password: PASSWORD }) });
  const { accessToken } = (await setup.json()) as { accessToken: string };
  const requests = await malformedSet(url, peerUrl, accessToken);
  const figures: { round: number; requests: number; statuses: Record<string, number>; rssMb: number; heapUsedMb: number; externalMb: number; errorLines: number }[] = [];
  const before = await measure();
  figures.push({ round: 0, requests: 0, statuses: {}, rssMb: mb(before.memory.rss), heapUsedMb: mb(before.memory.heapUsed), externalMb: mb(before.memory.external), errorLines: before.errorLines });
  const heaps: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    const statuses = await runRound(requests);
    // The login limit's window (60 s) would otherwise make later rounds cheaper than the first.
    const m = await measure();
    heaps.push(m.memory.heapUsed);
    figures.push({ round, requests: requests.length, statuses, rssMb: mb(m.memory.rss), heapUsedMb: mb(m.memory.heapUsed), externalMb: mb(m.memory.external), errorLines: m.errorLines });
  }
  const growth = (heaps[heaps.length - 1] ?? 0) - (heaps[0] ?? 0);
  const serverErrors = figures.reduce(
    (n, f) =>
      n +
      Object.entries(f.statuses)
        .filter(([s]) => s === '0' || Number(s) >= 500)
        .reduce((k, [, c]) => k + c, 0),
    0,
  );
  const last = await measure();
  process.stdout.write(`${JSON.stringify({ rounds: figures, heapGrowthAfterFirstRoundMb: mb(growth), serverErrors, finalSpacesKb: last.spacesKb }, null, 2)}\n`);
  child.send('stop');
  if (growth > LEAK_BUDGET_BYTES || serverErrors > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:malformed: ${(error as Error).message}\n`);
  child.kill();
  process.exit(1);
});
