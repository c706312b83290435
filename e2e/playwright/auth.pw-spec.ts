import { expect, test } from '@playwright/test';
import { labOk } from '../lab/lab-runner';
import { FirstRunPage } from './pages/first-run.page';
import { LoginPage } from './pages/login.page';
import { OverviewPage } from './pages/overview.page';
import { screenshot } from './screenshots';

const PASSWORD = 'dashboard admin password';
test.describe.configure({ mode: 'serial' });

test('first run: the admin sets the password with the setup code from the log', async ({ page }, testInfo) => {
  const firstRun = new FirstRunPage(page);
  await firstRun.open();
  // The browser is not on node1's machine: the setup code is asked for.
  await expect(firstRun.setupCode).toBeVisible();
  await screenshot(page, testInfo, '01-first-run');

  await firstRun.fill('short', 'short', '');
  await expect(page.getByText('Le mot de passe doit faire au moins 12 caractères.')).toBeVisible();
  await expect(firstRun.password).toHaveAttribute('aria-invalid', 'true');

  await firstRun.fill(PASSWORD, `${PASSWORD}!`, '');
  await expect(page.getByText('Les deux mots de passe diffèrent.')).toBeVisible();

  await firstRun.fill(PASSWORD, PASSWORD, 'AAAA-BBBB-CCCC');
  await expect(firstRun.alert).toHaveText('Code de configuration incorrect : reprenez celui du journal de l’agent.');
  await screenshot(page, testInfo, '02-first-run-wrong-code');

  await firstRun.fill(PASSWORD, PASSWORD, labOk('setup-code', 'node1').trim());
  await new OverviewPage(page).expectNode('node1');
  await screenshot(page, testInfo, '03-overview');
});

test('login: a wrong password is refused clearly; the right one opens the dashboard', async ({ page }, testInfo) => {
  const login = new LoginPage(page);
  await login.open();
  await screenshot(page, testInfo, '04-login');
  await login.logIn('not the password');
  await expect(page.getByRole('alert')).toHaveText('Mot de passe incorrect.');
  await screenshot(page, testInfo, '05-login-wrong-password');
  await login.logIn(PASSWORD);
  const overview = new OverviewPage(page);
  await overview.expectNode('node1');
  await overview.logOut();
  await expect(login.heading()).toBeVisible();
});

test('language: French by default, English on demand and remembered', async ({ page }, testInfo) => {
  const login = new LoginPage(page);
  await login.open();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await login.switchLanguage('en');
  await expect(login.heading('en')).toBeVisible();
  await page.reload();
  await expect(login.heading('en')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await login.logIn(PASSWORD, 'en');
  await new OverviewPage(page).expectNode('node1', 'en');
  await screenshot(page, testInfo, '06-overview-en');
});

test('phone screen: the overview stays readable', async ({ browser }, testInfo) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR' });
  const page = await context.newPage();
  const login = new LoginPage(page);
  await login.open();
  await login.logIn(PASSWORD);
  await new OverviewPage(page).expectNode('node1');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await screenshot(page, testInfo, '07-overview-phone');
  await context.close();
});
