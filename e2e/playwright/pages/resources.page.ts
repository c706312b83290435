import { expect, type Locator, type Page } from '@playwright/test';
import { openFromNav } from './nav';

/** What the admin types into the group form (French labels). */
export interface GroupInput {
  name?: string;
  vip?: string;
  command?: string;
  /** An HTTP health check on the service. */
  healthUrl?: string;
  preferredNode?: string;
}

export class ResourcesPage {
  readonly form: Locator;

  constructor(readonly page: Page) {
    this.form = page.locator('form.group-form');
  }

  async open(): Promise<void> {
    await openFromNav(this.page, 'Ressources', '/resources');
    await expect(this.page.getByRole('heading', { level: 1, name: 'Ressources' })).toBeVisible();
  }

  /** The form's section of one resource, by its legend ("IP virtuelle", "Service (processus supervisé)"). */
  resourceSection(legend: string): Locator {
    return this.form.getByRole('group', { name: legend });
  }

  vipAddress(): Locator {
    return this.resourceSection('IP virtuelle').getByLabel('Adresse IP virtuelle', { exact: true });
  }

  async startGroup(): Promise<void> {
    await this.page.getByRole('button', { name: 'Nouveau groupe' }).click();
    await expect(this.form.getByRole('heading', { name: 'Nouveau groupe de ressources' })).toBeVisible();
  }

  async fillGroup(input: GroupInput): Promise<void> {
    if (input.name !== undefined) await this.form.getByLabel('Nom du groupe', { exact: true }).fill(input.name);
    if (input.preferredNode !== undefined) await this.form.getByLabel('Nœud préféré', { exact: true }).selectOption(input.preferredNode);
    if (input.vip !== undefined) await this.vipAddress().fill(input.vip);
    const service = this.resourceSection('Service (processus supervisé)');
    if (input.command !== undefined) await service.getByLabel('Commande', { exact: true }).fill(input.command);
    if (input.healthUrl !== undefined) {
      await service.getByLabel('Vérification de santé', { exact: true }).selectOption('http');
      await service.getByLabel('Cible de la vérification', { exact: true }).fill(input.healthUrl);
    }
  }

  async save(): Promise<void> {
    await this.form.getByRole('button', { name: 'Enregistrer' }).click();
  }

  group(name: string): Locator {
    return this.page.getByTestId(`group-${name}`);
  }

  async expectOwner(group: string, node: string, timeout = 30_000): Promise<void> {
    await expect(this.group(group).getByTestId('group-owner')).toHaveText(node, { timeout });
  }

  /** Every resource of the group reported running on its owner. */
  async expectAllRunning(group: string, timeout = 30_000): Promise<void> {
    const rows = this.group(group)
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader') });
    await expect(rows.filter({ hasNotText: 'démarrée' })).toHaveCount(0, { timeout });
    await expect(rows.filter({ hasText: 'démarrée' }).first()).toBeVisible();
  }

  /** Picks the node, asks to move; returns the confirmation dialog (still open). */
  async askMove(group: string, node: string): Promise<Locator> {
    const card = this.group(group);
    await card.getByLabel('Déplacer vers', { exact: true }).selectOption(node);
    await card.getByRole('button', { name: 'Déplacer', exact: true }).click();
    const dialog = this.page.getByRole('dialog', { name: `Déplacer « ${group} » vers ${node} ?` });
    await expect(dialog).toBeVisible();
    return dialog;
  }

  async clearMove(group: string): Promise<void> {
    await this.group(group).getByRole('button', { name: 'Libérer (effacer le déplacement)' }).click();
  }

  async edit(group: string): Promise<void> {
    await this.group(group).getByRole('button', { name: 'Modifier' }).click();
    await expect(this.form.getByRole('heading', { name: 'Modifier le groupe' })).toBeVisible();
  }

  node(name: string): Locator {
    return this.page.getByTestId(`node-${name}`);
  }

  async toggleStandby(node: string, on: boolean): Promise<void> {
    await this.node(node)
      .getByRole('button', { name: on ? 'Mettre en veille' : 'Sortir de veille' })
      .click();
    await expect(this.node(node)).toContainText(on ? 'en veille' : 'actif');
  }

  async toggleMaintenance(on: boolean): Promise<void> {
    await this.page.getByRole('button', { name: on ? 'Activer le mode maintenance' : 'Désactiver le mode maintenance' }).click();
    await expect(this.page.getByTestId('maintenance-state')).toContainText(on ? 'Mode maintenance ACTIVÉ' : 'Mode maintenance désactivé');
  }

  /** The "Et si… ?" panel: picks what each named node does (its French option), simulates, returns the result. */
  async whatIf(nodes: Record<string, 'tombe' | 'passe en veille'>): Promise<Locator> {
    const panel = this.page.getByRole('region', { name: 'Et si… ?' });
    await expect(panel.getByRole('button', { name: 'Simuler' })).toBeDisabled();
    for (const [node, event] of Object.entries(nodes)) await panel.getByLabel(`Si ${node}`, { exact: true }).selectOption({ label: event });
    await panel.getByRole('button', { name: 'Simuler' }).click();
    const result = panel.getByTestId('what-if-result');
    await expect(result).toBeVisible();
    return result;
  }
}
