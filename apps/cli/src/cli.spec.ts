import { describe, expect, it } from 'vitest';
import { parseArgs } from './args';
import { formatDuration, formatStatus } from './format';
import { headerFileLines } from './header-file';
import { MESSAGES } from './i18n';

describe('sfha arguments', () => {
  it('defaults to French, /var/lib/sfha and the agent-written URL', () => {
    expect(parseArgs(['status'], {})).toEqual({
      args: { lang: 'fr', json: false, url: undefined, dataDir: '/var/lib/sfha', help: false, version: false, command: 'status', rest: [] },
    });
  });

  it('takes --lang=en, --json, --url and the environment', () => {
    const parsed = parseArgs(['--lang=en', '--json', '--url', 'http://127.0.0.1:9', 'status'], { SFHA_DATA_DIR: '/srv/sfha' });
    expect(parsed).toMatchObject({ args: { lang: 'en', json: true, url: 'http://127.0.0.1:9', dataDir: '/srv/sfha', command: 'status' } });
    expect(parseArgs(['status'], { SFHA_LANG: 'en' })).toMatchObject({ args: { lang: 'en' } });
  });

  it('reports errors in the chosen language', () => {
    expect(parseArgs(['--frob', 'status'], {})).toEqual({ error: 'option inconnue « --frob » (voir sfha --help)', lang: 'fr' });
    expect(parseArgs(['--lang=en', '--frob'], {})).toEqual({ error: 'unknown option "--frob" (see sfha --help)', lang: 'en' });
    expect(parseArgs(['--lang=de'], {})).toEqual({ error: 'langue « de » non prise en charge : fr ou en', lang: 'fr' });
    expect(parseArgs(['--url'], {})).toEqual({ error: '--url attend une valeur', lang: 'fr' });
  });
});

describe('sfha output', () => {
  it('formats durations', () => {
    expect(formatDuration(42, 'fr')).toBe('42 s');
    expect(formatDuration(192, 'en')).toBe('3 min 12 s');
    expect(formatDuration(7500, 'fr')).toBe('2 h 05 min');
    expect(formatDuration(90_000, 'fr')).toBe('1 j 1 h');
  });

  it('aligns the status table, in both languages', () => {
    const view = { nodeName: 'node1', version: '0.1.0', uptimeSeconds: 65, setupComplete: false, clusterMember: false, health: 'ok' };
    expect(formatStatus(view, MESSAGES.en, 'en').split('\n')).toEqual([
      'Node           node1',
      'Version        0.1.0',
      'Agent          running for 1 min 05 s',
      'Health         ok',
      'Admin account  not yet created (first run: open the dashboard)',
      'Cluster        none (sfha init to create one, sfha join to join one)',
    ]);
    expect(formatStatus(view, MESSAGES.fr, 'fr')).toContain('Nœud          node1');
  });
});

describe('sfha stonith --header-file', () => {
  it('reads one "Name: value" a line, skipping blank lines and comments', () => {
    expect(headerFileLines('# the PDU token\nAuthorization: Bearer abc\r\n\n  X-Site: paris  \n')).toEqual(['Authorization: Bearer abc', 'X-Site: paris']);
  });
});
