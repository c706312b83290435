import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAgentApp } from './create-app';
import { buildOpenApiDocument } from '../openapi/openapi';

/**
 * Writes the admin API's OpenAPI document to the path given as first argument, from the
 * real application (on a throw-away data directory). `libs/contracts` is generated from it.
 */
async function main(): Promise<void> {
  const out = process.argv[2];
  if (!out) throw new Error('usage: write-openapi OUT.json');
  const dataDir = mkdtempSync(join(tmpdir(), 'sfha-openapi-'));
  try {
    const app = await createAgentApp(
      { dataDir, bindHost: '127.0.0.1', bindPort: 0, logLevel: 'error', nodeName: 'openapi', tokenTtlSeconds: 3600, webDir: null, membershipPollMs: 1000, hostsFile: null, watchdogDevice: null },
      { writeLog: () => undefined },
    );
    await app.init();
    writeFileSync(out, `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`);
    await app.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`write-openapi: ${(error as Error).message}\n`);
  process.exit(1);
});
