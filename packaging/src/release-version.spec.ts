import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = join(__dirname, '../..');
const read = (path: string) => JSON.parse(readFileSync(join(REPO, path), 'utf8')) as { version?: string; info?: { version?: string } };

/**
 * The release has one source: the root package.json. The agent and the CLI import it
 * (apps/*\/src/version.ts), the package build and the man page read it; the workspace
 * packages and the generated OpenAPI document repeat it, so they are checked here.
 */
describe('the release version', () => {
  const release = read('package.json').version ?? '';

  it('is written in the root package.json', () => {
    expect(release).toMatch(/^\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?$/);
  });

  it('is the version of every workspace package and of the OpenAPI document', () => {
    const packages = ['apps', 'libs'].flatMap((dir) => readdirSync(join(REPO, dir)).map((name) => `${dir}/${name}/package.json`)).concat('e2e/package.json');
    expect(packages.length).toBeGreaterThan(5);
    for (const path of packages) expect(read(path).version, path).toBe(release);
    expect(read('libs/contracts/src/generated/openapi.json').info?.version, 'openapi.json (npm run contracts:generate)').toBe(release);
    for (const file of ['apps/agent/src/version.ts', 'apps/cli/src/version.ts']) expect(readFileSync(join(REPO, file), 'utf8'), file).toContain("import { version } from '../../../package.json';");
  });
});
