import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { requiredPackages, runtimeClosure } from './runtime-modules';

let root = '';
const pkg = (path: string, manifest: Record<string, unknown>) => {
  mkdirSync(join(root, path), { recursive: true });
  writeFileSync(join(root, path, 'package.json'), JSON.stringify(manifest));
};
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = '';
});

describe('runtime node_modules', () => {
  it('finds the bare packages a built file requires (not builtins, not relative files)', () => {
    const source = `const a = require("@nestjs/common"); require("node:fs"); require("fs"); require("./x"); require('rxjs/operators'); require("@scope/pkg/deep/file");`;
    expect(requiredPackages(source)).toEqual(['@nestjs/common', '@scope/pkg', 'rxjs']);
  });

  it('follows dependencies (nested versions included with their parent) and leaves build tools out', () => {
    root = mkdtempSync(join(tmpdir(), 'sfha-modules-'));
    pkg('node_modules/app-dep', { dependencies: { shared: '^2', leaf: '1' }, peerDependencies: { 'absent-peer': '1' } });
    pkg('node_modules/app-dep/node_modules/shared', { version: '2.0.0' });
    pkg('node_modules/shared', { version: '1.0.0' });
    pkg('node_modules/leaf', { optionalDependencies: { 'not-installed': '1' } });
    pkg('node_modules/typescript', {});
    expect(runtimeClosure(root, ['app-dep']).map((d) => d.slice(root.length + 1))).toEqual(['node_modules/app-dep', 'node_modules/leaf']);
  });

  it('fails on a required package that is not installed', () => {
    root = mkdtempSync(join(tmpdir(), 'sfha-modules-'));
    pkg('node_modules/a', { dependencies: { b: '1' } });
    expect(() => runtimeClosure(root, ['a'])).toThrow('runtime packages missing from node_modules: b (needed from node_modules/a)');
  });
});
