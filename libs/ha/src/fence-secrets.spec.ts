import { describe, expect, it } from 'vitest';
import { SECRET_MASK, unmaskedValues } from './fence-secrets';

describe('secrets sent back masked', () => {
  const stored = { Authorization: 'Bearer abc' };

  it('keep the stored value for a mask, take a new value as sent', () => {
    expect(unmaskedValues('webhook header', { Authorization: SECRET_MASK, 'X-Plug': 'a' }, stored)).toEqual({ values: { Authorization: 'Bearer abc', 'X-Plug': 'a' }, problems: [] });
  });

  it('refuse a value that is not a string rather than storing "5", "null" or "[object Object]"', () => {
    expect(unmaskedValues('webhook header', { Authorization: 5, 'X-A': null, 'X-B': {} }, stored)).toEqual({
      values: {},
      problems: ['webhook header Authorization must be a string, not number', 'webhook header X-A must be a string, not null', 'webhook header X-B must be a string, not object'],
    });
  });

  it('refuse a mask with nothing stored behind it rather than storing the mask', () => {
    expect(unmaskedValues('webhook header', { 'X-New': SECRET_MASK }, stored).problems).toEqual(['webhook header X-New is "********" but no value is stored for it: send the value itself']);
    expect(unmaskedValues('param', { password: SECRET_MASK }, undefined).problems).toEqual(['param password is "********" but no value is stored for it: send the value itself']);
  });
});
