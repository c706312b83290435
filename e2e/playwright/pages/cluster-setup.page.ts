import { expect, type Locator, type Page } from '@playwright/test';

/** The first run's second step: create a cluster, or join one with a link. */
export class ClusterSetupPage {
  readonly heading: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Créer ou rejoindre un cluster' });
    this.alert = page.getByRole('alert');
  }

  async expectShown(): Promise<void> {
    await expect(this.heading).toBeVisible();
  }

  /** Creates the cluster with the defaults shown (network, mesh IP, port), giving name and endpoint. */
  async createCluster(name: string, endpoint: string): Promise<void> {
    await this.page.getByRole('radio', { name: 'Créer un cluster' }).check();
    await expect(this.page.getByLabel('Réseau mesh')).toHaveValue('10.100.0.0/24');
    await expect(this.page.getByLabel('Adresse mesh de ce nœud')).toHaveValue('10.100.0.1');
    await expect(this.page.getByLabel('Port WireGuard (UDP)')).toHaveValue('51820');
    await this.page.getByLabel('Nom du cluster').fill(name);
    await this.page.getByLabel('Adresse publique (hôte:port)').fill(endpoint);
    await this.page.getByRole('button', { name: 'Créer le cluster' }).click();
  }

  async join(link: string): Promise<void> {
    await this.page.getByRole('radio', { name: 'Rejoindre un cluster' }).check();
    await this.page.getByLabel('Lien d’invitation').fill(link);
    await this.page.getByRole('button', { name: 'Rejoindre le cluster' }).click();
  }
}
