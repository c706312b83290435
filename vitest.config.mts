import { resolve } from 'node:path';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;
/** The same aliases as tsconfig.base.json `paths`. */
const alias = {
  '@sfha/contracts': resolve(root, 'libs/contracts/src/index.ts'),
  '@sfha/exec': resolve(root, 'libs/exec/src/index.ts'),
  '@sfha/mesh': resolve(root, 'libs/mesh/src/index.ts'),
  '@sfha/ha': resolve(root, 'libs/ha/src/index.ts'),
};
// NestJS dependency injection reads decorator metadata, which only SWC (not esbuild/oxc) emits.
const nestTransform = swc.vite({ module: { type: 'es6' }, jsc: { target: 'es2022' } });

export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      {
        plugins: [nestTransform],
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['apps/*/src/**/*.spec.ts', 'libs/*/src/**/*.spec.ts', 'packaging/src/**/*.spec.ts', 'e2e/chaos/**/*.spec.ts'],
          environment: 'node',
        },
      },
      {
        plugins: [nestTransform],
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['apps/*/test/**/*.int-spec.ts', 'packaging/test/**/*.int-spec.ts'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'lab',
          include: ['e2e/lab/**/*.lab-spec.ts'],
          // The lab (env SFHA_LAB) is held for the run: a second run of the same lab waits.
          globalSetup: ['e2e/lab/lab-global-setup.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
