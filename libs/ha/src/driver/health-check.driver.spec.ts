import { createExecutor } from '@sfha/exec';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createHealthProbe } from './health-check.driver';

const probe = createHealthProbe(createExecutor());
const base = { intervalMs: 1000, timeoutMs: 5_000, failuresBeforeUnhealthy: 1, successesBeforeHealthy: 1 };

describe('health probes (real sockets and commands)', () => {
  it('probes http and tcp against a real server, and fails when it is gone', async () => {
    const server = createServer((req, res) => {
      res.statusCode = req.url === '/broken' ? 500 : 200;
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    expect(await probe({ ...base, kind: 'http', target: `http://127.0.0.1:${port}/` })).toEqual({ ok: true, detail: 'HTTP 200' });
    expect(await probe({ ...base, kind: 'http', target: `http://127.0.0.1:${port}/broken` })).toEqual({ ok: false, detail: 'HTTP 500' });
    expect((await probe({ ...base, kind: 'tcp', target: `127.0.0.1:${port}` })).ok).toBe(true);
    await new Promise((resolve) => server.close(resolve));
    expect((await probe({ ...base, kind: 'tcp', target: `127.0.0.1:${port}` })).ok).toBe(false);
    expect((await probe({ ...base, kind: 'http', target: `http://127.0.0.1:${port}/` })).ok).toBe(false);
  });

  it('probes with a command: exit 0 passes', async () => {
    expect(await probe({ ...base, kind: 'command', target: ['true'] })).toEqual({ ok: true, detail: 'exit 0' });
    expect((await probe({ ...base, kind: 'command', target: ['sh', '-c', 'echo down >&2; exit 3'] })).detail).toBe('exit 3: down');
  });
});
