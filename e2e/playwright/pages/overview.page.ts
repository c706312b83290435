import { expect, type Locator, type Page } from '@playwright/test';
import { openFromNav } from './nav';

export class OverviewPage {
  readonly members: Locator;
  readonly alerts: Locator;

  constructor(readonly page: Page) {
    this.members = page.getByTestId('members-table');
    this.alerts = page.getByTestId('alerts');
  }

  async open(): Promise<void> {
    await openFromNav(this.page, 'Vue d’ensemble', '/');
  }

  async expectNode(name: string, lang: 'fr' | 'en' = 'fr'): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name: lang === 'fr' ? 'Vue d’ensemble' : 'Overview' })).toBeVisible();
    await expect(this.page.getByTestId('node-name')).toHaveText(name);
    await expect(this.page).toHaveURL(/\/$/);
  }

  /** Every named member is listed online in the members table. */
  async expectMembersOnline(names: string[]): Promise<void> {
    for (const name of names) await expect(this.members.getByTestId(`member-${name}`)).toContainText('En ligne', { timeout: 30_000 });
  }

  async expectQuorate(leader: string): Promise<void> {
    await expect(this.page.getByTestId('quorum')).toHaveText('Atteint', { timeout: 30_000 });
    await expect(this.page.getByTestId('leader')).toHaveText(leader);
  }

  async logOut(lang: 'fr' | 'en' = 'fr'): Promise<void> {
    await this.page.getByRole('button', { name: lang === 'fr' ? 'Se déconnecter' : 'Log out' }).click();
  }
}
