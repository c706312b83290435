import { describe, expect, it } from 'vitest';
import { formatBytes, formatMs } from './format-bytes';

describe('formatBytes', () => {
  it('picks the largest binary unit, one decimal, the language’s decimal mark', () => {
    expect(formatBytes(0, 'en')).toBe('0 B');
    expect(formatBytes(1023, 'en')).toBe('1,023 B');
    expect(formatBytes(1536, 'en')).toBe('1.5 KiB');
    expect(formatBytes(1536, 'fr')).toBe('1,5 KiB');
    expect(formatBytes(5 * 1024 ** 3, 'en')).toBe('5 GiB');
  });
});

describe('formatMs', () => {
  it('says a round trip with one decimal at most, in the language’s way', () => {
    expect(formatMs(1.25, 'en')).toBe('1.3 ms');
    expect(formatMs(0.8, 'fr')).toBe('0,8 ms');
    expect(formatMs(140, 'fr')).toBe('140 ms');
  });
});
