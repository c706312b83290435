import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replay } from './replay';
import { parseScenario } from './scenario';

const root = join(__dirname, '../../scenarios');
const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.yaml') ? [join(dir, e.name)] : []));
const corpus = files(root).sort();

describe('scenario corpus (libs/ha/scenarios)', () => {
  it('holds at least 100 scenarios', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(100);
  });

  it.each(corpus.map((f) => [relative(root, f), f]))('%s', (_name, file) => {
    const scenario = parseScenario(readFileSync(file, 'utf8'), relative(root, file));
    const failures = replay(scenario).flatMap((s) => s.mismatches.map((m) => `step ${s.index} (at ${s.at} s): ${m}`));
    expect(failures, scenario.description).toEqual([]);
  });
});
