import { expect, type Page } from '@playwright/test';

export class OverviewPage {
  constructor(readonly page: Page) {}

  async expectNode(name: string, lang: 'fr' | 'en' = 'fr'): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name: lang === 'fr' ? 'Vue d’ensemble' : 'Overview' })).toBeVisible();
    await expect(this.page.getByTestId('node-name')).toHaveText(name);
    await expect(this.page).toHaveURL(/\/$/);
  }

  async logOut(lang: 'fr' | 'en' = 'fr'): Promise<void> {
    await this.page.getByRole('button', { name: lang === 'fr' ? 'Se déconnecter' : 'Log out' }).click();
  }
}
