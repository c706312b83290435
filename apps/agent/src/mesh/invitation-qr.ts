import { toDataURL } from 'qrcode';

/** The invitation link as a QR code: a PNG data URL the dashboard shows as is. */
export function invitationQrPng(link: string): Promise<string> {
  return toDataURL(link, { errorCorrectionLevel: 'M', margin: 2, scale: 4 });
}
