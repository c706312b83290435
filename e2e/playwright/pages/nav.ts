import { expect, type Page } from '@playwright/test';

/** Opens a page from the dashboard's navigation and checks the address bar follows. */
export async function openFromNav(page: Page, label: string, path: string, lang: 'fr' | 'en' = 'fr'): Promise<void> {
  await page
    .getByRole('navigation', { name: lang === 'fr' ? 'Navigation principale' : 'Main navigation' })
    .getByRole('link', { name: label, exact: true })
    .click();
  await expect(page).toHaveURL(new RegExp(`${path}$`));
}
