import { describe, expect, it } from 'vitest';
import { JsonLogger } from './json-logger';
import { SecretRegistry } from './secret-registry';

function capture(level: 'info' | 'debug' = 'info') {
  const lines: string[] = [];
  const secrets = new SecretRegistry();
  const logger = new JsonLogger(level, secrets, (l) => lines.push(l));
  return { lines, secrets, logger, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('JSON logger', () => {
  it('writes one JSON object per line with level, context and fields', () => {
    const { logger, parsed } = capture();
    logger.event('info', 'http', 'request', { method: 'GET', status: 200 });
    expect(parsed()[0]).toMatchObject({ level: 'info', context: 'http', msg: 'request', method: 'GET', status: 200 });
  });

  it('drops entries below the configured level', () => {
    const { logger, lines } = capture('info');
    logger.debug('noise');
    logger.warn('kept');
    expect(lines).toHaveLength(1);
  });

  it('masks registered secrets anywhere and drops secret-named fields', () => {
    const { logger, secrets, lines } = capture();
    secrets.add('s3cr3t-signing-key');
    logger.event('info', 'auth', 'key is s3cr3t-signing-key', { password: 'hunter2hunter2', note: 'prefix s3cr3t-signing-key' });
    expect(lines.join('')).not.toContain('s3cr3t-signing-key');
    expect(lines.join('')).not.toContain('hunter2hunter2');
  });
});
