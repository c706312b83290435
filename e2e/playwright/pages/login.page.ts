import { expect, type Locator, type Page } from '@playwright/test';

export class LoginPage {
  constructor(readonly page: Page) {}

  heading(lang: 'fr' | 'en' = 'fr'): Locator {
    return this.page.getByRole('heading', { name: lang === 'fr' ? 'Connexion' : 'Log in' });
  }

  async open(): Promise<void> {
    await this.page.goto('/');
    await expect(this.heading()).toBeVisible();
    await expect(this.page).toHaveURL(/\/login$/);
  }

  /** Without a user name: `admin`, the first administrator. */
  async logIn(password: string, lang: 'fr' | 'en' = 'fr', username = ''): Promise<void> {
    await this.page.getByLabel(lang === 'fr' ? 'Utilisateur' : 'User', { exact: true }).fill(username);
    await this.page.getByLabel(lang === 'fr' ? 'Mot de passe' : 'Password', { exact: true }).fill(password);
    await this.page.getByRole('button', { name: lang === 'fr' ? 'Se connecter' : 'Log in' }).click();
  }

  /** Signed in: the dashboard's navigation is shown. */
  async expectLoggedIn(lang: 'fr' | 'en' = 'fr'): Promise<void> {
    await expect(this.page.getByRole('navigation', { name: lang === 'fr' ? 'Navigation principale' : 'Main navigation' })).toBeVisible();
  }

  async switchLanguage(lang: 'fr' | 'en'): Promise<void> {
    await this.page.getByLabel(lang === 'en' ? 'Langue' : 'Language').selectOption(lang);
  }
}
