import { expect, type Locator, type Page } from '@playwright/test';
import { openFromNav } from './nav';

export class FencingPage {
  readonly form: Locator;

  constructor(readonly page: Page) {
    this.form = page.locator('form').filter({ has: page.getByRole('heading', { name: /équipement de fencing|Modifier l’équipement/ }) });
  }

  async open(): Promise<void> {
    await openFromNav(this.page, 'Fencing', '/fencing');
    await expect(this.page.getByRole('heading', { level: 1, name: 'Fencing (STONITH)' })).toBeVisible();
  }

  /** Opens the device form, names the device and the agent, and reads the agent's metadata into fields. */
  async startDevice(name: string, agent: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Ajouter un équipement' }).click();
    await this.form.getByLabel('Nom de l’équipement').fill(name);
    await this.form.getByLabel('Agent de fencing').fill(agent);
    await this.form.getByRole('button', { name: 'Lire les paramètres de l’agent' }).click();
    await expect(this.form.getByRole('group', { name: `Paramètres de ${agent}` })).toBeVisible();
  }

  /** A parameter's field, labelled with the parameter's own name. */
  parameter(name: string): Locator {
    return this.form.getByRole('group', { name: /^Paramètres de / }).getByLabel(new RegExp(`^${name}( \\(obligatoire\\))?$`));
  }

  async saveDevice(): Promise<void> {
    await this.form.getByRole('button', { name: 'Enregistrer l’équipement' }).click();
  }

  power(node: string): Locator {
    return this.page.getByTestId(`power-${node}`).getByTestId('power-state');
  }

  /**
   * Asks to fence (off) or unfence (on) a node; checks the confirm button waits for the node's
   * name to be typed, types it, confirms.
   */
  async fenceWithTypedConfirmation(node: string, action: 'off' | 'on', beforeConfirm?: (dialog: Locator) => Promise<void>): Promise<void> {
    await this.page
      .getByTestId(`power-${node}`)
      .getByRole('button', { name: action === 'off' ? 'Isoler (fence)' : 'Rallumer (unfence)' })
      .click();
    const dialog = this.page.getByRole('dialog', { name: action === 'off' ? `Isoler ${node} ?` : `Rallumer ${node} ?` });
    const confirm = dialog.getByRole('button', { name: action === 'off' ? 'Isoler le nœud' : 'Rallumer le nœud' });
    await expect(confirm).toBeDisabled();
    const typed = dialog.getByLabel(`Tapez « ${node} » pour confirmer`);
    await typed.fill(node.slice(0, -1));
    await expect(confirm).toBeDisabled();
    await typed.fill(node);
    await expect(confirm).toBeEnabled();
    await beforeConfirm?.(dialog);
    await confirm.click();
    await expect(dialog).toBeHidden({ timeout: 60_000 });
  }

  historyRows(node: string, action: string): Locator {
    return this.page.getByTestId('fence-history').getByRole('row').filter({ hasText: node }).filter({ hasText: action });
  }
}
