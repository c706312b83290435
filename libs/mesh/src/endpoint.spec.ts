import { describe, expect, it } from 'vitest';
import { formatEndpoint, nextResolution, parseEndpoint } from './endpoint';

describe('parseEndpoint', () => {
  it('reads addresses, IPv6 in brackets and DNS names', () => {
    expect(parseEndpoint('203.0.113.7:51820')).toEqual({ host: '203.0.113.7', port: 51820, literal: true });
    expect(parseEndpoint('[2001:db8::7]:51820')).toEqual({ host: '2001:db8::7', port: 51820, literal: true });
    expect(parseEndpoint('home.duckdns.org:51820')).toEqual({ host: 'home.duckdns.org', port: 51820, literal: false });
  });

  it('refuses what is not HOST:PORT', () => {
    for (const bad of ['home.duckdns.org', '2001:db8::7:51820', '[nope]:51820', 'a:0', 'a:70000', ':51820', 'a b:1']) expect(parseEndpoint(bad), bad).toBeNull();
  });
});

describe('formatEndpoint', () => {
  it('puts IPv6 in brackets, as wg set endpoint wants it', () => {
    expect(formatEndpoint('192.0.2.3', 51820)).toBe('192.0.2.3:51820');
    expect(formatEndpoint('2001:db8::3', 51820)).toBe('[2001:db8::3]:51820');
  });
});

describe('nextResolution', () => {
  it('a literal is itself, resolved or not', () => {
    expect(nextResolution('[2001:db8::7]:51820', { error: 'x' }, undefined)).toEqual({ endpoint: '[2001:db8::7]:51820', problem: null });
  });

  it('a name takes its address now, and follows it when it moves', () => {
    const first = nextResolution('home.example:51820', { address: '198.51.100.4' }, undefined);
    expect(first).toEqual({ endpoint: '198.51.100.4:51820', problem: null });
    expect(nextResolution('home.example:51820', { address: '198.51.100.9' }, first)).toEqual({ endpoint: '198.51.100.9:51820', problem: null });
    expect(nextResolution('home6.example:51820', { address: '2001:db8::9' }, undefined).endpoint).toBe('[2001:db8::9]:51820');
  });

  it('a failed lookup keeps the last address and says why; with none, there is no endpoint', () => {
    const before = { endpoint: '198.51.100.4:51820', problem: null };
    expect(nextResolution('home.example:51820', { error: 'ENOTFOUND' }, before)).toEqual({ endpoint: '198.51.100.4:51820', problem: 'home.example does not resolve (ENOTFOUND)' });
    expect(nextResolution('home.example:51820', { error: 'ENOTFOUND' }, undefined)).toEqual({ endpoint: null, problem: 'home.example does not resolve (ENOTFOUND)' });
  });
});
