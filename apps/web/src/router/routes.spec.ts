import { describe, expect, it } from 'vitest';
import { findRoute, HOME_ROUTE, ROUTES } from './routes';

describe('findRoute', () => {
  it('finds each page by its address, with or without a trailing slash', () => {
    expect(findRoute('/')).toBe(HOME_ROUTE);
    expect(findRoute('/mesh')?.navLabel).toBe('mesh');
    expect(findRoute('/invitations/')?.navLabel).toBe('invitations');
  });

  it('knows no other address (the app then shows the overview)', () => {
    expect(findRoute('/login')).toBeUndefined();
    expect(findRoute('/mesh/extra')).toBeUndefined();
  });

  it('gives every page its own address', () => {
    expect(new Set(ROUTES.map((r) => r.path)).size).toBe(ROUTES.length);
  });
});
