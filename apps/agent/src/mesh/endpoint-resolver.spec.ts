import { describe, expect, it } from 'vitest';
import type { JsonLogger } from '../logging/json-logger';
import { EndpointResolver } from './endpoint-resolver';

function resolverWith(records: Map<string, string>) {
  const lines: string[] = [];
  const logger = { event: (level: string, _c: string, message: string) => lines.push(`${level} ${message}`) } as unknown as JsonLogger;
  const resolver = new EndpointResolver(logger);
  let lookups = 0;
  resolver.useLookup((host) => {
    lookups++;
    const address = records.get(host);
    return address ? Promise.resolve(address) : Promise.reject(new Error(`ENOTFOUND ${host}`));
  });
  return { resolver, lines, lookups: () => lookups };
}

describe('EndpointResolver', () => {
  it('resolves names (not literals), follows a moved name, keeps the last address when the name stops resolving, logs each change once', async () => {
    const records = new Map([['home.example', '198.51.100.4']]);
    const { resolver, lines, lookups } = resolverWith(records);
    const endpoints = ['home.example:51820', '192.0.2.1:51820', null];
    expect([...(await resolver.resolveAll(endpoints))]).toEqual([
      ['home.example:51820', { endpoint: '198.51.100.4:51820', problem: null }],
      ['192.0.2.1:51820', { endpoint: '192.0.2.1:51820', problem: null }],
    ]);
    expect(lookups()).toBe(1);
    await resolver.resolveAll(endpoints);
    records.set('home.example', '198.51.100.9');
    expect((await resolver.resolveAll(endpoints)).get('home.example:51820')).toEqual({ endpoint: '198.51.100.9:51820', problem: null });
    records.delete('home.example');
    expect((await resolver.resolveAll(endpoints)).get('home.example:51820')).toEqual({ endpoint: '198.51.100.9:51820', problem: 'home.example does not resolve (ENOTFOUND home.example)' });
    await resolver.resolveAll(endpoints);
    expect(lines).toEqual([
      'info endpoint home.example:51820 resolves to 198.51.100.4:51820',
      'info endpoint home.example:51820 resolves to 198.51.100.9:51820 (was 198.51.100.4:51820)',
      'warn endpoint home.example:51820: home.example does not resolve (ENOTFOUND home.example); keeping 198.51.100.9:51820',
    ]);
    expect(resolver.last('home.example:51820')?.problem).toContain('does not resolve');
  });

  it('forgets endpoints no member has any more', async () => {
    const { resolver } = resolverWith(new Map([['gone.example', '198.51.100.4']]));
    await resolver.resolveAll(['gone.example:51820']);
    await resolver.resolveAll([]);
    expect(resolver.last('gone.example:51820')).toBeUndefined();
  });
});
