import type { Page, TestInfo } from '@playwright/test';
import { join } from 'node:path';
import { ARTIFACTS } from './playwright.config';

/** Saves a full-page screenshot under e2e/artifacts/screenshots and attaches it to the report. */
export async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = join(ARTIFACTS, 'screenshots', `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}
