import { defineConfig } from '@playwright/test';
import { join } from 'node:path';
import { machineUrl } from '../lab/lab-layout';

export const ARTIFACTS = join(__dirname, '../artifacts');

export default defineConfig({
  testDir: __dirname,
  testMatch: '**/*.pw-spec.ts',
  outputDir: join(ARTIFACTS, 'playwright'),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: [['list'], ['html', { outputFolder: join(ARTIFACTS, 'playwright-report'), open: 'never' }]],
  globalSetup: join(__dirname, 'lab-setup.ts'),
  use: {
    baseURL: machineUrl(1),
    locale: 'fr-FR',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-gpu'],
    },
  },
});
