import { expect, type Locator, type Page } from '@playwright/test';

export class FirstRunPage {
  readonly heading: Locator;
  readonly password: Locator;
  readonly confirm: Locator;
  readonly setupCode: Locator;
  readonly submit: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Premier démarrage' });
    this.password = page.getByLabel('Mot de passe administrateur');
    this.confirm = page.getByLabel('Confirmez le mot de passe');
    this.setupCode = page.getByLabel('Code de configuration');
    this.submit = page.getByRole('button', { name: 'Définir le mot de passe' });
    this.alert = page.getByRole('alert');
  }

  async open(): Promise<void> {
    await this.page.goto('/');
    await expect(this.heading).toBeVisible();
    await expect(this.page).toHaveURL(/\/setup$/);
  }

  async fill(password: string, confirm: string, setupCode: string): Promise<void> {
    await this.password.fill(password);
    await this.confirm.fill(confirm);
    await this.setupCode.fill(setupCode);
    await this.submit.click();
  }
}
