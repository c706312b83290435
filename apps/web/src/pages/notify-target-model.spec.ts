import { describe, expect, it } from 'vitest';
import { MASK, putTargetBody, targetValues } from './notify-target-model';

describe('notification target form', () => {
  it('sends only the fields of the kind, the list of addresses split', () => {
    const values = {
      ...targetValues(),
      kind: 'email' as const,
      host: ' smtp.example.test ',
      port: '2525',
      tls: 'none' as const,
      from: 'sfha@example.test',
      to: 'a@example.test, b@example.test',
      secret: 'pw',
      user: 'u',
    };
    expect(putTargetBody(values)).toEqual({
      kind: 'email',
      events: 'incidents',
      minLevel: 'info',
      language: 'fr',
      host: 'smtp.example.test',
      port: 2525,
      tls: 'none',
      user: 'u',
      from: 'sfha@example.test',
      to: ['a@example.test', 'b@example.test'],
      password: 'pw',
    });
  });
  it('an empty secret keeps the stored one (sent as the mask); a new target without one sends none', () => {
    const existing = { name: 'ops', kind: 'webhook' as const, url: 'https://h.test/', secret: MASK, events: 'incidents' as const, minLevel: 'info' as const, language: 'fr' as const };
    expect(putTargetBody(targetValues(existing), existing)).toMatchObject({ url: 'https://h.test/', secret: MASK });
    expect(putTargetBody({ ...targetValues(), url: 'https://h.test/' })).not.toHaveProperty('secret');
  });
});
