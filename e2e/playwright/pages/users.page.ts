import { expect, type Page } from '@playwright/test';
import { openFromNav } from './nav';

export class UsersPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await openFromNav(this.page, 'Utilisateurs', '/users');
    await expect(this.page.getByRole('heading', { level: 1, name: 'Utilisateurs' })).toBeVisible();
  }

  /** Creates a cluster user from the "Nouvel utilisateur" form; it shows in the list. */
  async create(name: string, role: 'lecteur' | 'opérateur' | 'administrateur', password: string): Promise<void> {
    const form = this.page.getByRole('region', { name: 'Nouvel utilisateur' });
    await form.getByLabel('Nom', { exact: true }).fill(name);
    await form.getByLabel('Rôle', { exact: true }).selectOption({ label: role });
    await form.getByLabel('Mot de passe', { exact: true }).fill(password);
    await form.getByRole('button', { name: 'Créer' }).click();
    await expect(this.page.getByTestId(`user-${name}`)).toBeVisible({ timeout: 15_000 });
  }
}
