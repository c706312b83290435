import { expect, type Locator, type Page } from '@playwright/test';
import { openFromNav } from './nav';

export class EventsPage {
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByTestId('events-table');
  }

  async open(lang: 'fr' | 'en' = 'fr'): Promise<void> {
    await openFromNav(this.page, lang === 'fr' ? 'Événements' : 'Events', '/events', lang);
  }

  async filterCategory(label: string, lang: 'fr' | 'en' = 'fr'): Promise<void> {
    await this.page.getByLabel(lang === 'fr' ? 'Catégorie' : 'Category').selectOption({ label });
  }

  /** A timeline row whose text matches (waits for the live stream / refetch). */
  async expectEvent(text: string | RegExp, timeout = 30_000): Promise<void> {
    await expect(this.table.getByRole('row').filter({ hasText: text }).first()).toBeVisible({ timeout });
  }
}
