import { expect, type Locator, type Page } from '@playwright/test';
import { openFromNav } from './nav';

export class MeshPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await openFromNav(this.page, 'Mesh', '/mesh');
    await expect(this.page.getByRole('heading', { level: 1, name: 'Mesh' })).toBeVisible();
  }

  selfPublicKey(): Locator {
    return this.page.getByTestId('self-public-key');
  }

  /** Rotates this node's WireGuard key from the page; returns the key now in use. */
  async rotateKey(): Promise<string> {
    const before = (await this.selfPublicKey().textContent()) ?? '';
    await this.page.getByRole('button', { name: 'Changer la clé de ce nœud' }).click();
    await expect(this.page.getByRole('status')).toContainText('Nouvelle clé en service', { timeout: 30_000 });
    await expect(this.selfPublicKey()).not.toHaveText(before);
    return (await this.selfPublicKey().textContent()) ?? '';
  }

  async askToRemove(name: string): Promise<void> {
    await this.page.getByRole('button', { name: `Retirer ${name} du cluster` }).click();
  }

  peer(name: string): Locator {
    return this.page.getByTestId(`peer-${name}`);
  }

  /** Connected, with a handshake at most `maxAgeSeconds` old (the page shows "il y a N s" or "il y a N min …"). */
  async expectConnected(name: string, maxAgeSeconds: number): Promise<void> {
    const row = this.peer(name);
    await expect(row).toContainText('Connecté', { timeout: 30_000 });
    await expect(async () => {
      const text = (await row.getByTestId('handshake').textContent()) ?? '';
      const match = /^il y a (?:(\d+) min ?)?(?:(\d+) s)?$/.exec(text.trim());
      expect(match, `handshake cell "${text}"`).not.toBeNull();
      expect(Number(match?.[1] ?? 0) * 60 + Number(match?.[2] ?? 0)).toBeLessThanOrEqual(maxAgeSeconds);
    }).toPass({ timeout: 15_000 });
  }

  /** The picture of the whole mesh (its description lists the links at fault). */
  picture(): Locator {
    return this.page.getByRole('img', { name: 'Carte du mesh', exact: true });
  }

  /** One half of a link on the picture: what `from` sees of `to` (data-state up, slow, down, unknown). */
  link(from: string, to: string): Locator {
    return this.page.getByTestId(`link-${from}-${to}`);
  }

  matrixCell(from: string, to: string): Locator {
    return this.page.getByTestId(`matrix-${from}-${to}`);
  }

  /** Every half-link between `nodes` in `state`. */
  async expectLinks(nodes: readonly string[], state: string, timeout = 30_000): Promise<void> {
    for (const from of nodes) for (const to of nodes) if (from !== to) await expect(this.link(from, to)).toHaveAttribute('data-state', state, { timeout });
  }
}
