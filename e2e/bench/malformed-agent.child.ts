/**
 * The agent under test of malformed-memory.bench.ts: the built agent (dist/) on a temporary
 * data directory, in its own process started with --expose-gc, so the bench can ask it for its
 * memory after a full collection without measuring its own allocations.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { getHeapSpaceStatistics } from 'node:v8';

interface RunningAgent {
  url: string;
  app: { get(token: unknown): unknown; close(): Promise<void> };
}
type StartAgent = (config: Record<string, unknown>, options: { writeLog: (line: string) => void }) => Promise<RunningAgent>;

const dist = resolve(__dirname, '../../dist/agent/apps/agent/src');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the built agent, loaded at run time
const { startAgent } = require(join(dist, 'app/start-agent.js')) as { startAgent: StartAgent };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { PeerApiServer } = require(join(dist, 'peer/peer-api.server.js')) as { PeerApiServer: new (...args: never[]) => { listen(h: string, p: number): Promise<void>; port(): number | null } };

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sfha-malformed-'));
  let errorLines = 0;
  const agent = await startAgent(
    { dataDir, bindHost: '127.0.0.1', bindPort: 0, logLevel: 'info', nodeName: 'bench-node', tokenTtlSeconds: 3600, membershipPollMs: 1000, webDir: null },
    { writeLog: (line) => void (line.includes('"level":"error"') && errorLines++) },
  );
  const peerApi = agent.app.get(PeerApiServer) as { listen(h: string, p: number): Promise<void>; port(): number | null };
  await peerApi.listen('127.0.0.1', 0);
  process.on('message', (message: string) => {
    if (message === 'measure') {
      gc?.();
      gc?.();
      const spaces = Object.fromEntries(getHeapSpaceStatistics().map((s) => [s.space_name, Math.round(s.space_used_size / 1024)]));
      process.send?.({ memory: process.memoryUsage(), spacesKb: spaces, errorLines });
    } else if (message === 'stop') {
      void agent.app.close().then(() => {
        rmSync(dataDir, { recursive: true, force: true });
        process.exit(0);
      });
    }
  });
  process.send?.({ url: agent.url, peerUrl: `http://127.0.0.1:${peerApi.port()}` });
}

void main();
