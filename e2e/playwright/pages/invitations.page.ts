import { expect, type Locator, type Page } from '@playwright/test';
import { openFromNav } from './nav';

export interface ShownInvitation {
  link: string;
  /** The QR image as the page shows it (its data URL) and as rendered on screen. */
  qrSrc: string;
  qrScreenshot: Buffer;
}

export class InvitationsPage {
  readonly created: Locator;
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.created = page.getByTestId('created-invitation');
    this.table = page.getByTestId('invitations-table');
  }

  async open(): Promise<void> {
    await openFromNav(this.page, 'Invitations', '/invitations');
    await expect(this.page.getByRole('heading', { level: 1, name: 'Invitations' })).toBeVisible();
  }

  /** Creates an invitation and reads what is shown once: the link and its QR code. */
  async create(expiry: string, ip = ''): Promise<ShownInvitation> {
    await this.page.getByLabel('Validité').fill(expiry);
    await this.page.getByLabel('Adresse mesh à attribuer (facultatif)').fill(ip);
    await this.page.getByRole('button', { name: 'Créer l’invitation' }).click();
    await expect(this.created).toBeVisible();
    const link = await this.created.getByLabel('Lien d’invitation').inputValue();
    const qr = this.created.getByRole('img', { name: 'QR code du lien d’invitation' });
    await expect(qr).toBeVisible();
    // Visible is not painted: the screenshot waits for the image to be decoded (a blank capture decodes to nothing).
    await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    const qrSrc = (await qr.getAttribute('src')) ?? '';
    return { link, qrSrc, qrScreenshot: await qr.screenshot() };
  }

  async copyLink(): Promise<void> {
    await this.created.getByRole('button', { name: 'Copier le lien' }).click();
  }

  /** The admin has passed the link on: it is gone from the page. */
  async dismiss(): Promise<void> {
    await this.created.getByRole('button', { name: 'J’ai transmis le lien' }).click();
    await expect(this.created).toBeHidden();
  }

  row(ip: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: ip, exact: true }) });
  }

  async revoke(ip: string): Promise<void> {
    await this.page.getByRole('button', { name: `Révoquer l’invitation pour ${ip}` }).click();
  }
}
