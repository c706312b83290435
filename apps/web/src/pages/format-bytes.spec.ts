import { describe, expect, it } from 'vitest';
import { formatBytes } from './format-bytes';

describe('formatBytes', () => {
  it('picks the largest binary unit, one decimal, the language’s decimal mark', () => {
    expect(formatBytes(0, 'en')).toBe('0 B');
    expect(formatBytes(1023, 'en')).toBe('1,023 B');
    expect(formatBytes(1536, 'en')).toBe('1.5 KiB');
    expect(formatBytes(1536, 'fr')).toBe('1,5 KiB');
    expect(formatBytes(5 * 1024 ** 3, 'en')).toBe('5 GiB');
  });
});
