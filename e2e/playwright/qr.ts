import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/** The text of the QR code in a PNG (bytes, or a data:image/png;base64 URL); null when none is found. */
export function decodeQrPng(png: Buffer | string): string | null {
  const bytes = typeof png === 'string' ? Buffer.from(png.replace(/^data:image\/png;base64,/, ''), 'base64') : png;
  const image = PNG.sync.read(bytes);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null;
}
